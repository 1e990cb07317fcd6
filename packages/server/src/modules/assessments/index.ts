/**
 * Learning evidence, tests: the question bank, pre- and post-tests of events, attempts (typed in by
 * staff or sent through a test's public link), marking and personal codes.
 */
import { registerPlaceLinks } from '../participations/index.js';
import { moveAttemptsOfPlace } from './assessments.repository.js';
export { registerAssessmentRoutes } from './assessments.routes.js';
// For the analysis of an event's tests (read model): the scored attempts, nothing else of this module's tables.
export { scoredAttemptsForEvent, type EventAttempts, type ScoredAttempt } from './assessments.attempts.js';
// For certificate rules ("passed the post-test at the pass mark").
export { testResultsForEvent, type TestResult } from './assessments.attempts.js';
export { getVisibleTest, linkPath } from './assessments.service.js';
// The statistics of learning evidence, pure: for the benchmark and for reports across events.
export { analyseAssessment, type AssessmentAnalysis, type AssessmentAnalysisInput } from './assessment.analysis.js';
// The analysis pooled across a programme's events (the Learning page): for indicators of learning gain.
export { assessmentAcrossEvents } from './assessments.across.js';
// For learning across a training cascade's generations: the scored attempts of the events that have any.
export { scoredAttemptsOfTestedEvents } from './assessments.attempts.js';
// Public links of an event's other forms (the feedback questionnaire): the same pick-list, personal
// codes, per-address allowance for wrong names, link tokens, and the resend-race helper.
export {
  eventParticipation,
  identifySender,
  linkParticipants,
  pickList,
  WRONG_PARTICIPANT_LIMIT,
  type EventLink,
  type LinkParticipant,
  type LinkSender,
} from './assessments.link.js';
export { newLinkToken, newRefKey } from './assessments.names.js';
export { withRaceExplained } from './assessments.attempts.js';

// A merge of two people at one event keeps what this module hung on the duplicate's place (test attempts and personal codes).
registerPlaceLinks('assessments', moveAttemptsOfPlace);
