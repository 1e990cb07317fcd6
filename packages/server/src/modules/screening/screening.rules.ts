import {
  screeningQuestions,
  somElements,
  tipElements,
  type AgencyScope,
  type CompetentAgency,
  type CompetentAgencyRule,
  type EmergencyReason,
  type EvaluateScreeningInput,
  type EvaluationNote,
  type InstrumentEvaluation,
  type LegalBasisEntry,
  type LegalInstrument,
  type ScreeningAnswer,
  type ScreeningElement,
  type ScreeningElementResult,
  type ScreeningEvaluation,
  type ScreeningQuestionId,
  type ScreeningRuleContent,
  type ScreeningSuggestion,
} from '@hifazat/contract';

/**
 * The screening rules, as pure functions of the answers and a version of the rules: no database, no
 * clock. The evaluate route and (later) stored screenings on case files call `evaluate` alike, and a
 * stored screening keeps `rulesVersion` so that it can be read again as it was.
 *
 * Three-valued throughout: true (met), false (not met), null (open: unknown, declined or unanswered).
 * An element is met when one of its questions is answered yes, not met when all are answered no, open
 * otherwise; an offence is met when every element is, not met when one is not (Kleene logic).
 */

export type Tri = boolean | null;

/** The rules a screening runs with: the country's version (or none) and the international one. */
export type AppliedRules = {
  countryCode: string;
  /** The country's version; null when the country has none (the international rules alone apply). */
  country: { id: string; content: ScreeningRuleContent } | null;
  international: { id: string; content: ScreeningRuleContent };
};

type Answers = Partial<Record<ScreeningQuestionId, ScreeningAnswer>>;

export function and3(values: readonly Tri[]): Tri {
  if (values.some((v) => v === false)) return false;
  return values.every((v) => v === true) ? true : null;
}

export function or3(values: readonly Tri[]): Tri {
  if (values.some((v) => v === true)) return true;
  return values.every((v) => v === false) ? false : null;
}

const QUESTIONS_OF = new Map<string, ScreeningQuestionId[]>();
for (const q of screeningQuestions) QUESTIONS_OF.set(q.group, [...(QUESTIONS_OF.get(q.group) ?? []), q.id]);
export const questionsOf = (group: string): ScreeningQuestionId[] => QUESTIONS_OF.get(group) ?? [];

/** Met when one of the questions is answered yes; not met when all are answered no (or there are none); open otherwise. */
export function fromAnswers(answers: Answers, questions: readonly ScreeningQuestionId[]): Tri {
  if (questions.some((q) => answers[q] === 'yes')) return true;
  return questions.every((q) => answers[q] === 'no') ? false : null;
}

const yesNo = (answer: ScreeningAnswer | undefined): Tri => (answer === 'yes' ? true : answer === 'no' ? false : null);

type Mode = { kind: 'answers'; answers: Answers } | { kind: 'given'; elements: Record<ScreeningElement, Tri> };

function modeOf(input: EvaluateScreeningInput): Mode {
  if (input.elements) return { kind: 'given', elements: input.elements };
  return { kind: 'answers', answers: input.answers ?? {} };
}

function instrumentsOf(rules: AppliedRules): LegalInstrument[] {
  return [...rules.international.content.instruments, ...(rules.country?.content.instruments ?? [])];
}

function agencyFor(rules: AppliedRules, scope: AgencyScope): CompetentAgencyRule | null {
  return rules.country?.content.agencies.find((a) => a.scope === scope) ?? rules.international.content.agencies.find((a) => a.scope === scope) ?? null;
}

const ELEMENTS_OF = { tip: tipElements, som: somElements } as const;

