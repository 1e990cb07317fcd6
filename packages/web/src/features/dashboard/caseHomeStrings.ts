import { addStrings } from '../../i18n';
import en from '../../i18n/caseHome.en.json';
import ur from '../../i18n/caseHome.ur.json';

/** The case roles' home page strings ('caseHome:…' keys), both languages: in the dashboard's chunk, out of every other page's first load. */
addStrings('caseHome', { en, ur });
