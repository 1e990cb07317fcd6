import { addStrings } from '../../i18n';
import en from '../../i18n/certificates.en.json';
import ur from '../../i18n/certificates.ur.json';

/**
 * The certificates' strings ('certificates:…' keys), both languages, brought by the chunks that use
 * them (the event's Certificates tab and the public verify page), not by every page's first load.
 */
addStrings('certificates', { en, ur });