function evaluateInstrument(instrument: LegalInstrument, mode: Mode, isChild: Tri): InstrumentEvaluation {
  const elements: Partial<Record<ScreeningElement, Tri>> = {};
  const notes: EvaluationNote[] = [];
  for (const element of ELEMENTS_OF[instrument.kind]) {
    const listed = instrument.rule.elements[element] ?? [];
    elements[element] = mode.kind === 'given' ? mode.elements[element] : fromAnswers(mode.answers, listed);
    if (mode.kind === 'answers' && elements[element] !== true) {
      // A yes to a question this instrument does not count (a purpose its law does not name).
      const uncounted = questionsOf(element).filter((q) => !listed.includes(q) && mode.answers[q] === 'yes');
      if (uncounted.length > 0 && element === 'purpose') notes.push('narrower_purposes');
      if (uncounted.length > 0 && element === 'means') notes.push('narrower_means');
    }
  }
  if (mode.kind === 'given' && instrument.level === 'national') notes.push('elements_given_directly');
  let met: Tri;
  const meansRequired = instrument.kind === 'tip' && !(instrument.rule.childNeedsNoMeans && isChild === true);
  if (instrument.kind === 'tip') {
    const means = elements.means ?? null;
    const meansSatisfied = instrument.rule.childNeedsNoMeans ? or3([means, isChild]) : means;
    met = and3([elements.act ?? null, elements.purpose ?? null, meansSatisfied]);
    if (instrument.rule.childNeedsNoMeans && isChild === true) notes.push('child_no_means_needed');
    if (!instrument.rule.childNeedsNoMeans && isChild === true && means !== true) notes.push('means_required_for_child');
    if (instrument.rule.childNeedsNoMeans && isChild === null && means !== true) notes.push('age_unknown');
  } else {
    met = and3([elements.irregularEntry ?? null, elements.facilitation ?? null, elements.benefit ?? null]);
  }
  return {
    instrument: instrument.id,
    kind: instrument.kind,
    level: instrument.level,
    title: instrument.title,
    met,
    elements,
    meansRequired,
    notes,
    caveat: instrument.caveat,
    provisionIds: instrument.provisions.map((p) => p.id),
  };
}

function elementResult(element: ScreeningElement, mode: Mode, notRequired: boolean): ScreeningElementResult {
  const kind = (tipElements as readonly string[]).includes(element) ? 'tip' : 'som';
  const questions = questionsOf(element);
  if (mode.kind === 'given') {
    const value = mode.elements[element];
    return { element, kind, value, notRequired, supportingAnswers: [], openQuestions: value === null ? questions : [], source: 'given' };
  }
  const value = fromAnswers(mode.answers, questions);
  const wanted: ScreeningAnswer | null = value === true ? 'yes' : value === false ? 'no' : null;
  const supportingAnswers = wanted ? questions.filter((q) => mode.answers[q] === wanted).map((questionId) => ({ questionId, answer: wanted })) : [];
  const openQuestions = questions.filter((q) => mode.answers[q] !== 'yes' && mode.answers[q] !== 'no');
  return { element, kind, value, notRequired, supportingAnswers, openQuestions, source: 'answers' };
}

function suggestionOf(tip: Tri, som: Tri): ScreeningSuggestion {
  if (tip === true) return som === true ? 'both' : 'tip';
  if (tip === false && som === true) return 'som';
  if (tip === false && som === false) return 'neither';
  return 'insufficient';
}

function competentAgencyOf(rules: AppliedRules, tip: Tri, som: Tri, crossBorder: Tri): CompetentAgency | null {
  const as = (rule: CompetentAgencyRule | null, borderUnknown: boolean, alternative: CompetentAgencyRule | null): CompetentAgency | null =>
    rule ? { ...rule, borderUnknown, alternative } : null;
  if (tip === true) {
    if (crossBorder === true || som === true) return as(agencyFor(rules, 'tip_cross_border'), false, null);
    if (crossBorder === false) return as(agencyFor(rules, 'tip_internal'), false, null);
    return as(agencyFor(rules, 'tip_internal'), true, agencyFor(rules, 'tip_cross_border'));
  }
  if (som === true) return as(agencyFor(rules, 'som'), false, null);
  return null;
}

