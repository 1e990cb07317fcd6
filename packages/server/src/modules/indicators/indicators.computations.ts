import {
  emptySexCounts,
  type Computation,
  type ComputationKind,
  type ProgrammeReport,
  type ProgrammeReportQuery,
  type SexCounts,
  type ValueBreakdowns,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../http/permissions.js';
import { assessmentAcrossEvents } from '../assessments/index.js';
import { campaignFigures } from '../campaigns/index.js';
import { cascadeFigures } from '../cascades/index.js';
import * as repo from './indicators.repository.js';

/** What a computation finds for a period: the value and its breakdowns (null where they do not apply). */
export type Computed = { value: number | null } & ValueBreakdowns;

/**
 * What a computation may use. `report` is the programme report (the reports module's public face)
 * of the programme and period with the given event filters, shared by every indicator computed
 * together, so that the counts are exactly the programme report's. `actor` sees the programme's
 * countries (all of them when it lists none): the service lets only users who work in all of them read it.
 */
export type ComputeContext = {
  db: Db;
  actor: Actor;
  programmeId: string;
  period: string;
  from: string;
  to: string;
  report: (filters: Pick<ProgrammeReportQuery, 'type' | 'topic'>) => Promise<ProgrammeReport>;
  /** The figures read under `key`, read once however many indicators (and the donor report) ask for them. */
  once: <T>(key: string, read: () => Promise<T>) => Promise<T>;
};

type Compute<K extends ComputationKind> = (ctx: ComputeContext, computation: Extract<Computation, { kind: K }>, indicatorId: string) => Promise<Computed>;

const none: ValueBreakdowns = { bySex: null, byOrganizationType: null, byProvince: null };

const filtersOf = (c: { eventType?: ProgrammeReport['byEventType'][number]['type']; topic?: string }) => ({
  ...(c.eventType ? { type: c.eventType } : {}),
  ...(c.topic ? { topic: c.topic } : {}),
});

const cascadeFiguresOf = (ctx: ComputeContext) =>
  ctx.once('cascades', () => cascadeFigures(ctx.db, { programmeId: ctx.programmeId, from: ctx.from, to: ctx.to, countries: ctx.actor.countries }));

/**
 * One entry per computation kind. A new kind (master trainers certified, cascade reach, campaign
 * outputs delivered) is a member of the contract's zComputation and one entry here, reading its
 * module's public face.
 */
export const computations: { [K in ComputationKind]: Compute<K> } = {
  people_trained_unique: async (ctx, c) => {
    const report = await ctx.report(filtersOf(c));
    return {
      value: report.people.total,
      bySex: report.people,
      byOrganizationType: report.byOrganizationType.map((r) => ({ key: r.type, counts: r.people })),
      byProvince: report.byProvince.map((r) => ({ key: r.province, counts: r.people })),
    };
  },
  participations: async (ctx, c) => {
    const report = await ctx.report(filtersOf(c));
    return {
      value: report.participations.total,
      bySex: report.participations,
      byOrganizationType: report.byOrganizationType.map((r) => ({ key: r.type, counts: r.participations })),
      byProvince: report.byProvince.map((r) => ({ key: r.province, counts: r.participations })),
    };
  },
  events_held: async (ctx, c) => {
    const report = await ctx.report(filtersOf(c));
    // Events have no sex; by province they are counted in `total` (the other fields stay 0).
    return {
      value: report.events,
      ...none,
      byProvince: report.byProvince.map((r) => ({ key: r.province, counts: { ...emptySexCounts(), total: r.events } })),
    };
  },
  mean_normalised_gain: async (ctx) => {
    const analysis = await ctx.once('assessment', () =>
      assessmentAcrossEvents(ctx.db, ctx.actor, { programmeId: ctx.programmeId, from: ctx.from, to: ctx.to }),
    );
    const gain = analysis.paired.normalizedGain;
    return { value: gain === null ? null : Math.round(gain * 1000) / 1000, ...none };
  },
  master_trainers_certified: async (ctx) => {
    const figures = await cascadeFiguresOf(ctx);
    return { value: figures.masterTrainersCertified.total, ...none, bySex: figures.masterTrainersCertified };
  },
  cascade_reach: async (ctx) => {
    const figures = await cascadeFiguresOf(ctx);
    return { value: figures.peopleReached.total, ...none, bySex: figures.peopleReached };
  },
  campaign_outputs_delivered: async (ctx, c) => {
    const figures = await ctx.once('campaigns', () =>
      campaignFigures(ctx.db, { programmeId: ctx.programmeId, from: ctx.from, to: ctx.to, countries: ctx.actor.countries }),
    );
    const counted = c.outputKind ? figures.outputs.filter((o) => o.kind === c.outputKind) : figures.outputs;
    return { value: counted.reduce((sum, o) => sum + o.quantity, 0), ...none };
  },
  manual: async (ctx, _c, indicatorId) => {
    const [row] = await repo.manualValues(ctx.db, [indicatorId], ctx.period);
    if (!row) return { value: null, ...none };
    const sex = row.by_sex as Omit<SexCounts, 'total'> | null;
    return { value: row.value, ...none, bySex: sex ? { ...sex, total: sex.female + sex.male + sex.other + sex.unknown } : null };
  },
};

export function compute(ctx: ComputeContext, computation: Computation, indicatorId: string): Promise<Computed> {
  // The registry's entry for this kind takes exactly this kind's options.
  const entry = computations[computation.kind] as Compute<ComputationKind>;
  return entry(ctx, computation, indicatorId);
}
