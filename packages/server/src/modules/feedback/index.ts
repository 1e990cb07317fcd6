/**
 * Feedback questionnaires: templates (Likert, single choice, free text; English and Urdu), the
 * questionnaire of an event with its public link, anonymous responses (one per participant), results.
 */
export { registerFeedbackRoutes } from './feedback.routes.js';
// The results' figures, pure: for reports across events and for the benchmark.
export { itemResults, withheldGroups } from './feedback.results.js';