export function evaluate(input: EvaluateScreeningInput, rules: AppliedRules): ScreeningEvaluation {
  const mode = modeOf(input);
  const answers: Answers = mode.kind === 'answers' ? mode.answers : {};

  const isChild: Tri = input.age !== null && input.age !== undefined ? input.age < 18 : yesNo(answers.age_child);
  const instruments = instrumentsOf(rules);
  const evaluations = instruments.map((instrument) => evaluateInstrument(instrument, mode, isChild));
  const tip = or3(evaluations.filter((e) => e.kind === 'tip').map((e) => e.met));
  const som = or3(evaluations.filter((e) => e.kind === 'som').map((e) => e.met));
  const suggestion = suggestionOf(tip, som);

  const childWithoutMeans = isChild === true && instruments.some((i) => i.kind === 'tip' && i.rule.childNeedsNoMeans);
  const elements = [...tipElements, ...somElements].map((element) => elementResult(element, mode, element === 'means' && childWithoutMeans));
  const valueOf = (element: ScreeningElement): Tri => elements.find((e) => e.element === element)?.value ?? null;

  const irregularEntry = valueOf('irregularEntry');
  const crossBorder: Tri = irregularEntry === true ? true : mode.kind === 'given' ? (input.crossBorder ?? null) : yesNo(answers.border_crossed);

  const reasons: EmergencyReason[] = [];
  if (answers.emergency_medical === 'yes' || input.immediateNeeds?.medical) reasons.push('medical');
  if (answers.emergency_danger === 'yes' || input.immediateNeeds?.danger) reasons.push('danger');
  if (answers.emergency_unaccompanied_child === 'yes' || input.immediateNeeds?.unaccompaniedChild) reasons.push('unaccompaniedChild');

  const exploitationIndicators =
    mode.kind === 'answers'
      ? [...questionsOf('means'), ...questionsOf('purpose')].some((q) => answers[q] === 'yes')
      : valueOf('means') === true || valueOf('purpose') === true;
  const vulnerableMigrant = suggestion === 'neither' && (irregularEntry === true || exploitationIndicators || (crossBorder === true && isChild === true));

  // Questions whose answer could change the suggestion: those of the open elements of an open offence.
  const followUp = new Set<ScreeningQuestionId>();
  const openOf = (element: ScreeningElement) => elements.find((e) => e.element === element && e.value === null && !e.notRequired)?.openQuestions ?? [];
  if (tip === null) {
    for (const element of tipElements) for (const q of openOf(element)) followUp.add(q);
    if (isChild === null && valueOf('means') !== true) followUp.add('age_child');
  }
  if (som === null) for (const element of somElements) for (const q of openOf(element)) followUp.add(q);
  if (tip === true && crossBorder === null) followUp.add('border_crossed');
  const order = screeningQuestions.map((q) => q.id);
  const followUpQuestions = [...followUp].sort((a, b) => order.indexOf(a) - order.indexOf(b));

  const metOf = new Map(evaluations.map((e) => [e.instrument, e.met]));
  const legalBasis: LegalBasisEntry[] = instruments.flatMap((instrument) =>
    instrument.provisions.map((provision) => ({
      ...provision,
      instrument: instrument.id,
      instrumentTitle: instrument.title,
      kind: instrument.kind,
      level: instrument.level,
      met: metOf.get(instrument.id) ?? null,
    })),
  );

  const differs = (kind: 'tip' | 'som') => new Set(evaluations.filter((e) => e.kind === kind).map((e) => e.met)).size > 1;

  return {
    suggestion,
    elements,
    legalBasis,
    competentAgency: competentAgencyOf(rules, tip, som, crossBorder),
    rulesVersion: rules.country?.id ?? rules.international.id,
    internationalRulesVersion: rules.international.id,
    countryCode: rules.countryCode,
    fallbackToInternational: rules.country === null,
    evaluations,
    instrumentsDiffer: differs('tip') || differs('som'),
    emergency: { referralFirst: reasons.length > 0, reasons },
    isChild,
    crossBorder,
    vulnerableMigrant,
    followUpQuestions,
    stored: false,
  };
}
