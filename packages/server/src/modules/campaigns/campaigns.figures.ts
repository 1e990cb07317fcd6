import { campaignOutputKinds, type CampaignOutputKind, type CampaignReach, type CampaignSummary, type CampaignSummaryQuery } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../http/permissions.js';
import { attendedParticipantsAt } from '../participations/index.js';
import { reachOf } from './campaigns.reach.js';
import * as repo from './campaigns.repository.js';

/** What a programme's campaigns (or every programme's) delivered in a period, for indicators, donor reports and the dashboard. */
export type CampaignFigures = {
  /** Campaigns running at some time in the period. */
  campaigns: number;
  /** Outputs that went out in the period, by kind: how many outputs were recorded and their total quantity. */
  outputs: Array<{ kind: CampaignOutputKind; outputs: number; quantity: number }>;
  /** Counted (unique people at event sessions held in the period, by sex) and estimated, never added together. */
  reach: CampaignReach;
};

const within = (date: string | null, from: string, to: string) => date !== null && date >= from && date <= to;

/**
 * A programme's campaign figures (every programme's when `programmeId` is left out) for the period
 * `from`–`to` (inclusive, 'YYYY-MM-DD'), in the countries given (a user's `countries`; null: every country). An output counts on its start date
 * (or its campaign's, when it has none); a session with an estimated audience on its date; an event
 * session on its event's first day, with the participants who attended it, each person once.
 */
export async function campaignFigures(db: Db, query: { programmeId?: string; from: string; to: string; countries: string[] | null }): Promise<CampaignFigures> {
  const campaigns = await repo.campaignsRunning(db, query);
  const ids = campaigns.map((c) => c.id);
  const startOf = new Map(campaigns.map((c) => [c.id, c.start_date]));
  const [allOutputs, allSessions, eventDates] = await Promise.all([repo.outputsOf(db, ids), repo.sessionsOf(db, ids), repo.eventSessionDates(db, ids)]);
  const outputs = allOutputs.filter((o) => within(o.start_date ?? startOf.get(o.campaign_id) ?? null, query.from, query.to));
  const estimatedSessions = allSessions.filter((s) => s.event_id === null && within(s.held_on, query.from, query.to));
  const eventIds = [...new Set(eventDates.filter((e) => within(e.start_date, query.from, query.to)).map((e) => e.event_id))];
  const counted = await attendedParticipantsAt(db, eventIds);
  return {
    campaigns: campaigns.length,
    outputs: campaignOutputKinds
      .map((kind) => {
        const ofKind = outputs.filter((o) => o.kind === kind);
        return { kind, outputs: ofKind.length, quantity: ofKind.reduce((sum, o) => sum + o.quantity, 0) };
      })
      .filter((k) => k.outputs > 0),
    reach: reachOf({ eventSessions: eventIds.length, counted, sessions: estimatedSessions, outputs }),
  };
}

/**
 * A calendar year of every campaign the actor sees (all programmes; their countries, as the campaign
 * list limits them), for the dashboard: the year's campaigns, outputs by kind, and reach kept apart.
 */
export async function campaignSummary(db: Db, actor: Actor, query: CampaignSummaryQuery): Promise<CampaignSummary> {
  const year = query.year ?? new Date().getUTCFullYear();
  const figures = await campaignFigures(db, { from: `${year}-01-01`, to: `${year}-12-31`, countries: actor.countries });
  return { year, ...figures };
}
