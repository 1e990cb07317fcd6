import { addStrings } from '../../i18n';
import en from '../../i18n/system.en.json';
import ur from '../../i18n/system.ur.json';

/** The System page's strings ('system:…' keys), both languages, brought by that page only. */
addStrings('system', { en, ur });
