import { zEvaluateScreeningBody, type EvaluateScreeningBody, type ScreeningEvaluation } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../db/test-db.js';
import type { Db } from '../../db/database.js';
import { and3, evaluate, or3, type AppliedRules } from './screening.rules.js';
import { rulesFor } from './screening.service.js';

/**
 * The screening rules, table-driven, against the seeded rules (INTL-2000.1 and PK-2018.1) read from
 * a real database: each row is a case study and what the aid must say about it.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pk: AppliedRules;
let fallback: AppliedRules;

beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  const db: Db = database.db;
  pk = await rulesFor(db, 'PK', '2025-06-01');
  fallback = await rulesFor(db, 'NP', '2025-06-01');
});
afterAll(async () => database.destroy());

const run = (body: EvaluateScreeningBody, rules: AppliedRules = pk): ScreeningEvaluation => evaluate(zEvaluateScreeningBody.parse(body), rules);
const met = (result: ScreeningEvaluation, instrument: string) => result.evaluations.find((e) => e.instrument === instrument)?.met;
const element = (result: ScreeningEvaluation, name: string) => result.elements.find((e) => e.element === name);

const noSmuggling = {
  border_crossed: 'no',
  entry_without_requirements: 'no',
  entry_false_documents: 'no',
  facilitation_arranged: 'no',
  facilitation_documents: 'no',
  benefit_paid: 'no',
  benefit_in_kind: 'no',
} as const;
const noTrafficking = { act_recruited: 'no', act_transported: 'no', act_harboured: 'no', act_handed_over: 'no' } as const;

type Row = {
  name: string;
  body: EvaluateScreeningBody;
  suggestion: ScreeningEvaluation['suggestion'];
  protocol?: boolean | null;
  national?: boolean | null;
  smuggling?: boolean | null;
  agency?: 'tip_internal' | 'tip_cross_border' | 'som' | null;
  vulnerableMigrant?: boolean;
};

const rows: Row[] = [
  {
    name: 'adult recruited by deception for forced labour, within Pakistan → tip (both laws)',
    body: { countryCode: 'PK', age: 30, answers: { ...noSmuggling, act_recruited: 'yes', means_deception: 'yes', purpose_labour: 'yes' } },
    suggestion: 'tip',
    protocol: true,
    national: true,
    smuggling: false,
    agency: 'tip_internal',
  },
  {
    name: 'child moved for labour without any means → tip under the Protocol, not under PTPA s.3 as quoted',
    body: {
      countryCode: 'PK',
      age: 14,
      answers: {
        ...noSmuggling,
        act_transported: 'yes',
        purpose_labour: 'yes',
        means_force: 'no',
        means_threats: 'no',
        means_deception: 'no',
        means_abduction: 'no',
        means_debt_documents: 'no',
        means_vulnerability: 'no',
        means_payment_to_controller: 'no',
      },
    },
    suggestion: 'tip',
    protocol: true,
    national: false,
    smuggling: false,
    agency: 'tip_internal',
  },
  {
    name: 'irregular crossing for a fee, no exploitation → som',
    body: {
      countryCode: 'PK',
      age: 24,
      answers: { ...noTrafficking, border_crossed: 'yes', entry_without_requirements: 'yes', facilitation_arranged: 'yes', benefit_paid: 'yes' },
    },
    suggestion: 'som',
    protocol: false,
    national: false,
    smuggling: true,
    agency: 'som',
  },
  {
    name: 'smuggled, then held in debt bondage and made to work → both',
    body: {
      countryCode: 'PK',
      age: 22,
      answers: {
        entry_false_documents: 'yes',
        facilitation_documents: 'yes',
        benefit_in_kind: 'yes',
        act_harboured: 'yes',
        means_debt_documents: 'yes',
        purpose_labour: 'yes',
      },
    },
    suggestion: 'both',
    protocol: true,
    national: true,
    smuggling: true,
    agency: 'tip_cross_border',
  },
  {
    name: 'a regular migrant worker, no act, no smuggling → neither, not a vulnerable migrant',
    body: { countryCode: 'PK', age: 35, answers: { ...noTrafficking, ...noSmuggling, border_crossed: 'yes' } },
    suggestion: 'neither',
    protocol: false,
    national: false,
    smuggling: false,
    agency: null,
    vulnerableMigrant: false,
  },
  {
    name: 'entered irregularly on their own, wages withheld by an employer who did not recruit them → neither, vulnerable migrant',
    body: {
      countryCode: 'PK',
      age: 29,
      answers: {
        ...noTrafficking,
        border_crossed: 'yes',
        entry_without_requirements: 'yes',
        facilitation_arranged: 'no',
        facilitation_documents: 'no',
        means_debt_documents: 'yes',
      },
    },
    suggestion: 'neither',
    smuggling: false,
    agency: null,
    vulnerableMigrant: true,
  },
  {
    name: 'adult: act and purpose yes, means unknown → insufficient (means decides)',
    body: { countryCode: 'PK', age: 30, elements: { act: true, means: null, purpose: true, irregularEntry: false, facilitation: false, benefit: false } },
    suggestion: 'insufficient',
    protocol: null,
    national: null,
    smuggling: false,
    agency: null,
  },
  {
    name: 'child: act and purpose yes, means unknown → tip (means not required under the Protocol)',
    body: { countryCode: 'PK', age: 12, elements: { act: true, means: null, purpose: true, irregularEntry: false, facilitation: false, benefit: false } },
    suggestion: 'tip',
    protocol: true,
    national: null,
    agency: 'tip_internal',
  },
  {
    name: 'age unknown, act and purpose yes, no means → insufficient (age decides)',
    body: { countryCode: 'PK', age: null, elements: { act: true, means: false, purpose: true, irregularEntry: false, facilitation: false, benefit: false } },
    suggestion: 'insufficient',
    protocol: null,
    national: false,
  },
  {
    name: 'adult, act and means yes, exploitation only by organ removal → tip under the Protocol, not PTPA (narrower purposes)',
    body: {
      countryCode: 'PK',
      age: 40,
      answers: {
        ...noSmuggling,
        act_recruited: 'yes',
        means_deception: 'yes',
        purpose_organs: 'yes',
        purpose_sexual: 'no',
        purpose_labour: 'no',
        purpose_servitude: 'no',
      },
    },
    suggestion: 'tip',
    protocol: true,
    national: false,
  },
  {
    name: 'trafficking met, smuggling open, border unknown → tip, agency with FIA as the alternative',
    body: { countryCode: 'PK', age: 19, answers: { act_recruited: 'yes', means_threats: 'yes', purpose_sexual: 'yes' } },
    suggestion: 'tip',
    protocol: true,
    national: true,
    smuggling: null,
    agency: 'tip_internal',
  },
  {
    name: 'trafficking not met, smuggling open → insufficient',
    body: { countryCode: 'PK', age: 19, answers: { ...noTrafficking, entry_without_requirements: 'yes' } },
    suggestion: 'insufficient',
    smuggling: null,
  },
  {
    name: 'nothing answered → insufficient',
    body: { countryCode: 'PK', answers: {} },
    suggestion: 'insufficient',
    protocol: null,
    smuggling: null,
    agency: null,
  },
  {
    name: 'declined answers count as open, never as no',
    body: {
      countryCode: 'PK',
      age: 30,
      answers: { ...noSmuggling, act_recruited: 'yes', purpose_labour: 'yes', means_force: 'declined', means_deception: 'no' },
    },
    suggestion: 'insufficient',
    protocol: null,
  },
];

describe('screening rules, table-driven (INTL-2000.1 with PK-2018.1)', () => {
  it.each(rows)('$name', (row) => {
    const result = run(row.body);
    expect(result.suggestion).toBe(row.suggestion);
    if (row.protocol !== undefined) expect(met(result, 'UN-TIP')).toBe(row.protocol);
    if (row.national !== undefined) expect(met(result, 'PK-PTPA')).toBe(row.national);
    if (row.smuggling !== undefined) {
      expect(met(result, 'UN-SOM')).toBe(row.smuggling);
      expect(met(result, 'PK-PSMA')).toBe(row.smuggling);
    }
    if (row.agency !== undefined) expect(result.competentAgency?.scope ?? null).toBe(row.agency);
    if (row.vulnerableMigrant !== undefined) expect(result.vulnerableMigrant).toBe(row.vulnerableMigrant);
    expect(result.rulesVersion).toBe('PK-2018.1');
    expect(result.internationalRulesVersion).toBe('INTL-2000.1');
    expect(result.stored).toBe(false);
  });

  it('shows the child without means element by element: means not required, the Protocol and PTPA side by side with their notes', () => {
    const result = run(rows[1]!.body);
    expect(element(result, 'means')).toMatchObject({ value: false, notRequired: true });
    expect(element(result, 'act')).toMatchObject({ value: true, supportingAnswers: [{ questionId: 'act_transported', answer: 'yes' }] });
    expect(element(result, 'purpose')?.supportingAnswers).toEqual([{ questionId: 'purpose_labour', answer: 'yes' }]);
    const protocol = result.evaluations.find((e) => e.instrument === 'UN-TIP');
    const ptpa = result.evaluations.find((e) => e.instrument === 'PK-PTPA');
    expect(protocol).toMatchObject({ met: true, meansRequired: false, notes: ['child_no_means_needed'] });
    expect(ptpa).toMatchObject({ met: false, meansRequired: true, notes: ['means_required_for_child'] });
    expect(ptpa?.caveat?.en).toMatch(/not confirmed/);
    expect(result.instrumentsDiffer).toBe(true);
    // Each provision with its text, the national ones unconfirmed.
    const basis = result.legalBasis.find((p) => p.id === 'TIP-3c');
    expect(basis).toMatchObject({ confirmed: true, textKind: 'quoted', met: true, kind: 'tip', level: 'international' });
    expect(basis?.text).toMatch(/even if this does not involve any of the means/);
    expect(result.legalBasis.filter((p) => p.level === 'national').every((p) => p.confirmed === false)).toBe(true);
    expect(result.legalBasis.find((p) => p.id === 'PTPA-3-1')?.penalty?.en).toMatch(/7 years/);
  });

  it('the national law reads narrower purposes and means, and says so', () => {
    const result = run(rows[9]!.body);
    expect(result.evaluations.find((e) => e.instrument === 'PK-PTPA')?.notes).toContain('narrower_purposes');
    const vulnerability = run({
      countryCode: 'PK',
      age: 40,
      answers: {
        act_recruited: 'yes',
        means_vulnerability: 'yes',
        means_force: 'no',
        means_threats: 'no',
        means_deception: 'no',
        means_abduction: 'no',
        means_debt_documents: 'no',
        purpose_labour: 'yes',
      },
    });
    // Unanswered means the national law counts leave it open, not met.
    const open = run({ countryCode: 'PK', age: 40, answers: { act_recruited: 'yes', means_vulnerability: 'yes', purpose_labour: 'yes' } });
    expect(met(open, 'PK-PTPA')).toBe(null);
    expect(vulnerability.evaluations.find((e) => e.instrument === 'PK-PTPA')).toMatchObject({ met: false, notes: ['narrower_means'] });
    expect(met(vulnerability, 'UN-TIP')).toBe(true);
  });

  it('puts an emergency referral first whatever else is answered', () => {
    const result = run({
      countryCode: 'PK',
      age: 15,
      answers: { ...noTrafficking, ...noSmuggling, emergency_medical: 'yes', emergency_unaccompanied_child: 'yes' },
    });
    expect(result.emergency).toEqual({ referralFirst: true, reasons: ['medical', 'unaccompaniedChild'] });
    expect(result.suggestion).toBe('neither');
    const danger = run({ countryCode: 'PK', age: 30, elements: { act: null }, immediateNeeds: { danger: true } });
    expect(danger.emergency).toEqual({ referralFirst: true, reasons: ['danger'] });
    const none = run({ countryCode: 'PK', age: 30, answers: { emergency_medical: 'no', emergency_danger: 'unknown' } });
    expect(none.emergency).toEqual({ referralFirst: false, reasons: [] });
  });

  it('suggests the questions whose answers decide', () => {
    const adult = run({ countryCode: 'PK', age: 30, answers: { ...noSmuggling, act_recruited: 'yes', purpose_labour: 'yes' } });
    expect(adult.suggestion).toBe('insufficient');
    expect(adult.followUpQuestions).toEqual([
      'means_force',
      'means_threats',
      'means_deception',
      'means_abduction',
      'means_debt_documents',
      'means_vulnerability',
      'means_payment_to_controller',
    ]);
    const ageUnknown = run({ countryCode: 'PK', answers: { ...noSmuggling, act_recruited: 'yes', purpose_labour: 'yes' } });
    expect(ageUnknown.followUpQuestions).toContain('age_child');
    // "Appears to be under 18" answered yes makes the person a child for the Protocol.
    const appearsChild = run({ countryCode: 'PK', answers: { ...noSmuggling, age_child: 'yes', act_recruited: 'yes', purpose_labour: 'yes' } });
    expect(appearsChild).toMatchObject({ suggestion: 'tip', isChild: true });
  });

  it('a country without rules of its own falls back to the international rules and says so', () => {
    const result = run(
      { countryCode: 'NP', age: 30, answers: { ...noSmuggling, act_recruited: 'yes', means_deception: 'yes', purpose_labour: 'yes' } },
      fallback,
    );
    expect(result).toMatchObject({ suggestion: 'tip', rulesVersion: 'INTL-2000.1', fallbackToInternational: true, countryCode: 'NP' });
    expect(result.evaluations.map((e) => e.instrument)).toEqual(['UN-TIP', 'UN-SOM']);
    expect(result.competentAgency?.name.en).toMatch(/authority the country designates/);
  });

  it('three-valued logic: one false decides an and, one true decides an or', () => {
    expect(and3([true, null, false])).toBe(false);
    expect(and3([true, null])).toBe(null);
    expect(and3([true, true])).toBe(true);
    expect(or3([false, null, true])).toBe(true);
    expect(or3([false, null])).toBe(null);
    expect(or3([false, false])).toBe(false);
  });
});
