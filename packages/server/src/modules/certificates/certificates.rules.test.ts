import { CERTIFICATE_NUMBER_PATTERN } from '@hifazat/contract';
import { describe, expect, it } from 'vitest';
import { attendedEveryDay, decideCertificate, type ParticipantFacts } from './certificates.rules.js';
import { newCertificateNumber } from './certificates.service.js';

const facts = (over: Partial<ParticipantFacts> = {}): ParticipantFacts => ({
  role: 'participant',
  attended: true,
  daysPresent: 3,
  hasDayRegister: true,
  eventDays: 3,
  passedPostTest: true,
  ...over,
});
const both = { training: true, participation: true };

describe('who earns which certificate', () => {
  it('training for every day present and the post-test passed; participation for attending otherwise', () => {
    expect(decideCertificate(both, facts())).toEqual({ kind: 'training' });
    expect(decideCertificate(both, facts({ daysPresent: 2 }))).toEqual({ kind: 'participation' });
    expect(decideCertificate(both, facts({ passedPostTest: false }))).toEqual({ kind: 'participation' });
    // No result (no attempt, no pass mark, marks pending) is not a pass.
    expect(decideCertificate(both, facts({ passedPostTest: null }))).toEqual({ kind: 'participation' });
  });

  it('nothing for those who did not attend or were not participants, and nothing with both kinds off', () => {
    expect(decideCertificate(both, facts({ attended: false, daysPresent: 0 }))).toEqual({ skip: 'did_not_attend' });
    expect(decideCertificate(both, facts({ role: 'trainer' }))).toEqual({ skip: 'not_a_participant' });
    expect(decideCertificate({ training: false, participation: false }, facts())).toEqual({ skip: 'certificates_off' });
  });

  it('follows each kind turned off', () => {
    expect(decideCertificate({ training: false, participation: true }, facts())).toEqual({ kind: 'participation' });
    expect(decideCertificate({ training: true, participation: false }, facts({ daysPresent: 1 }))).toEqual({ skip: 'training_not_earned' });
    expect(decideCertificate({ training: true, participation: false }, facts())).toEqual({ kind: 'training' });
  });

  it('reads "every day" from the day register; without one, only a one-day event’s attendance counts', () => {
    expect(attendedEveryDay(facts({ hasDayRegister: false, daysPresent: 0, eventDays: 1 }))).toBe(true);
    expect(attendedEveryDay(facts({ hasDayRegister: false, daysPresent: 0, eventDays: 2 }))).toBe(false);
    expect(attendedEveryDay(facts({ attended: false, hasDayRegister: false, eventDays: 1 }))).toBe(false);
    expect(attendedEveryDay(facts({ daysPresent: 3, eventDays: 3 }))).toBe(true);
  });
});

describe('certificate numbers', () => {
  it('are HZ-<year>-XXXX-XXXX from the unambiguous alphabet, and differ', () => {
    const numbers = Array.from({ length: 2000 }, () => newCertificateNumber(2026));
    for (const number of numbers) expect(number).toMatch(CERTIFICATE_NUMBER_PATTERN);
    expect(numbers.every((n) => n.startsWith('HZ-2026-'))).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.map((n) => n.slice('HZ-2026-'.length)).join('')).not.toMatch(/[01OIL]/);
  });
});
