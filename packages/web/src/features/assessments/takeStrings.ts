import { addStrings } from '../../i18n';
import en from '../../i18n/take.en.json';
import ur from '../../i18n/take.ur.json';

/**
 * The public test page's strings ('take:…' keys), both languages in its own chunk: a participant on a
 * slow link gets them with the page, without another round trip, whichever language they switch to.
 */
addStrings('take', { en, ur });
