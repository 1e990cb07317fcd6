import { addStrings } from '../../i18n';
import en from '../../i18n/screening.en.json';
import ur from '../../i18n/screening.ur.json';

/** The screening aid's strings ('screening:…' keys), both languages, brought by its pages only. */
addStrings('screening', { en, ur });
