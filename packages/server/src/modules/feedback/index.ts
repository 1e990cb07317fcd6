/**
 * Feedback questionnaires: templates (Likert, single choice, free text; English and Urdu), the
 * questionnaire of an event with its public link, anonymous responses (one per participant), results.
 */
import { registerPlaceLinks } from '../participations/index.js';
import { moveAnsweredOfPlace } from './feedback.repository.js';
export { registerFeedbackRoutes } from './feedback.routes.js';
// The results' figures, pure: for reports across events and for the benchmark.
export { itemResults, withheldGroups } from './feedback.results.js';

// A merge of two people at one event keeps what this module hung on the duplicate's place (who has answered a questionnaire).
registerPlaceLinks('feedback', moveAnsweredOfPlace);
