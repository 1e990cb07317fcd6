import {
  ACTIVE_DAYS,
  emptySexCounts,
  type CandidatePool,
  type Cascade,
  type CascadeEvent,
  type CascadeList,
  type CascadeListQuery,
  type CascadeSummary,
  type CascadeTrainer,
  type GraduateBody,
  type GraduateList,
  type MasterTrainer,
  type OrganizationType,
  type SexCounts,
  type UpdateGraduateBody,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { fromJson, toBoolean, toJson } from '../../db/dialect.js';
import { conflict, invalid, notFound } from '../../http/errors.js';
import { seesCountry, seesOrganizationCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { analyseAssessment, scoredAttemptsOfTestedEvents, type AssessmentAnalysisInput } from '../assessments/index.js';
import { diff, recordAudit } from '../audit/index.js';
import { getEditableEventRow, getVisibleEventRow } from '../events/index.js';
import * as participations from '../participations/index.js';
import { getVisiblePerson, organizationRef } from '../people/index.js';
import { countReach } from '../reports/index.js';
import { activeSince, addPerson, assembleCounts, uniquePeople, type CascadeCounts } from './cascades.counting.js';
import * as repo from './cascades.repository.js';

/** A cascade deeper than this is cut (a guard: dates make a cycle all but impossible, this makes it harmless). */
export const MAX_GENERATIONS = 20;

const TOT = 'training_of_trainers';
const notATot = () => invalid('This event is not a training of trainers', [{ path: 'id', message: 'Not a training of trainers' }]);

const today = () => new Date().toISOString().slice(0, 10);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

// Graduates

/**
 * People of another country are listed by the id of their record, never by name: where a hidden
 * person stands in a list must say nothing of the name it hides.
 */
const byRecord = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function byNameUnlessHidden(a: repo.GraduateRow, b: repo.GraduateRow, viewer: Actor): number {
  const [aHidden, bHidden] = [!seesCountry(viewer, a.country_code), !seesCountry(viewer, b.country_code)];
  if (aHidden !== bHidden) return Number(aHidden) - Number(bHidden);
  return aHidden ? byRecord(a.id, b.id) : a.full_name.localeCompare(b.full_name);
}

/** A person as the viewer may see them: of another country, sex only. */
function presentPerson(row: repo.GraduateRow, viewer: Actor) {
  const hidden = !seesCountry(viewer, row.country_code);
  return {
    personId: hidden ? null : row.person_id,
    fullName: hidden ? null : row.full_name,
    hidden,
    sex: row.sex,
    organization:
      !hidden && seesOrganizationCountry(viewer, row.org_country_code)
        ? organizationRef(row.organization_id, row.org_name, row.org_acronym, row.org_type)
        : null,
  };
}

function presentGraduate(row: repo.GraduateRow, viewer: Actor): MasterTrainer {
  return {
    id: row.id,
    ...presentPerson(row, viewer),
    totEventId: row.event_id,
    totTitle: row.event_title,
    certifiedOn: row.certified_on,
    specialisms: fromJson<string[]>(row.specialisms, []),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What the audit trail keeps of a graduation. */
const auditView = (row: { participation_id: string; certified_on: string; specialisms: unknown }, personId: string, eventId: string) => ({
  personId,
  eventId,
  certifiedOn: row.certified_on,
  specialisms: fromJson<string[]>(row.specialisms, []),
});

async function visibleTot(db: Db, actor: Actor, id: string) {
  const event = await getVisibleEventRow(db, actor, id);
  if (event.type !== TOT) throw notATot();
  return event;
}

async function editableTot(db: Db, actor: Actor, id: string) {
  const event = await getEditableEventRow(db, actor, id);
  if (event.type !== TOT) throw notATot();
  return event;
}

async function readGraduate(db: Db, actor: Actor, eventId: string, personId: string): Promise<MasterTrainer> {
  const [row] = await repo.graduatesOfEvents(db, [eventId], personId);
  if (!row) throw notFound('Master trainer');
  return presentGraduate(row, actor);
}

export async function listGraduates(db: Db, actor: Actor, eventId: string): Promise<GraduateList> {
  await getVisibleEventRow(db, actor, eventId);
  const rows = await repo.graduatesOfEvents(db, [eventId]);
  // Graduates of other countries come last, so that their place in the list says nothing of their names.
  const ordered = [
    ...rows.filter((r) => seesCountry(actor, r.country_code)),
    ...rows.filter((r) => !seesCountry(actor, r.country_code)).sort((a, b) => byRecord(a.id, b.id)),
  ];
  return { items: ordered.map((r) => presentGraduate(r, actor)) };
}

/** The person's place at the ToT, if they attended it as a participant; otherwise 409. */
async function attendedPlace(db: Db, eventId: string, personId: string) {
  const place = await participations.findParticipation(db, eventId, personId);
  if (!place || !toBoolean(place.attended) || place.role !== 'participant') {
    throw conflict('Only a participant who attended this training of trainers can graduate from it', [
      { path: 'personId', message: 'Did not attend as a participant' },
    ]);
  }
  return place;
}

export async function addGraduate(db: Db, actor: Actor, eventId: string, body: GraduateBody): Promise<MasterTrainer> {
  return db.transaction().execute(async (trx) => {
    const tot = await editableTot(trx, actor, eventId);
    await getVisiblePerson(trx, actor, body.personId);
    const place = await attendedPlace(trx, eventId, body.personId);
    // Graduating twice is graduating once: the record stays as it is.
    if (await repo.findMasterTrainerOfPlace(trx, place.id)) return readGraduate(trx, actor, eventId, body.personId);
    const now = nowIso();
    const row: repo.MasterTrainerRow = {
      id: newId(),
      participation_id: place.id,
      certified_on: body.certifiedOn ?? tot.end_date,
      specialisms: toJson(body.specialisms ?? []),
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    await repo.insertMasterTrainer(trx, row);
    await recordAudit(trx, {
      entityType: 'master_trainer',
      entityId: row.id,
      action: 'create',
      userId: actor.id,
      changes: diff(null, auditView(row, body.personId, eventId)),
    });
    return readGraduate(trx, actor, eventId, body.personId);
  });
}

async function existingGraduation(db: Db, actor: Actor, eventId: string, personId: string) {
  await editableTot(db, actor, eventId);
  await getVisiblePerson(db, actor, personId);
  const place = await participations.findParticipation(db, eventId, personId);
  const row = place ? await repo.findMasterTrainerOfPlace(db, place.id) : undefined;
  if (!row) throw notFound('Master trainer');
  return row;
}

export async function updateGraduate(db: Db, actor: Actor, eventId: string, personId: string, body: UpdateGraduateBody): Promise<MasterTrainer> {
  return db.transaction().execute(async (trx) => {
    const before = await existingGraduation(trx, actor, eventId, personId);
    const after = {
      ...before,
      certified_on: body.certifiedOn ?? before.certified_on,
      specialisms: body.specialisms !== undefined ? toJson(body.specialisms) : toJson(fromJson<string[]>(before.specialisms, [])),
      updated_at: nowIso(),
    };
    const changes = diff(auditView(before, personId, eventId), auditView(after, personId, eventId));
    if (Object.keys(changes).length > 0) {
      await repo.updateMasterTrainer(trx, before.id, { certified_on: after.certified_on, specialisms: after.specialisms, updated_at: after.updated_at });
      await recordAudit(trx, { entityType: 'master_trainer', entityId: before.id, action: 'update', userId: actor.id, changes });
    }
    return readGraduate(trx, actor, eventId, personId);
  });
}

export async function removeGraduate(db: Db, actor: Actor, eventId: string, personId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await existingGraduation(trx, actor, eventId, personId);
    await repo.deleteMasterTrainer(trx, row.id);
    await recordAudit(trx, {
      entityType: 'master_trainer',
      entityId: row.id,
      action: 'delete',
      userId: actor.id,
      changes: diff(auditView(row, personId, eventId), null),
    });
  });
}

// The candidates and their pool

export async function candidatePool(db: Db, actor: Actor, eventId: string): Promise<CandidatePool> {
  const tot = await visibleTot(db, actor, eventId);
  const [candidates, pool, graduates] = await Promise.all([
    repo.candidatesOf(db, eventId),
    repo.poolOf(db, { programmeId: tot.programme_id, before: tot.start_date, eventId, countries: actor.countries }),
    repo.graduatesOfEvents(db, [eventId]),
  ]);
  const inPool = new Set(pool.people.map((p) => p.person_id));
  const byType = new Map<OrganizationType | null, { candidates: SexCounts; pool: SexCounts }>();
  const group = (type: OrganizationType | null) => {
    let g = byType.get(type);
    if (!g) byType.set(type, (g = { candidates: emptySexCounts(), pool: emptySexCounts() }));
    return g;
  };
  for (const c of candidates) addPerson(group(c.organization_type).candidates, c.person_sex);
  for (const p of pool.people) addPerson(group(p.organization_type).pool, p.person_sex);
  return {
    eventId,
    programmeId: tot.programme_id,
    candidates: uniquePeople(candidates),
    graduates: uniquePeople(graduates.map((g) => ({ person_id: g.person_id, person_sex: g.sex }))),
    pool: uniquePeople(pool.people),
    candidatesFromPool: candidates.filter((c) => inPool.has(c.person_id)).length,
    poolEvents: pool.events,
    byOrganizationType: [...byType.entries()]
      .map(([type, g]) => ({ type, ...g }))
      .sort((a, b) => b.pool.total + b.candidates.total - (a.pool.total + a.candidates.total) || String(a.type).localeCompare(String(b.type))),
  };
}

// The cascade

export type Walk = {
  /** Each event of the cascade (the ToT excluded) and its generation. */
  levels: Map<string, number>;
  /** The ToT one of whose graduates brought the event into the cascade (the first found). */
  parents: Map<string, string>;
  /** The ToTs whose graduates the cascade follows, with their generation (0: the cascade's own). */
  tots: Map<string, number>;
  /** Events each graduate trained (by person id), every one of them in the cascade. */
  delivered: Map<string, Set<string>>;
  /** Generations, deepest included. */
  depth: number;
};

/**
 * Walks down a ToT's cascade one generation at a time, one statement per generation (per 500 ToTs):
 * the events trained by graduates of the ToTs found in the generation above. An event is placed at
 * the first generation it is found in and never visited again, so that a cycle cannot loop.
 */
export async function walkCascade(db: Db, rootId: string): Promise<Walk> {
  const walk: Walk = { levels: new Map(), parents: new Map(), tots: new Map([[rootId, 0]]), delivered: new Map(), depth: 0 };
  let frontier = [rootId];
  for (let level = 1; frontier.length > 0 && level <= MAX_GENERATIONS; level += 1) {
    const next = new Set<string>();
    for (const row of await repo.eventsTrainedByGraduates(db, frontier)) {
      if (row.event_id === rootId) continue;
      let events = walk.delivered.get(row.trainer_id);
      if (!events) walk.delivered.set(row.trainer_id, (events = new Set()));
      events.add(row.event_id);
      if (walk.levels.has(row.event_id)) continue;
      walk.levels.set(row.event_id, level);
      walk.parents.set(row.event_id, row.tot_id);
      walk.depth = level;
      if (row.event_type === TOT && !walk.tots.has(row.event_id)) next.add(row.event_id);
    }
    for (const id of next) walk.tots.set(id, level);
    frontier = [...next];
  }
  return walk;
}

/** The cascade's events the actor sees (of their countries), with their generation. */
async function visiblePart(db: Db, actor: Actor, walk: Walk) {
  const facts = await repo.eventFacts(db, [...walk.levels.keys()]);
  const visible = facts.filter((f) => seesCountry(actor, f.country_code));
  const levels = new Map(visible.map((f) => [f.id, walk.levels.get(f.id) ?? 0]));
  return { facts, visible, levels };
}

type Activity = { eventsDelivered: number; peopleTrained: number; lastActive: string | null };

/** The counts of the events in `levels` (those the actor sees), and what each master trainer delivered among them. */
async function countVisible(db: Db, walk: Walk, levels: ReadonlyMap<string, number>, eventStart: ReadonlyMap<string, string>) {
  const deliveries: Array<[string, string]> = [];
  const activity = new Map<string, Activity>();
  for (const [personId, events] of walk.delivered) {
    let lastActive: string | null = null;
    let eventsDelivered = 0;
    for (const id of events) {
      if (!levels.has(id)) continue;
      deliveries.push([personId, id]);
      eventsDelivered += 1;
      const start = eventStart.get(id) ?? null;
      if (start !== null && (lastActive === null || start > lastActive)) lastActive = start;
    }
    activity.set(personId, { eventsDelivered, peopleTrained: 0, lastActive });
  }
  const counts: CascadeCounts = assembleCounts(await countReach(db, levels, deliveries), walk.depth);
  for (const [personId, a] of activity) a.peopleTrained = counts.peopleTrained.get(personId) ?? 0;
  return { counts, activity };
}

/** Pooled paired pre/post tests of events (person ids made unique per event): ⟨g⟩ and the number of pairs. */
async function gainOf(db: Db, groups: ReadonlyMap<number, readonly string[]>): Promise<Map<number, { normalizedGain: number | null; pairedN: number }>> {
  const all = [...groups.values()].flat();
  const byEvent = await scoredAttemptsOfTestedEvents(db, all);
  const result = new Map<number, { normalizedGain: number | null; pairedN: number }>();
  for (const [level, ids] of groups) {
    const pooled: AssessmentAnalysisInput = { pre: [], post: [], people: [] };
    for (const id of ids) {
      const attempts = byEvent.get(id);
      if (!attempts) continue;
      const place = (personId: string) => `${id}/${personId}`;
      pooled.pre.push(...attempts.pre.map((a) => ({ ...a, personId: place(a.personId) })));
      pooled.post.push(...attempts.post.map((a) => ({ ...a, personId: place(a.personId) })));
      pooled.people.push(...attempts.people.map((p) => ({ ...p, personId: place(p.personId) })));
    }
    if (pooled.pre.length === 0 || pooled.post.length === 0) {
      result.set(level, { normalizedGain: null, pairedN: 0 });
      continue;
    }
    const analysis = analyseAssessment(pooled, { pooled: true });
    result.set(level, { normalizedGain: analysis.paired.normalizedGain, pairedN: analysis.paired.n });
  }
  return result;
}

/** One graduation per person: the one nearest the cascade's top (then the earliest certified). */
function firstGraduations(rows: readonly repo.GraduateRow[], tots: ReadonlyMap<string, number>) {
  const byPerson = new Map<string, repo.GraduateRow>();
  for (const row of rows) {
    const kept = byPerson.get(row.person_id);
    const level = tots.get(row.event_id) ?? 0;
    const keptLevel = kept ? (tots.get(kept.event_id) ?? 0) : Infinity;
    if (!kept || level < keptLevel || (level === keptLevel && row.certified_on < kept.certified_on)) byPerson.set(row.person_id, row);
  }
  return [...byPerson.values()];
}

export async function getCascade(db: Db, actor: Actor, totId: string): Promise<Cascade> {
  const tot = await visibleTot(db, actor, totId);
  const walk = await walkCascade(db, totId);
  const { facts, visible, levels } = await visiblePart(db, actor, walk);
  const { counts, activity: activities } = await countVisible(db, walk, levels, new Map(facts.map((f) => [f.id, f.start_date])));

  // Master trainers: graduates of the ToT and of the ToTs the user sees in its generations.
  const seenTots = [...walk.tots.keys()].filter((id) => id === totId || levels.has(id));
  const graduates = firstGraduations(await repo.graduatesOfEvents(db, seenTots), walk.tots);
  const now = today();
  // Sorted by record first: the sort below is stable, so hidden people keep this order among themselves.
  const trainers: CascadeTrainer[] = [...graduates]
    .sort((a, b) => byRecord(a.id, b.id))
    .map((g) => {
      const activity = activities.get(g.person_id) ?? { eventsDelivered: 0, peopleTrained: 0, lastActive: null };
      return {
        ...presentPerson(g, actor),
        totEventId: g.event_id,
        level: walk.tots.get(g.event_id) ?? 0,
        certifiedOn: g.certified_on,
        specialisms: fromJson<string[]>(g.specialisms, []),
        ...activity,
        active: activeSince(activity.lastActive, now, ACTIVE_DAYS),
      };
    })
    .sort(
      (a, b) =>
        a.level - b.level || b.peopleTrained - a.peopleTrained || Number(a.hidden) - Number(b.hidden) || (a.fullName ?? '').localeCompare(b.fullName ?? ''),
    );

  const byLevel = new Map<number, string[]>([[0, [totId]]]);
  for (const [id, level] of levels) {
    const ids = byLevel.get(level);
    if (ids) ids.push(id);
    else byLevel.set(level, [id]);
  }
  const gains = await gainOf(db, byLevel);

  const eventsOf = (level: number): CascadeEvent[] =>
    visible
      .filter((f) => levels.get(f.id) === level)
      .map((f) => ({
        id: f.id,
        title: f.title,
        type: f.type,
        startDate: f.start_date,
        city: f.city,
        province: f.province,
        parentEventId: walk.parents.get(f.id) ?? totId,
        people: counts.perEvent.get(f.id) ?? 0,
      }))
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.title.localeCompare(b.title));
  const hiddenAt = (level: number) => facts.filter((f) => walk.levels.get(f.id) === level && !levels.has(f.id)).length;

  const rootGraduates = (await repo.graduatesOfEvents(db, [totId])).map((g) => ({ person_id: g.person_id, person_sex: g.sex }));
  const active = trainers.filter((t) => t.active).length;
  return {
    tot: {
      id: tot.id,
      title: tot.title,
      programmeId: tot.programme_id,
      startDate: tot.start_date,
      endDate: tot.end_date,
      status: tot.status,
      graduates: uniquePeople(rootGraduates),
      ...(gains.get(0) ?? { normalizedGain: null, pairedN: 0 }),
    },
    generations: counts.generations.map((g) => {
      const list = eventsOf(g.level);
      return {
        ...g,
        events: list.length,
        hiddenEvents: hiddenAt(g.level),
        ...(gains.get(g.level) ?? { normalizedGain: null, pairedN: 0 }),
        eventList: list,
      };
    }),
    reach: counts.reach,
    masterTrainers: trainers.length,
    multiplier: trainers.length === 0 ? null : round(counts.reach.total / trainers.length, 2),
    activeShare: trainers.length === 0 ? null : round(active / trainers.length, 4),
    trainers,
  };
}

// Every cascade

/** One graduation from a ToT listed, with what the graduate delivered in that ToT's cascade (the events the actor sees). */
type Graduation = { row: repo.GraduateRow; peopleTrained: number; lastActive: string | null };

/**
 * Every ToT with graduates in the actor's countries, each cascade walked once: the list's items, the
 * events of all the cascades (for the reach of all, each person once) and every graduation with its
 * activity. GET /api/cascades and GET /api/cascades/summary both read it.
 */
async function everyCascade(db: Db, actor: Actor, programmeId: string | undefined) {
  const tots = await repo.totsWithGraduates(db, { programmeId, countries: actor.countries });
  const everyEvent = new Map<string, number>();
  const graduations: Graduation[] = [];
  const items: CascadeList['items'] = [];
  for (const tot of tots) {
    const walk = await walkCascade(db, tot.id);
    const { facts, levels } = await visiblePart(db, actor, walk);
    const { counts, activity } = await countVisible(db, walk, levels, new Map(facts.map((f) => [f.id, f.start_date])));
    for (const id of levels.keys()) everyEvent.set(id, 1);
    const own = await repo.graduatesOfEvents(db, [tot.id]);
    for (const row of own) {
      const done = activity.get(row.person_id);
      graduations.push({ row, peopleTrained: done?.peopleTrained ?? 0, lastActive: done?.lastActive ?? null });
    }
    items.push({
      id: tot.id,
      title: tot.title,
      programmeId: tot.programme_id,
      programmeName: tot.programme_name,
      startDate: tot.start_date,
      graduates: new Set(own.map((g) => g.person_id)).size,
      generations: walk.depth,
      events: levels.size,
      reach: counts.reach,
    });
  }
  return { items, everyEvent, graduations };
}

/** Idle: a master trainer none of whose graduations has reached anyone yet (their earliest graduation). */
function idleOf(graduations: readonly Graduation[]): repo.GraduateRow[] {
  const trained = new Set(graduations.filter((g) => g.peopleTrained > 0).map((g) => g.row.person_id));
  const idle = new Map<string, repo.GraduateRow>();
  for (const { row } of graduations) {
    const kept = idle.get(row.person_id);
    if (!trained.has(row.person_id) && (!kept || row.certified_on < kept.certified_on)) idle.set(row.person_id, row);
  }
  return [...idle.values()];
}

export async function listCascades(db: Db, actor: Actor, query: CascadeListQuery): Promise<CascadeList> {
  const { items, everyEvent, graduations } = await everyCascade(db, actor, query.programmeId);
  return {
    items,
    reach: await reachOf(db, everyEvent),
    masterTrainers: new Set(graduations.map((g) => g.row.person_id)).size,
    idle: idleOf(graduations)
      .sort((a, b) => a.certified_on.localeCompare(b.certified_on) || byNameUnlessHidden(a, b, actor))
      .map((row) => ({ ...presentPerson(row, actor), totEventId: row.event_id, totTitle: row.event_title, certifiedOn: row.certified_on })),
  };
}

/** Every cascade of the actor's countries in figures, for the dashboard: the same walk and rules as the list. */
export async function cascadeSummary(db: Db, actor: Actor): Promise<CascadeSummary> {
  const { items, everyEvent, graduations } = await everyCascade(db, actor, undefined);
  const now = today();
  const active = new Set(graduations.filter((g) => activeSince(g.lastActive, now, ACTIVE_DAYS)).map((g) => g.row.person_id));
  return {
    cascades: items.length,
    masterTrainers: new Set(graduations.map((g) => g.row.person_id)).size,
    activeMasterTrainers: active.size,
    idleMasterTrainers: idleOf(graduations).length,
    reach: await reachOf(db, everyEvent),
  };
}

/** Unique people reached at these events, by sex (each person once). */
async function reachOf(db: Db, events: ReadonlyMap<string, number>): Promise<SexCounts> {
  return assembleCounts(await countReach(db, events, []), 0).reach;
}

// For the indicators module

export type CascadeFiguresScope = {
  programmeId: string;
  /** The period, YYYY-MM-DD, both days included. */
  from: string;
  to: string;
  /** The user's countries (null: every country): events of other countries count nowhere. */
  countries: string[] | null;
};

export type CascadeFigures = {
  /** Unique people certified as master trainers in the period, by a ToT of the programme. */
  masterTrainersCertified: SexCounts;
  /** Unique people reached (attended participants) at cascade events that started in the period, in the cascades of the programme's ToTs. */
  peopleReached: SexCounts;
};

/** Figures of a programme's cascades for a period, by sex: for logframe indicators. */
export async function cascadeFigures(db: Db, scope: CascadeFiguresScope): Promise<CascadeFigures> {
  const certified = await repo.certifiedIn(db, scope);
  const tots = await repo.totsWithGraduates(db, { programmeId: scope.programmeId, countries: scope.countries });
  const events = new Map<string, number>();
  for (const tot of tots) {
    const walk = await walkCascade(db, tot.id);
    for (const f of await repo.eventFacts(db, [...walk.levels.keys()])) {
      const inCountries = scope.countries === null || scope.countries.includes(f.country_code);
      if (inCountries && f.start_date >= scope.from && f.start_date <= scope.to) events.set(f.id, 1);
    }
  }
  return { masterTrainersCertified: uniquePeople(certified), peopleReached: await reachOf(db, events) };
}
