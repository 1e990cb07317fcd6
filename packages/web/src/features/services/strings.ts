import { addStrings } from '../../i18n';
import en from '../../i18n/services.en.json';
import ur from '../../i18n/services.ur.json';

/** The service directory's strings ('services:…' keys), both languages, brought by its pages only. */
addStrings('services', { en, ur });
