import { type DonorReport, type DonorReportFacts, type DonorReportRow, type Indicator, type SaveNarrativeBody } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { conflict } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { nowIso } from '../../shared/ids.js';
import { diff, recordAudit } from '../audit/index.js';
import { eventsByTypeAndPlace } from '../reports/index.js';
import { compute } from './indicators.computations.js';
import * as repo from './indicators.repository.js';
import { computeContext, getLogframe, valuesOf } from './indicators.service.js';
import { draftHighlights, draftNarrative, periodLabel } from './donor-report.narrative.js';

const percent = (actual: number | null, target: number | null) =>
  actual === null || target === null || target === 0 ? null : Math.round((actual / target) * 1000) / 10;

/**
 * The donor report of a programme and period: the indicator table (baseline, target, actual — as
 * reported when the period is locked — % achieved, by sex), highlights, and a narrative drafted from
 * the same figures as the programme report (or as saved after editing).
 */
export async function donorReport(db: Db, actor: Actor, programmeId: string, period: string): Promise<DonorReport> {
  const logframe = await getLogframe(db, actor, programmeId);
  const ctx = await computeContext(db, actor, programmeId, period);
  const [values, places, gain, narrative] = await Promise.all([
    valuesOf(db, actor, programmeId, period, logframe.indicators, ctx),
    eventsByTypeAndPlace(db, ctx.actor, { from: ctx.from, to: ctx.to, programmeId }),
    compute(ctx, { kind: 'mean_normalised_gain' }, ''),
    repo.findNarrative(db, programmeId, period),
  ]);
  // The programme's totals: the same report the indicators read (shared, computed once).
  const totals = await ctx.report({});
  const resultCode = new Map(logframe.results.map((r) => [r.id, r.code]));
  const valueOf = new Map(values.values.map((v) => [v.indicatorId, v]));
  const rows: DonorReportRow[] = logframe.indicators.map((i: Indicator) => {
    const v = valueOf.get(i.id);
    const live = v?.value ?? null;
    const actual = values.locked && v && v.reportedValue !== null ? v.reportedValue : live;
    const target = v?.target ?? null;
    return {
      indicatorId: i.id,
      code: i.code,
      name: { en: i.name, ur: i.nameUr ?? i.name },
      resultCode: i.resultId ? (resultCode.get(i.resultId) ?? null) : null,
      unit: i.unit,
      baseline: i.baseline?.value ?? null,
      target,
      actual,
      now: values.locked && v?.difference ? live : null,
      difference: values.locked ? (v?.difference ?? null) : null,
      percentAchieved: percent(actual, target),
      bySex: values.locked && v?.reportedValue !== null ? (v?.reportedBySex ?? null) : (v?.bySex ?? null),
    };
  });
  const facts: DonorReportFacts = {
    events: totals.events,
    participations: totals.participations,
    people: totals.people,
    byEventType: places,
    meanNormalisedGain: gain.value,
  };
  const drafted = {
    en: draftNarrative('en', { periodLabel: periodLabel('en', period), facts, rows }),
    ur: draftNarrative('ur', { periodLabel: periodLabel('ur', period), facts, rows }),
  };
  return {
    programme: logframe.programme,
    period,
    from: ctx.from,
    to: ctx.to,
    locked: values.locked,
    lockedAt: values.lockedAt,
    rows,
    facts,
    highlights: { en: draftHighlights('en', { facts, rows }), ur: draftHighlights('ur', { facts, rows }) },
    narrative: {
      drafted,
      saved: narrative ? { en: narrative.text_en, ur: narrative.text_ur } : null,
      savedAt: narrative?.updated_at ?? null,
      savedBy: narrative?.updated_by_name ?? null,
    },
  };
}

/** The narrative as edited; both texts empty: back to the draft. */
export async function saveNarrative(db: Db, actor: Actor, programmeId: string, period: string, body: SaveNarrativeBody): Promise<DonorReport> {
  await getLogframe(db, actor, programmeId);
  await db.transaction().execute(async (trx) => {
    // The narrative of a locked period is part of the report as it was given to the donor.
    if (await repo.findLock(trx, programmeId, period)) throw conflict(`${period} is locked: unlock it before changing its narrative`);
    const before = await repo.findNarrative(trx, programmeId, period);
    const shown = (n: { text_en: string; text_ur: string } | undefined) =>
      n ? { [`narrative ${period}`]: n.text_en, [`narrativeUr ${period}`]: n.text_ur } : null;
    if (body.en === '' && body.ur === '') await repo.deleteNarrative(trx, programmeId, period);
    else await repo.upsertNarrative(trx, { programme_id: programmeId, period, text_en: body.en, text_ur: body.ur, updated_by: actor.id, updated_at: nowIso() });
    const after = body.en === '' && body.ur === '' ? undefined : { text_en: body.en, text_ur: body.ur };
    await recordAudit(trx, { entityType: 'programme', entityId: programmeId, action: 'update', userId: actor.id, changes: diff(shown(before), shown(after)) });
  });
  return donorReport(db, actor, programmeId, period);
}
