import { addStrings } from '../../i18n';
import en from '../../i18n/cases.en.json';
import ur from '../../i18n/cases.ur.json';

/** The case files' strings ('cases:…' keys), both languages, brought by the case pages only. */
addStrings('cases', { en, ur });
