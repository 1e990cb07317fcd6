// Consent-first, closed-loop referral (issue 13): the values, without zod (the web app imports these as
// values; see vocabulary.ts on keeping zod out of first loads).

/** How soon the service must answer: urgent within 24 hours, normal within 5 days (then it is overdue). */
export const referralUrgencies = ['urgent', 'normal'] as const;
export type ReferralUrgency = (typeof referralUrgencies)[number];
export const answerHours: Record<ReferralUrgency, number> = { urgent: 24, normal: 5 * 24 };

/**
 * The closed loop: sent → accepted or declined (with a reason) → delivered (or not: closed with the
 * outcome) → closed by the referring agency; withdrawn by it while sent or accepted (or when the person
 * withdraws the consent it was sent under).
 */
export const referralStatuses = ['sent', 'accepted', 'declined', 'delivered', 'closed', 'withdrawn'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/**
 * The parts of the case a referral may share with the receiving provider beyond what every referral
 * carries (the reason, the urgency, the person's sex, age and whether a child). Name and phone reach the
 * provider only once it has accepted: deciding needs neither.
 */
export const referralShares = ['name', 'phone', 'languages', 'support_plan'] as const;
export type ReferralShare = (typeof referralShares)[number];
export const defaultReferralShares: readonly ReferralShare[] = ['name', 'languages'];

/** The statuses in which the provider still works with the person (and sees the parts shared). */
export const liveReferralStatuses: readonly ReferralStatus[] = ['sent', 'accepted', 'delivered'];

/** Who gave consent, as the form offers it; anything else typed (a guardian's name) is kept sealed as written. */
export const consentGivers = ['person', 'parent', 'guardian', 'legal_representative'] as const;
