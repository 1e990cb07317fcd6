import { addStrings } from '../../i18n';
import en from '../../i18n/caseDuplicates.en.json';
import ur from '../../i18n/caseDuplicates.ur.json';

/** Possible duplicates across agencies ('caseDuplicates:…' keys): its page, the supervisor's home card, the case history's merged entries. */
addStrings('caseDuplicates', { en, ur });
