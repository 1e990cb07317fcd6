/**
 * cascade_reach (issue 11): GET /api/cascades/{id} for a training of trainers whose cascade is five
 * generations deep and reaches 50,000 people (5,000 at small scale), built into the benchmark's
 * register: each generation's ToTs graduate master trainers who train the next generation's events,
 * and a tenth of the people are reached twice (in two generations), so that unique counting matters.
 * Target: under 200 ms at full scale.
 *
 * The baseline is hand-written SQL for the same numbers (events and unique people by sex per
 * generation, unique reach): one recursive statement walks the generations and counts, the way a
 * person fluent in SQL would write it for this one question. The app does more (the tree's events,
 * breakdowns by organisation type and province, each master trainer's activity, learning gain per
 * generation); the figures they share are compared before timing.
 */
import type { SexCounts } from '@hifazat/contract';
import { getCascade, normalizeText, type Actor, type Db } from '../../packages/server/src/testing.js';
import { PARTICIPATION_COLUMNS } from '../lib/generate.js';
import { assertSameJson, compareMs, timingResult, type Result } from '../lib/measure.js';
import { IdMaker, Rng } from '../lib/prng.js';
import type { RawDb } from '../lib/raw.js';

const GENERATIONS = 5;
const EVENT_SIZE = 25;
/** Shares of the cascade's events by generation (1 to 5). */
const SHARES = [0.05, 0.1, 0.2, 0.3, 0.35];
/** Master trainers graduated from the cascade's own ToT, and from each ToT further down. */
const ROOT_GRADUATES = 25;
const TOT_GRADUATES = 5;
const STAMP = '2030-01-01T00:00:00.000Z';

const EVENT_COLUMNS = [
  'id',
  'programme_id',
  'title',
  'title_normalized',
  'type',
  'start_date',
  'end_date',
  'city',
  'province',
  'country_code',
  'status',
  'created_at',
  'updated_at',
];

type Person = { id: string; sex: string; orgType: string | null };
type PlannedEvent = {
  id: string;
  type: 'training' | 'training_of_trainers';
  start: string;
  end: string;
  trainers: Person[];
  participants: Person[];
  graduates: Person[];
};

