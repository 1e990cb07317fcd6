import {
  computationHasSex,
  periodRange,
  type Computation,
  type CreateIndicatorBody,
  type CreateResultBody,
  type Disaggregation,
  type Indicator,
  type IndicatorValue,
  type Logframe,
  type LogframeResult,
  type ManualValueBody,
  type PeriodLock,
  type Programme,
  type ProgrammeValues,
  type UpdateIndicatorBody,
  type UpdateResultBody,
  type ValueBreakdowns,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { conflict, forbidden, invalid, notFound, ruleViolation } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { diff, recordAudit } from '../audit/index.js';
import { getVisibleProgramme } from '../programmes/index.js';
import { programmeReport } from '../reports/index.js';
import { compute, type ComputeContext, type Computed } from './indicators.computations.js';
import * as repo from './indicators.repository.js';

// ------------------------------------------------------------ who may read a programme's indicators

/**
 * The programme, when the user may read its indicators: they see it, and every country it runs in
 * (an indicator counts the whole programme, so a user limited to some of its countries would see
 * figures of the others). 404 when the programme is not seen at all, 403 when only part of it is.
 */
export async function indicatorProgramme(db: Db, actor: Actor, programmeId: string): Promise<Programme> {
  const programme = await getVisibleProgramme(db, actor, programmeId);
  const own = actor.countries;
  if (own !== null && (programme.countries.length === 0 || programme.countries.some((c) => !own.includes(c))))
    throw forbidden("This programme's indicators count countries you do not work in");
  return programme;
}

/**
 * The computations count the programme's countries, and only those: the reader works in all of them
 * (checked above), and an event or campaign filed under the programme in a country it does not list
 * stays out, since a reader limited to the listed countries may not see it. A programme that lists no
 * country counts every one (only users who work everywhere read it).
 */
const programmeWide = (actor: Actor, programme: Programme): Actor => ({ ...actor, countries: programme.countries.length > 0 ? programme.countries : null });

// ------------------------------------------------------------ presenting

const presentResult = (row: repo.ResultRow): LogframeResult => ({
  id: row.id,
  programmeId: row.programme_id,
  kind: row.kind,
  code: row.code,
  statement: row.statement,
  statementUr: row.statement_ur,
  parentId: row.parent_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

function presentIndicator(row: repo.IndicatorRow, targets: repo.TargetRow[]): Indicator {
  const computation = row.computation as Computation;
  const stored = row.disaggregation as Partial<Disaggregation>;
  return {
    id: row.id,
    programmeId: row.programme_id,
    resultId: row.result_id,
    code: row.code,
    name: row.name,
    nameUr: row.name_ur,
    definition: row.definition,
    unit: row.unit,
    computation,
    baseline: row.baseline_value === null ? null : { value: row.baseline_value, period: row.baseline_period, note: row.baseline_note },
    targets: targets.filter((t) => t.indicator_id === row.id).map((t) => ({ period: t.period, value: t.value })),
    meansOfVerification: row.means_of_verification,
    disaggregation: {
      sex: stored.sex ?? computationHasSex(computation),
      organizationType: stored.organizationType ?? false,
      province: stored.province ?? false,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const presentLock = (programmeId: string, period: string, lock: (repo.LockRow & { indicators: number }) | undefined): PeriodLock => ({
  programmeId,
  period,
  locked: lock !== undefined,
  lockedAt: lock?.locked_at ?? null,
  lockedBy: lock?.locked_by_name ?? null,
  indicators: lock?.indicators ?? 0,
});

async function loadIndicator(db: Db, actor: Actor, id: string): Promise<{ row: repo.IndicatorRow; indicator: Indicator; programme: Programme }> {
  const row = await repo.findIndicator(db, id);
  if (!row) throw notFound('Indicator');
  let programme: Programme;
  try {
    programme = await indicatorProgramme(db, actor, row.programme_id);
  } catch (error) {
    // An indicator of a programme the user does not see does not exist for them.
    if (error instanceof Error && 'code' in error && error.code === 'not_found') throw notFound('Indicator');
    throw error;
  }
  return { row, indicator: presentIndicator(row, await repo.targetsOf(db, [id])), programme };
}

// ------------------------------------------------------------ the logframe

export async function getLogframe(db: Db, actor: Actor, programmeId: string): Promise<Logframe> {
  const programme = await indicatorProgramme(db, actor, programmeId);
  const [results, indicators, locks] = await Promise.all([
    repo.listResults(db, programmeId),
    repo.listIndicators(db, programmeId),
    repo.listLocks(db, programmeId),
  ]);
  const targets = await repo.targetsOf(
    db,
    indicators.map((i) => i.id),
  );
  return {
    programme: { id: programme.id, name: programme.name, donor: programme.donor },
    results: results.map(presentResult),
    indicators: indicators.map((i) => presentIndicator(i, targets)),
    locks: locks.map((l) => presentLock(programmeId, l.period, l)),
  };
}

async function checkParent(db: Db, programmeId: string, kind: LogframeResult['kind'], parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  if (kind === 'outcome')
    throw invalid('An outcome has no parent; outputs sit under an outcome', [{ path: 'parentId', message: 'Only outputs have a parent' }]);
  const parent = await repo.findResult(db, parentId);
  if (!parent || parent.programme_id !== programmeId || parent.kind !== 'outcome' || parent.id === selfId)
    throw invalid('The parent is not an outcome of this programme', [{ path: 'parentId', message: 'Not an outcome of this programme' }]);
}

export async function createResult(db: Db, actor: Actor, programmeId: string, body: CreateResultBody): Promise<LogframeResult> {
  await indicatorProgramme(db, actor, programmeId);
  await checkParent(db, programmeId, body.kind, body.parentId);
  return db.transaction().execute(async (trx) => {
    if (await repo.codeTaken(trx, 'logframe_results', programmeId, body.code))
      throw conflict(`The code ${body.code} is already used in this programme`, [{ path: 'code', message: 'Already used' }]);
    const now = nowIso();
    const row: repo.ResultRow = {
      id: newId(),
      programme_id: programmeId,
      kind: body.kind,
      code: body.code,
      statement: body.statement,
      statement_ur: body.statementUr ?? null,
      parent_id: body.kind === 'output' ? (body.parentId ?? null) : null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertResult(trx, row);
    const result = presentResult(row);
    await recordAudit(trx, { entityType: 'logframe_result', entityId: row.id, action: 'create', userId: actor.id, changes: diff(null, result) });
    return result;
  });
}

export async function updateResult(db: Db, actor: Actor, id: string, body: UpdateResultBody): Promise<LogframeResult> {
  const row = await repo.findResult(db, id);
  if (!row) throw notFound('Result');
  await indicatorProgramme(db, actor, row.programme_id).catch((error: unknown) => {
    throw error instanceof Error && 'code' in error && error.code === 'not_found' ? notFound('Result') : error;
  });
  const kind = body.kind ?? row.kind;
  const parentId = kind === 'outcome' ? null : body.parentId !== undefined ? body.parentId : row.parent_id;
  await checkParent(db, row.programme_id, kind, body.kind === 'outcome' ? body.parentId : parentId, id);
  if (kind === 'output' && row.kind === 'outcome' && (await repo.resultDependants(db, id)).outputs > 0)
    throw conflict('This outcome has outputs under it: move them first');
  return db.transaction().execute(async (trx) => {
    if (body.code && (await repo.codeTaken(trx, 'logframe_results', row.programme_id, body.code, id)))
      throw conflict(`The code ${body.code} is already used in this programme`, [{ path: 'code', message: 'Already used' }]);
    const changes = {
      kind,
      code: body.code ?? row.code,
      statement: body.statement ?? row.statement,
      statement_ur: body.statementUr !== undefined ? body.statementUr : row.statement_ur,
      parent_id: parentId ?? null,
      updated_at: nowIso(),
    };
    await repo.updateResultRow(trx, id, changes);
    const after = presentResult({ ...row, ...changes });
    await recordAudit(trx, { entityType: 'logframe_result', entityId: id, action: 'update', userId: actor.id, changes: diff(presentResult(row), after) });
    return after;
  });
}

export async function deleteResult(db: Db, actor: Actor, id: string): Promise<void> {
  const row = await repo.findResult(db, id);
  if (!row) throw notFound('Result');
  await indicatorProgramme(db, actor, row.programme_id).catch((error: unknown) => {
    throw error instanceof Error && 'code' in error && error.code === 'not_found' ? notFound('Result') : error;
  });
  await db.transaction().execute(async (trx) => {
    const dependants = await repo.resultDependants(trx, id);
    if (dependants.outputs > 0 || dependants.indicators > 0)
      throw conflict(`Still in use: ${dependants.outputs} outputs and ${dependants.indicators} indicators are attached to it`);
    await repo.deleteResultRow(trx, id);
    await recordAudit(trx, { entityType: 'logframe_result', entityId: id, action: 'delete', userId: actor.id, changes: diff(presentResult(row), null) });
  });
}

// ------------------------------------------------------------ indicators

async function checkResult(db: Db, programmeId: string, resultId: string | null | undefined) {
  if (!resultId) return;
  const result = await repo.findResult(db, resultId);
  if (!result || result.programme_id !== programmeId)
    throw invalid('The result is not an outcome or output of this programme', [{ path: 'resultId', message: 'Not a result of this programme' }]);
}

const disaggregationOf = (computation: Computation, given: Partial<Disaggregation> | undefined, before?: Disaggregation): Disaggregation => ({
  sex: given?.sex ?? before?.sex ?? computationHasSex(computation),
  organizationType: given?.organizationType ?? before?.organizationType ?? false,
  province: given?.province ?? before?.province ?? false,
});

export async function createIndicator(db: Db, actor: Actor, programmeId: string, body: CreateIndicatorBody): Promise<Indicator> {
  await indicatorProgramme(db, actor, programmeId);
  await checkResult(db, programmeId, body.resultId);
  return db.transaction().execute(async (trx) => {
    if (await repo.codeTaken(trx, 'indicators', programmeId, body.code))
      throw conflict(`The code ${body.code} is already used by an indicator of this programme`, [{ path: 'code', message: 'Already used' }]);
    const now = nowIso();
    const row = {
      id: newId(),
      programme_id: programmeId,
      result_id: body.resultId ?? null,
      code: body.code,
      name: body.name,
      name_ur: body.nameUr ?? null,
      definition: body.definition ?? null,
      unit: body.unit,
      computation: body.computation,
      baseline_value: body.baseline?.value ?? null,
      baseline_period: body.baseline?.period ?? null,
      baseline_note: body.baseline?.note ?? null,
      means_of_verification: body.meansOfVerification ?? null,
      disaggregation: disaggregationOf(body.computation, body.disaggregation),
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    await repo.insertIndicator(trx, row);
    await repo.replaceTargets(trx, row.id, body.targets ?? []);
    const indicator = presentIndicator(row, await repo.targetsOf(trx, [row.id]));
    await recordAudit(trx, {
      entityType: 'indicator',
      entityId: row.id,
      action: 'create',
      userId: actor.id,
      changes: diff(null, indicator, ['createdAt', 'updatedAt', 'id', 'programmeId']),
    });
    return indicator;
  });
}

export async function getIndicator(db: Db, actor: Actor, id: string): Promise<Indicator> {
  return (await loadIndicator(db, actor, id)).indicator;
}

export async function updateIndicator(db: Db, actor: Actor, id: string, body: UpdateIndicatorBody): Promise<Indicator> {
  const { row, indicator } = await loadIndicator(db, actor, id);
  if (body.resultId !== undefined) await checkResult(db, row.programme_id, body.resultId);
  return db.transaction().execute(async (trx) => {
    if (body.code && (await repo.codeTaken(trx, 'indicators', row.programme_id, body.code, id)))
      throw conflict(`The code ${body.code} is already used by an indicator of this programme`, [{ path: 'code', message: 'Already used' }]);
    const computation = body.computation ?? indicator.computation;
    const changes = {
      ...(body.code !== undefined ? { code: body.code } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.nameUr !== undefined ? { name_ur: body.nameUr } : {}),
      ...(body.definition !== undefined ? { definition: body.definition } : {}),
      ...(body.unit !== undefined ? { unit: body.unit } : {}),
      ...(body.resultId !== undefined ? { result_id: body.resultId } : {}),
      ...(body.meansOfVerification !== undefined ? { means_of_verification: body.meansOfVerification } : {}),
      ...(body.baseline !== undefined
        ? { baseline_value: body.baseline?.value ?? null, baseline_period: body.baseline?.period ?? null, baseline_note: body.baseline?.note ?? null }
        : {}),
      computation,
      disaggregation: disaggregationOf(computation, body.disaggregation, indicator.disaggregation),
      updated_at: nowIso(),
    };
    if (body.targets !== undefined) {
      // A locked period's target is part of what was reported: changing it needs the period unlocked.
      const locked = new Set((await repo.listLocks(trx, row.programme_id)).map((l) => l.period));
      const targetOf = (targets: Array<{ period: string; value: number }>, period: string) => targets.find((t) => t.period === period)?.value ?? null;
      const changed = [...locked].filter((period) => targetOf(indicator.targets, period) !== targetOf(body.targets ?? [], period));
      if (changed.length > 0)
        throw conflict(`${changed.join(', ')} is locked: unlock it before changing its target`, [{ path: 'targets', message: 'Period locked' }]);
    }
    await repo.updateIndicatorRow(trx, id, changes);
    if (body.targets !== undefined) await repo.replaceTargets(trx, id, body.targets);
    const updated = await repo.findIndicator(trx, id);
    if (!updated) throw notFound('Indicator');
    const after = presentIndicator(updated, await repo.targetsOf(trx, [id]));
    await recordAudit(trx, { entityType: 'indicator', entityId: id, action: 'update', userId: actor.id, changes: diff(indicator, after) });
    return after;
  });
}

export async function deleteIndicator(db: Db, actor: Actor, id: string): Promise<void> {
  const { indicator } = await loadIndicator(db, actor, id);
  await db.transaction().execute(async (trx) => {
    if (await repo.hasSnapshots(trx, id)) throw conflict('A locked period reported this indicator: unlock the period first, or keep the indicator');
    await repo.deleteIndicatorRow(trx, id);
    await recordAudit(trx, {
      entityType: 'indicator',
      entityId: id,
      action: 'delete',
      userId: actor.id,
      changes: diff(indicator, null, ['createdAt', 'updatedAt', 'id', 'programmeId']),
    });
  });
}

// ------------------------------------------------------------ values

function parsePeriod(period: string): { from: string; to: string } {
  const range = periodRange(period);
  if (!range) throw invalid('A period is a year (2025) or a calendar quarter (2025-Q1)', [{ path: 'period', message: 'Not a period' }]);
  return range;
}

/** A context in which indicators of one programme and period are computed, sharing its programme reports. */
export async function computeContext(db: Db, actor: Actor, programmeId: string, period: string): Promise<ComputeContext> {
  const { from, to } = parsePeriod(period);
  const wide = programmeWide(actor, await indicatorProgramme(db, actor, programmeId));
  const read = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, figures: () => Promise<T>): Promise<T> => {
    let found = read.get(key) as Promise<T> | undefined;
    if (!found) read.set(key, (found = figures()));
    return found;
  };
  return {
    db,
    actor: wide,
    programmeId,
    period,
    from,
    to,
    // One programme report per set of event filters, shared by every indicator that counts from it.
    report: (filters) =>
      once(`report:${JSON.stringify([filters.type ?? null, filters.topic ?? null])}`, () => programmeReport(db, wide, { from, to, programmeId, ...filters })),
    once,
  };
}

export async function computeAll(ctx: ComputeContext, indicators: Indicator[]): Promise<Map<string, Computed>> {
  const computed = await Promise.all(indicators.map(async (i) => [i.id, await compute(ctx, i.computation, i.id)] as const));
  return new Map(computed);
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function valueOf(
  indicator: Indicator,
  period: string,
  computed: Computed,
  lock: repo.LockRow | undefined,
  snapshot: repo.SnapshotRow | undefined,
  manual: repo.ManualValueRow | undefined,
): IndicatorValue {
  const reported = snapshot ? (snapshot.breakdowns as ValueBreakdowns) : null;
  const reportedValue = snapshot ? snapshot.value : null;
  const d = indicator.disaggregation;
  return {
    indicatorId: indicator.id,
    period,
    value: computed.value,
    bySex: d.sex ? computed.bySex : null,
    byOrganizationType: d.organizationType ? computed.byOrganizationType : null,
    byProvince: d.province ? computed.byProvince : null,
    locked: lock !== undefined,
    reportedValue,
    reportedBySex: d.sex && reported ? reported.bySex : null,
    difference: computed.value !== null && reportedValue !== null ? round(computed.value - reportedValue) : null,
    lockedAt: lock?.locked_at ?? null,
    target: indicator.targets.find((t) => t.period === period)?.value ?? null,
    evidence: manual?.evidence ?? null,
    evidenceUrl: manual?.evidence_url ?? null,
  };
}

/** Every indicator's value of a programme for a period (live, and as reported when locked). */
/** The indicators' values for a period; `shared` lets a caller that reads the same figures (the donor report) read them once. */
export async function valuesOf(
  db: Db,
  actor: Actor,
  programmeId: string,
  period: string,
  indicators: Indicator[],
  shared?: ComputeContext,
): Promise<ProgrammeValues> {
  const ctx = shared ?? (await computeContext(db, actor, programmeId, period));
  const ids = indicators.map((i) => i.id);
  const [computed, lock, snapshots, manual] = await Promise.all([
    computeAll(ctx, indicators),
    repo.findLock(db, programmeId, period),
    repo.snapshotsOf(db, programmeId, period, ids),
    repo.manualValues(db, ids, period),
  ]);
  const snapshotOf = new Map(snapshots.map((s) => [s.indicator_id, s]));
  const manualOf = new Map(manual.map((m) => [m.indicator_id, m]));
  return {
    period,
    locked: lock !== undefined,
    lockedAt: lock?.locked_at ?? null,
    values: indicators.map((i) =>
      valueOf(
        i,
        period,
        computed.get(i.id) ?? { value: null, bySex: null, byOrganizationType: null, byProvince: null },
        lock,
        snapshotOf.get(i.id),
        manualOf.get(i.id),
      ),
    ),
  };
}

export async function programmeValues(db: Db, actor: Actor, programmeId: string, period: string): Promise<ProgrammeValues> {
  const logframe = await getLogframe(db, actor, programmeId);
  return valuesOf(db, actor, programmeId, period, logframe.indicators);
}

export async function indicatorValue(db: Db, actor: Actor, id: string, period: string): Promise<IndicatorValue> {
  const { indicator } = await loadIndicator(db, actor, id);
  const values = await valuesOf(db, actor, indicator.programmeId, period, [indicator]);
  return values.values[0] as IndicatorValue;
}

export async function setManualValue(db: Db, actor: Actor, id: string, period: string, body: ManualValueBody): Promise<IndicatorValue> {
  const { indicator } = await loadIndicator(db, actor, id);
  if (indicator.computation.kind !== 'manual') throw ruleViolation('This indicator is computed from the records; only manual indicators take values by hand');
  parsePeriod(period);
  if (body.bySex && body.bySex.female + body.bySex.male + body.bySex.other + body.bySex.unknown !== body.value)
    throw invalid('The numbers by sex do not add up to the value', [{ path: 'bySex', message: 'Does not add up to the value' }]);
  await db.transaction().execute(async (trx) => {
    if (await repo.findLock(trx, indicator.programmeId, period))
      throw conflict(`${period} is locked: its values are kept as reported. An administrator can unlock it.`);
    const [before] = await repo.manualValues(trx, [id], period);
    await repo.upsertManualValue(trx, {
      indicator_id: id,
      period,
      value: body.value,
      by_sex: body.bySex ?? null,
      evidence: body.evidence,
      evidence_url: body.evidenceUrl ?? null,
      updated_by: actor.id,
      updated_at: nowIso(),
    });
    const shown = (v: { value: number; evidence: string; evidence_url: string | null; by_sex: unknown } | undefined) =>
      v
        ? { [`value ${period}`]: v.value, [`bySex ${period}`]: v.by_sex ?? null, [`evidence ${period}`]: v.evidence, [`evidenceUrl ${period}`]: v.evidence_url }
        : null;
    await recordAudit(trx, {
      entityType: 'indicator',
      entityId: id,
      action: 'update',
      userId: actor.id,
      changes: diff(shown(before), shown({ value: body.value, evidence: body.evidence, evidence_url: body.evidenceUrl ?? null, by_sex: body.bySex ?? null })),
    });
  });
  return indicatorValue(db, actor, id, period);
}

// ------------------------------------------------------------ locks

const valuesText = (indicators: Indicator[], values: Map<string, Computed>) => indicators.map((i) => `${i.code}: ${values.get(i.id)?.value ?? '—'}`).join('; ');

export async function lockPeriod(db: Db, actor: Actor, programmeId: string, period: string, note: string | null): Promise<PeriodLock> {
  await indicatorProgramme(db, actor, programmeId);
  parsePeriod(period);
  await db.transaction().execute(async (trx) => {
    if (await repo.findLock(trx, programmeId, period)) throw conflict(`${period} is already locked`);
    const indicators = (await getLogframe(trx, actor, programmeId)).indicators;
    // Computed inside the transaction: the values kept are those of the moment of locking.
    const values = await computeAll(await computeContext(trx, actor, programmeId, period), indicators);
    await repo.insertLock(
      trx,
      { programme_id: programmeId, period, locked_at: nowIso(), locked_by: actor.id },
      indicators.map((i) => {
        const v = values.get(i.id);
        const breakdowns: ValueBreakdowns = { bySex: v?.bySex ?? null, byOrganizationType: v?.byOrganizationType ?? null, byProvince: v?.byProvince ?? null };
        return { indicator_id: i.id, value: v?.value ?? null, breakdowns };
      }),
    );
    await recordAudit(trx, {
      entityType: 'programme',
      entityId: programmeId,
      action: 'lock',
      userId: actor.id,
      changes: { period: { from: null, to: period }, reported: { from: null, to: valuesText(indicators, values) } },
      note,
    });
  });
  return presentLock(
    programmeId,
    period,
    (await repo.listLocks(db, programmeId)).find((l) => l.period === period),
  );
}

export async function unlockPeriod(db: Db, actor: Actor, programmeId: string, period: string, reason: string | null): Promise<PeriodLock> {
  await indicatorProgramme(db, actor, programmeId);
  parsePeriod(period);
  await db.transaction().execute(async (trx) => {
    const lock = await repo.findLock(trx, programmeId, period);
    if (!lock) throw conflict(`${period} is not locked`);
    const [indicators, snapshots] = await Promise.all([repo.listIndicators(trx, programmeId), repo.snapshotsOf(trx, programmeId, period)]);
    const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
    const reported = snapshots
      .map((s) => `${codeOf.get(s.indicator_id) ?? s.indicator_id}: ${s.value ?? '—'}`)
      .sort()
      .join('; ');
    await repo.deleteLock(trx, programmeId, period);
    await recordAudit(trx, {
      entityType: 'programme',
      entityId: programmeId,
      action: 'unlock',
      userId: actor.id,
      changes: { period: { from: period, to: null }, reported: { from: reported, to: null } },
      note: reason,
    });
  });
  return presentLock(programmeId, period, undefined);
}

/** The lock of a period (for the donor report). */
export async function lockOf(db: Db, programmeId: string, period: string): Promise<repo.LockRow | undefined> {
  return repo.findLock(db, programmeId, period);
}
