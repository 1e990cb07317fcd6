import { addStrings } from '../../i18n';
import en from '../../i18n/servicesNav.en.json';
import ur from '../../i18n/servicesNav.ur.json';

/**
 * The menu's one word for the directory ('servicesNav:label'), in the signed-in frame: a namespace of
 * its own (a few bytes) rather than en.json/ur.json, whose first-load budget is nearly spent.
 */
addStrings('servicesNav', { en, ur });
