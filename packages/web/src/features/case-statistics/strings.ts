import { addStrings } from '../../i18n';
import en from '../../i18n/caseStats.en.json';
import ur from '../../i18n/caseStats.ur.json';

/** The case statistics page's strings ('caseStats:…' keys), both languages, brought by its page only. */
addStrings('caseStats', { en, ur });
