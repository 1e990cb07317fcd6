// The screening aid's vocabulary, without zod: the web app imports these as values, and keeping them
// out of the module that builds the schemas keeps zod out of the aid page's first load (see vocabulary.ts).

/** An answer to an indicator question. `declined`: the person chose not to answer (never held against them). */
export const screeningAnswers = ['yes', 'no', 'unknown', 'declined'] as const;
export type ScreeningAnswer = (typeof screeningAnswers)[number];

export const tipElements = ['act', 'means', 'purpose'] as const;
export const somElements = ['irregularEntry', 'facilitation', 'benefit'] as const;
export const screeningElements = [...tipElements, ...somElements] as const;
export type ScreeningElement = (typeof screeningElements)[number];

/** What a question tells: a legal element, the person's age, whether a border was crossed, or an immediate need. */
export type QuestionGroup = ScreeningElement | 'age' | 'border' | 'emergency';

/**
 * The questions, in the order the aid asks them (their words are the web app's, in English and Urdu,
 * under `screening:questions.<id>`). The rules of a version name which questions count for each
 * element under each legal instrument (the national law's lists may be narrower).
 */
export const screeningQuestions = [
  { id: 'emergency_medical', group: 'emergency' },
  { id: 'emergency_danger', group: 'emergency' },
  { id: 'emergency_unaccompanied_child', group: 'emergency' },
  { id: 'age_child', group: 'age' },
  { id: 'act_recruited', group: 'act' },
  { id: 'act_transported', group: 'act' },
  { id: 'act_harboured', group: 'act' },
  { id: 'act_handed_over', group: 'act' },
  { id: 'means_force', group: 'means' },
  { id: 'means_threats', group: 'means' },
  { id: 'means_deception', group: 'means' },
  { id: 'means_abduction', group: 'means' },
  { id: 'means_debt_documents', group: 'means' },
  { id: 'means_vulnerability', group: 'means' },
  { id: 'means_payment_to_controller', group: 'means' },
  { id: 'purpose_sexual', group: 'purpose' },
  { id: 'purpose_labour', group: 'purpose' },
  { id: 'purpose_servitude', group: 'purpose' },
  { id: 'purpose_begging_crime', group: 'purpose' },
  { id: 'purpose_marriage', group: 'purpose' },
  { id: 'purpose_organs', group: 'purpose' },
  { id: 'border_crossed', group: 'border' },
  { id: 'entry_without_requirements', group: 'irregularEntry' },
  { id: 'entry_false_documents', group: 'irregularEntry' },
  { id: 'facilitation_arranged', group: 'facilitation' },
  { id: 'facilitation_documents', group: 'facilitation' },
  { id: 'benefit_paid', group: 'benefit' },
  { id: 'benefit_in_kind', group: 'benefit' },
] as const satisfies ReadonlyArray<{ id: string; group: QuestionGroup }>;

export const screeningQuestionIds = screeningQuestions.map((q) => q.id) as unknown as readonly [
  (typeof screeningQuestions)[number]['id'],
  ...(typeof screeningQuestions)[number]['id'][],
];
export type ScreeningQuestionId = (typeof screeningQuestions)[number]['id'];
export const screeningSuggestions = ['tip', 'som', 'both', 'neither', 'insufficient'] as const;
export type ScreeningSuggestion = (typeof screeningSuggestions)[number];
export const emergencyReasons = ['medical', 'danger', 'unaccompaniedChild'] as const;
export type EmergencyReason = (typeof emergencyReasons)[number];
export const agencyScopes = ['tip_internal', 'tip_cross_border', 'som'] as const;
export type AgencyScope = (typeof agencyScopes)[number];
/** Why an instrument's evaluation reads as it does (the web app says them in words). */
export const evaluationNotes = [
  'child_no_means_needed',
  'means_required_for_child',
  'narrower_purposes',
  'narrower_means',
  'elements_given_directly',
  'age_unknown',
] as const;
export type EvaluationNote = (typeof evaluationNotes)[number];
