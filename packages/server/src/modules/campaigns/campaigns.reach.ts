import {
  campaignOutputKinds,
  campaignReachText,
  emptySexCounts,
  type CampaignOutputKind,
  type CampaignReach,
  type Sex,
  type SexCounts,
} from '@hifazat/contract';

/** A participant counted at a session: one row per event and person (participations). */
export type CountedRow = { event_id: string; person_id: string; person_sex: string };
/** What the estimate is made of. */
export type EstimatedSession = { estimated_audience: number | null; estimated_female: number | null; estimated_male: number | null };
export type EstimatedOutput = { kind: CampaignOutputKind; estimated_reach: number | null };

const sexOf = (value: string): Sex => (value === 'female' || value === 'male' || value === 'other' ? value : 'unknown');

/** Unique people by sex: a person counted at two sessions is one person. */
export function countUnique(rows: readonly CountedRow[]): SexCounts {
  const counts = emptySexCounts();
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.person_id)) continue;
    seen.add(row.person_id);
    counts.total += 1;
    counts[sexOf(row.person_sex)] += 1;
  }
  return counts;
}

/**
 * A campaign's reach (or several campaigns' together): people counted at its event sessions, and
 * the estimates of its other sessions and of its outputs, kept apart. Nothing here adds the two.
 */
export function reachOf(input: {
  eventSessions: number;
  counted: readonly CountedRow[];
  sessions: readonly EstimatedSession[];
  outputs: readonly EstimatedOutput[];
}): CampaignReach {
  const counted = { ...countUnique(input.counted), sessions: input.eventSessions };
  const sessions = input.sessions.reduce((sum, s) => sum + (s.estimated_audience ?? 0), 0);
  const female = input.sessions.reduce((sum, s) => sum + (s.estimated_female ?? 0), 0);
  const male = input.sessions.reduce((sum, s) => sum + (s.estimated_male ?? 0), 0);
  const byKind = campaignOutputKinds
    .map((kind) => {
      const ofKind = input.outputs.filter((o) => o.kind === kind);
      return { kind, outputs: ofKind.length, estimatedReach: ofKind.reduce((sum, o) => sum + (o.estimated_reach ?? 0), 0) };
    })
    .filter((k) => k.outputs > 0);
  const outputs = byKind.reduce((sum, k) => sum + k.estimatedReach, 0);
  const estimated = {
    total: sessions + outputs,
    sessions,
    outputs,
    female,
    male,
    byKind,
    outputsWithoutEstimate: input.outputs.filter((o) => o.estimated_reach === null).length,
  };
  return { counted, estimated, text: { en: campaignReachText({ counted, estimated }, 'en'), ur: campaignReachText({ counted, estimated }, 'ur') } };
}