async function insertMany(raw: RawDb, table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
  const per = Math.floor(3000 / columns.length);
  await raw.transaction(async (run) => {
    for (let i = 0; i < rows.length; i += per) {
      const part = rows.slice(i, i + per);
      const values = part.map(() => `(${columns.map(() => '?').join(',')})`).join(',');
      await run(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values}`, part.flat());
    }
  });
}

const day = (year: number, index: number) => {
  const d = new Date(Date.UTC(year, 1, 1) + (index % 300) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

/** Builds the cascade into the register; returns the ToT's id and what it holds. */
export async function buildCascade(raw: RawDb, reachTarget: number): Promise<{ totId: string; events: number; participations: number }> {
  const rng = new Rng(20_251_111);
  const ids = new IdMaker(rng, Date.UTC(2030, 0, 1));
  const [programme] = await raw.all('SELECT id FROM programmes ORDER BY id LIMIT 1');
  const programmeId = String(programme?.[0]);
  const rows = await raw.all(
    'SELECT people.id, people.sex, organizations.type FROM people LEFT JOIN organizations ON organizations.id = people.organization_id ORDER BY people.id LIMIT ?',
    [reachTarget + 2_000],
  );
  const everyone: Person[] = rows.map(([id, sex, type]) => ({ id: String(id), sex: String(sex), orgType: type === null ? null : String(type) }));
  const reached = everyone.slice(0, reachTarget);
  // Master trainers of the cascade's own ToT come from beyond the people the cascade reaches.
  const rootCandidates = everyone.slice(reachTarget, reachTarget + ROOT_GRADUATES);

  const totalEvents = Math.ceil((reachTarget * 1.1) / EVENT_SIZE);
  const perGeneration = SHARES.map((s) => Math.max(1, Math.round(totalEvents * s)));
  const root: PlannedEvent = {
    id: ids.next(),
    type: 'training_of_trainers',
    start: '2030-01-07',
    end: '2030-01-11',
    trainers: [],
    participants: rootCandidates,
    graduates: rootCandidates,
  };
  const planned: PlannedEvent[] = [root];
  let trainersAbove: Person[] = root.graduates;
  let cursor = 0;
  for (let g = 1; g <= GENERATIONS; g += 1) {
    const count = perGeneration[g - 1] as number;
    const generation: PlannedEvent[] = [];
    for (let i = 0; i < count; i += 1) {
      // Every tenth event of generations 1 to 4 is a ToT, whose first participants graduate.
      const type = g < GENERATIONS && i % 10 === 0 ? 'training_of_trainers' : 'training';
      const trainers = [trainersAbove[i % trainersAbove.length] as Person];
      const taken = new Set(trainers.map((t) => t.id));
      const participants: Person[] = [];
      while (participants.length < EVENT_SIZE) {
        const person = reached[cursor % reached.length] as Person;
        cursor += 1;
        if (taken.has(person.id)) continue;
        taken.add(person.id);
        participants.push(person);
      }
      const start = day(2030 + g, i);
      generation.push({
        id: ids.next(),
        type,
        start,
        end: start,
        trainers,
        participants,
        graduates: type === 'training_of_trainers' ? participants.slice(0, TOT_GRADUATES) : [],
      });
    }
    planned.push(...generation);
    trainersAbove = generation.flatMap((e) => e.graduates);
    if (trainersAbove.length === 0) break;
  }

  const eventRows: unknown[][] = [];
  const participationRows: unknown[][] = [];
  const masterRows: unknown[][] = [];
  for (const e of planned) {
    const title = `${e.type === 'training_of_trainers' ? 'Training of trainers' : 'Step-down training'} ${e.id.slice(-6)}`;
    eventRows.push([e.id, programmeId, title, normalizeText(title), e.type, e.start, e.end, 'Lahore', 'Punjab', 'PK', 'held', STAMP, STAMP]);
    const graduates = new Set(e.graduates.map((p) => p.id));
    const place = (person: Person, role: string) => {
      const id = ids.next();
      participationRows.push([
        id,
        e.id,
        person.id,
        role,
        true,
        0,
        true,
        person.sex,
        person.orgType,
        e.start,
        'Punjab',
        e.type,
        'held',
        'PK',
        programmeId,
        STAMP,
        STAMP,
      ]);
      if (role === 'participant' && graduates.has(person.id)) masterRows.push([ids.next(), id, e.end, '[]', null, STAMP, STAMP]);
    };
    for (const t of e.trainers) place(t, 'trainer');
    for (const p of e.participants) place(p, 'participant');
  }
  await insertMany(raw, 'events', EVENT_COLUMNS, eventRows);
  await insertMany(raw, 'participations', PARTICIPATION_COLUMNS, participationRows);
  await insertMany(raw, 'master_trainers', ['id', 'participation_id', 'certified_on', 'specialisms', 'created_by', 'created_at', 'updated_at'], masterRows);
  return { totId: root.id, events: planned.length, participations: participationRows.length };
}

type Figures = { generations: Array<{ level: number; events: number; people: SexCounts }>; reach: SexCounts };

const empty = (): SexCounts => ({ total: 0, female: 0, male: 0, other: 0, unknown: 0 });
function add(counts: SexCounts, sex: unknown, n: unknown) {
  const k = Number(n);
  counts.total += k;
  counts[sex === 'female' || sex === 'male' || sex === 'other' ? sex : 'unknown'] += k;
}

/** The same figures in hand-written SQL: one recursive walk, then counts. */
export async function handWrittenCascade(raw: RawDb, totId: string): Promise<Figures> {
  const rows = await raw.all(
    `WITH RECURSIVE walk(event_id, level) AS (
       SELECT CAST(? AS text), 0
       UNION
       SELECT t.event_id, w.level + 1
         FROM walk w
         JOIN events tot ON tot.id = w.event_id
         JOIN participations g ON g.event_id = w.event_id
         JOIN master_trainers m ON m.participation_id = g.id
         JOIN participations t ON t.person_id = g.person_id
        WHERE (w.level = 0 OR tot.type = 'training_of_trainers') AND w.level < 20
          AND t.role IN ('trainer', 'facilitator') AND t.event_status = 'held'
          AND t.event_start_date >= tot.end_date AND t.event_id <> ?
     ),
     lv AS (SELECT event_id, min(level) AS level FROM walk WHERE level > 0 GROUP BY event_id),
     pp AS (SELECT DISTINCT lv.level, p.person_id, p.person_sex FROM lv JOIN participations p ON p.event_id = lv.event_id
             WHERE p.role = 'participant' AND p.attended = ?)
     SELECT 'people', level, person_sex, count(*) FROM pp GROUP BY level, person_sex
     UNION ALL SELECT 'reach', 0, person_sex, count(DISTINCT person_id) FROM pp GROUP BY person_sex
     UNION ALL SELECT 'events', level, NULL, count(*) FROM lv GROUP BY level`,
    [totId, totId, true],
  );
  const levels = new Map<number, { level: number; events: number; people: SexCounts }>();
  const at = (level: number) => {
    let g = levels.get(level);
    if (!g) levels.set(level, (g = { level, events: 0, people: empty() }));
    return g;
  };
  const reach = empty();
  for (const [kind, level, sex, n] of rows) {
    if (kind === 'reach') add(reach, sex, n);
    else if (kind === 'events') at(Number(level)).events = Number(n);
    else add(at(Number(level)).people, sex, n);
  }
  return { generations: [...levels.values()].sort((a, b) => a.level - b.level), reach };
}

const sexCounts = (c: SexCounts): SexCounts => ({ total: c.total, female: c.female, male: c.male, other: c.other, unknown: c.unknown });

export async function benchCascade(db: Db, raw: RawDb, actor: Actor, reachTarget: number, runs: number, log: (line: string) => void): Promise<Result[]> {
  const built = await buildCascade(raw, reachTarget);
  log(`cascade: a ToT with ${built.events - 1} events in ${GENERATIONS} generations, ${built.participations} participations`);
  const app = async (): Promise<Figures> => {
    const cascade = await getCascade(db, actor, built.totId);
    return {
      generations: cascade.generations.map((g) => ({ level: g.level, events: g.events, people: sexCounts(g.people) })),
      reach: sexCounts(cascade.reach),
    };
  };
  const expected = await handWrittenCascade(raw, built.totId);
  const answered = await app();
  assertSameJson('cascade_reach', answered, expected);
  if (answered.generations.length !== GENERATIONS) throw new Error(`cascade_reach: ${answered.generations.length} generations, not ${GENERATIONS}`);
  log(`cascade: reach ${answered.reach.total} unique people (${answered.generations.map((g) => g.people.total).join(' + ')} by generation)`);
  const { app: ms, baseline } = await compareMs(app, () => handWrittenCascade(raw, built.totId), runs);
  log(`cascade_reach: app ${ms.toFixed(1)} ms, hand-written SQL ${baseline.toFixed(1)} ms`);
  return [timingResult('cascade_reach', ms, baseline)];
}
