import type { CertificateKind, CertificateSkipReason, ParticipantRole } from '@hifazat/contract';

/**
 * Who earns which certificate at an event (issue 10, "Certificates"): by default, attended →
 * certificate of participation; attended every day and passed the post-test at the test's pass
 * mark → training certificate. Each kind can be turned off per event. A person gets the best
 * certificate they earn, training before participation. Pure: the service reads the facts.
 */
export type CertificateRules = { training: boolean; participation: boolean };

export type ParticipantFacts = {
  role: ParticipantRole;
  /** Attended at all (the register's one rule: participations.recountAttendance). */
  attended: boolean;
  /** Days the day register marks present, and whether the person has any day in it. */
  daysPresent: number;
  hasDayRegister: boolean;
  /** The event's length in days. */
  eventDays: number;
  /** Their post-test result: true passed, false failed, null none (no attempt, no pass mark, or marks pending). */
  passedPostTest: boolean | null;
};

/**
 * "Every day" is read from the day register: present on each day of the event. A one-day event's
 * attendance recorded without the register counts as that day; on a longer event, attendance
 * recorded without the register cannot say which days, so it earns participation only.
 */
export function attendedEveryDay(facts: ParticipantFacts): boolean {
  if (!facts.attended) return false;
  if (facts.hasDayRegister) return facts.daysPresent >= facts.eventDays;
  return facts.eventDays === 1;
}

export type Decision = { kind: CertificateKind } | { skip: CertificateSkipReason };

export function decideCertificate(rules: CertificateRules, facts: ParticipantFacts): Decision {
  if (!rules.training && !rules.participation) return { skip: 'certificates_off' };
  if (facts.role !== 'participant') return { skip: 'not_a_participant' };
  if (!facts.attended) return { skip: 'did_not_attend' };
  if (rules.training && attendedEveryDay(facts) && facts.passedPostTest === true) return { kind: 'training' };
  if (rules.participation) return { kind: 'participation' };
  return { skip: 'training_not_earned' };
}
