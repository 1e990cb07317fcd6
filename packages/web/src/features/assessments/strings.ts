import { addStrings } from '../../i18n';
import en from '../../i18n/assessments.en.json';
import ur from '../../i18n/assessments.ur.json';

/**
 * The staff screens' strings of tests and their analysis ('assessments:…' keys), in both languages,
 * brought by the chunks that use them: in the app's own en.json they would weigh on every page's
 * first load, sign-in's included (held to 120 kB). Imported for its effect by each such module.
 */
addStrings('assessments', { en, ur });
