import { addStrings } from '../../i18n';
import en from '../../i18n/cascades.en.json';
import ur from '../../i18n/cascades.ur.json';

/** The cascades' strings ('cascades:…' keys), both languages, brought by the chunks that use them. */
addStrings('cascades', { en, ur });
