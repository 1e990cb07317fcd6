import { addStrings } from '../../i18n';
import en from '../../i18n/feedback.en.json';
import ur from '../../i18n/feedback.ur.json';

/**
 * Feedback questionnaires' strings ('feedback:…' keys), both languages in the chunks that use them
 * (the event's Feedback tab, the public questionnaire page): nothing on any other page's first load.
 */
addStrings('feedback', { en, ur });
