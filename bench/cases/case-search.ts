/**
 * case_search (issue 12): a data officer of one agency searches the case files by a person's name
 * through the keyed blind index and gets the first page, as `GET /api/cases?query=…` does. Target:
 * under 100 ms with 100,000 cases (10,000 at small scale).
 *
 * The cases are written in bulk the way the app writes them: the identity (names in Latin and Urdu
 * script, aliases, date of birth, phone, CNIC, address, place) sealed as one JSON value with the
 * app's data key and purpose, the narrative sealed apart, and the name tokens that nameIndexTokens
 * gives for every spelling (the service's tokensOf), each with its case's agency (as replaceNameTokens). Names come from seeded draws over lists of
 * common Pakistani names (bench/lib/case-names.ts); 40 agencies open cases, the largest a fifth of
 * them, mostly in its own province.
 *
 * Measured: the app's `listCases` service for a data officer of the largest agency (area: Punjab)
 * searching "Muhammad Khan" (the commonest man's name of the lists), first page of 25: the scope
 * lookup, the search, opening the 25 identities and the audit entry that records who saw which cases.
 * Baseline, in the same run: the same query shape by hand-written SQL on a plaintext copy — a copy
 * table of the cases with the full name in a plain column and an indexed table of the names' words
 * (the same skeletons, unkeyed) — same scope, same words, same order and limit, one prepared
 * statement, no decryption, no audit entry. Both must return the same cases.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import {
  createUser,
  IDENTITY_PURPOSE,
  listCases,
  loadDataKeys,
  NARRATIVE_PURPOSE,
  nameIndexTokens,
  nameSkeletons,
  rowPurpose,
  sealText,
  type Actor,
  type Db,
  type SealedIdentity,
} from '../../packages/server/src/testing.js';
import { CASE_CITIES, CASE_FEMALE_FIRST, CASE_LAST, CASE_MALE_FIRST, FEMALE_SUFFIX, MUHAMMAD, NARRATIVE_PARTS, type NamePair } from '../lib/case-names.js';
import { assertSameJson, compareMs, timingResult, type Result } from '../lib/measure.js';
import { IdMaker, Rng } from '../lib/prng.js';
import type { RawDb } from '../lib/raw.js';

export const CASE_SEARCH = 'Muhammad Khan';
const PAGE = 25;
const AGENCIES = 40;
const PROVINCES = ['Punjab', 'Sindh', 'Khyber Pakhtunkhwa', 'Balochistan', 'Islamabad Capital Territory'] as const;
const STATUSES = ['identification', 'screening', 'assistance', 'referral', 'case_plan', 'follow_up', 'closed'] as const;
const AGENCY_TYPES = ['police', 'fia', 'labour_inspection', 'immigration', 'social_welfare', 'ngo'] as const;

const CASE_COLUMNS = [
  'id',
  'reference',
  'country_code',
  'province',
  'district',
  'organization_id',
  'opened_by',
  'identified_on',
  'identified_by_agency_type',
  'status',
  'victim_sex',
  'victim_age_at_identification',
  'victim_age_estimated',
  'victim_citizenship',
  'victim_languages',
  'identity_sealed',
  'narrative_sealed',
  'trafficking_status',
  'decision_making_org',
  'decided_by',
  'decided_at',
  'last_suggestion',
  'closed_at',
  'anonymised_at',
  'created_at',
  'updated_at',
] as const;
const PLAIN_COLUMNS = [
  'id',
  'reference',
  'country_code',
  'province',
  'organization_id',
  'status',
  'victim_sex',
  'identified_on',
  'full_name',
  'created_at',
] as const;

/** Earlier entries more often (a quarter of draws take the first tenth of the list). */
const skewed = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(items.length * rng.next() ** 2)] as T;

type Victim = { identity: SealedIdentity; names: string[]; sex: 'female' | 'male'; age: number; narrative: string | null };

/** One person as a first responder records them: a name in one or both scripts, sometimes an alias. */
function drawVictim(rng: Rng, at: Date): Victim {
  const sex = rng.chance(0.62) ? 'female' : 'male';
  const parts: NamePair[] = [];
  if (sex === 'male') {
    if (rng.chance(0.3)) parts.push(MUHAMMAD);
    parts.push(skewed(rng, CASE_MALE_FIRST), skewed(rng, CASE_LAST));
  } else {
    parts.push(skewed(rng, CASE_FEMALE_FIRST));
    parts.push(rng.chance(0.3) ? rng.pick(FEMALE_SUFFIX) : skewed(rng, CASE_LAST));
  }
  const latin = parts.map((p) => p[0]).join(' ');
  const urdu = parts.map((p) => p[1]).join(' ');
  // Half written in Latin with the Urdu beside it, a quarter in Urdu first, the rest in one script only.
  const script = rng.next();
  const [fullName, otherScriptName] = script < 0.5 ? [latin, urdu] : script < 0.75 ? [urdu, latin] : script < 0.93 ? [latin, null] : [urdu, null];
  const aliases = rng.chance(0.1) ? [`${(sex === 'male' ? skewed(rng, CASE_MALE_FIRST) : skewed(rng, CASE_FEMALE_FIRST))[0]} ${parts.at(-1)?.[0] ?? ''}`] : [];
  const age = rng.chance(0.3) ? rng.int(7, 17) : rng.int(18, 48);
  const birthDate = rng.chance(0.3)
    ? `${at.getUTCFullYear() - age}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
    : null;
  const city = rng.pick(CASE_CITIES);
  const identity: SealedIdentity = {
    fullName,
    otherScriptName,
    aliases,
    birthDate,
    phone: rng.chance(0.6) ? `03${rng.int(0, 4)}${rng.int(0, 9)}-${rng.int(1_000_000, 9_999_999)}` : null,
    identityNumbers:
      age >= 18 && rng.chance(0.45) ? [{ kind: 'cnic', number: `${rng.int(11_101, 61_101)}-${rng.int(1_000_000, 9_999_999)}-${rng.int(1, 9)}` }] : [],
    address: rng.chance(0.5)
      ? rng.chance(0.5)
        ? `House ${rng.int(1, 400)}, Street ${rng.int(1, 40)}, ${city[0]}`
        : `مکان ${rng.int(1, 400)}، ${city[1]}`
      : null,
    identificationPlace: rng.chance(0.7) ? `${rng.pick(['Bus terminal', 'Airport', 'Brick kiln', 'Police station', 'Shelter'])}, ${city[0]}` : null,
  };
  const narrative = rng.chance(0.6) ? Array.from({ length: rng.int(2, 5) }, () => rng.pick(NARRATIVE_PARTS)).join(' ') : null;
  return { identity, names: [fullName, otherScriptName, ...aliases].filter((n): n is string => n !== null), sex, age, narrative };
}

/** Inserts `rows` in multi-row statements inside the caller's transaction. */
async function insertRows(run: (text: string, params: unknown[]) => Promise<void>, table: string, columns: readonly string[], rows: unknown[][]) {
  const per = Math.floor(3000 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await run(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${part.map(() => `(${columns.map(() => '?').join(',')})`).join(',')}`, part.flat());
  }
}

/** The case files written for the case benchmarks (case_search, referral_dashboard): the largest agency's, the key, and every case. */
export type LoadedCases = {
  agencyId: string;
  officer: Actor;
  keys: ReturnType<typeof loadDataKeys>;
  keyDir: string;
  cases: Array<{ id: string; createdAt: string; organizationId: string; province: string }>;
};

export async function loadCaseFiles(
  db: Db,
  raw: RawDb,
  organizations: Array<{ id: string }>,
  count: number,
  log: (line: string) => void,
): Promise<LoadedCases> {
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-bench-keys-'));
  const keys = loadDataKeys({ dataDir: keyDir });
  const rng = new Rng(2012);
  const ids = new IdMaker(rng, Date.UTC(2021, 0, 1));
  const agencies = organizations.slice(0, AGENCIES).map((o, i) => ({ id: o.id, province: PROVINCES[i % PROVINCES.length] ?? 'Punjab', weight: 1 / (i + 1) }));
  const weightSum = agencies.reduce((sum, a) => sum + a.weight, 0);
  const pickAgency = () => {
    let r = rng.next() * weightSum;
    for (const agency of agencies) if ((r -= agency.weight) < 0) return agency;
    return agencies[0]!;
  };
  const password = 'bench password 2025';
  const officerUser = await createUser(db, null, {
    email: 'bench-officer@bench.example',
    name: 'Bench data officer',
    role: 'data_officer',
    password,
    countries: ['PK'],
    organizationId: agencies[0]!.id,
    provinces: [agencies[0]!.province],
  });
  const officer: Actor = { id: officerUser.id, name: officerUser.name, email: officerUser.email, role: 'data_officer', countries: ['PK'] };

  await db.schema
    .createTable('bench_case_plain')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text')
    .addColumn('country_code', 'text')
    .addColumn('province', 'text')
    .addColumn('organization_id', 'text')
    .addColumn('status', 'text')
    .addColumn('victim_sex', 'text')
    .addColumn('identified_on', 'text')
    .addColumn('full_name', 'text')
    .addColumn('created_at', 'text')
    .execute();
  await db.schema.createIndex('bench_case_plain_agency_idx').on('bench_case_plain').columns(['organization_id', 'created_at', 'id']).execute();
  await db.schema
    .createTable('bench_case_plain_words')
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addPrimaryKeyConstraint('bench_case_plain_words_pk', ['word', 'case_id'])
    .execute();
  // As case_name_tokens (migrations 0016 and 0017).
  await db.schema.createIndex('bench_case_plain_words_agency_idx').on('bench_case_plain_words').columns(['word', 'organization_id', 'case_id']).execute();

  const start = Date.UTC(2021, 0, 1);
  const span = Date.UTC(2025, 8, 30) - start;
  const counters = new Map<number, number>();
  const perTransaction = 10_000;
  let tokensWritten = 0;
  const written: LoadedCases['cases'] = [];
  const began = performance.now();
  for (let done = 0; done < count; done += perTransaction) {
    const n = Math.min(perTransaction, count - done);
    const cases: unknown[][] = [];
    const tokens: unknown[][] = [];
    const plain: unknown[][] = [];
    const words: unknown[][] = [];
    for (let i = 0; i < n; i += 1) {
      const k = done + i;
      const created = new Date(start + Math.floor((k * span) / count) + rng.int(0, 59_999));
      const createdAt = created.toISOString();
      const year = created.getUTCFullYear();
      const number = (counters.get(year) ?? 0) + 1;
      counters.set(year, number);
      const id = ids.next();
      const victim = drawVictim(rng, created);
      const agency = pickAgency();
      const province = rng.chance(0.9) ? agency.province : rng.pick(PROVINCES);
      const status = rng.pick(STATUSES);
      const identifiedOn = new Date(created.getTime() - rng.int(0, 20) * 86_400_000).toISOString().slice(0, 10);
      written.push({ id, createdAt, organizationId: agency.id, province });
      cases.push([
        id,
        `PK-${year}-${String(number).padStart(6, '0')}`,
        'PK',
        province,
        null,
        agency.id,
        null,
        identifiedOn,
        rng.pick(AGENCY_TYPES),
        status,
        victim.sex,
        // As the service: the age at identification, estimated unless a date of birth is known.
        victim.age,
        victim.identity.birthDate === null,
        'PK',
        JSON.stringify(rng.chance(0.5) ? ['ur', 'pa'] : ['ur']),
        sealText(keys, JSON.stringify(victim.identity), rowPurpose(IDENTITY_PURPOSE, id)),
        victim.narrative ? sealText(keys, victim.narrative, rowPurpose(NARRATIVE_PURPOSE, id)) : null,
        null,
        null,
        null,
        null,
        null,
        status === 'closed' ? createdAt : null,
        null,
        createdAt,
        createdAt,
      ]);
      // What the service's tokensOf stores: the tokens of every spelling, without repeats.
      for (const token of new Set(victim.names.flatMap((name) => nameIndexTokens(keys, name)))) tokens.push([token, id, agency.id]);
      plain.push([id, cases.at(-1)?.[1], 'PK', province, agency.id, status, victim.sex, identifiedOn, victim.identity.fullName, createdAt]);
      for (const word of new Set(victim.names.flatMap((name) => nameSkeletons(name).flat()))) words.push([word, id, agency.id]);
    }
    await raw.transaction(async (run) => {
      await insertRows(run, 'cases', CASE_COLUMNS, cases);
      await insertRows(run, 'case_name_tokens', ['token', 'case_id', 'organization_id'], tokens);
      await insertRows(run, 'bench_case_plain', PLAIN_COLUMNS, plain);
      await insertRows(run, 'bench_case_plain_words', ['word', 'case_id', 'organization_id'], words);
    });
    tokensWritten += tokens.length;
    if ((done / perTransaction) % 5 === 0) log(`case_search: ${done + n} of ${count} cases written`);
  }
  // PostgreSQL: statistics and the visibility map (index-only scans of the tokens), as autovacuum
  // makes them soon after a bulk insert. SQLite: nothing (the app never runs ANALYZE there).
  if (raw.engine === 'postgres') {
    for (const table of ['cases', 'case_name_tokens', 'bench_case_plain', 'bench_case_plain_words']) await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db);
  }
  const agencyCases = await raw.all('SELECT count(*) FROM cases WHERE organization_id = ?', [agencies[0]!.id]);
  log(
    `case_search: ${count} cases (${tokensWritten} name tokens) sealed and written in ${((performance.now() - began) / 1000).toFixed(1)} s; ` +
      `the officer's agency holds ${String(agencyCases[0]?.[0])}`,
  );
  return { agencyId: agencies[0]!.id, officer, keys, keyDir, cases: written };
}

/** The first page on the plaintext copy: same scope, words, order and limit as the app's query, as one statement. */
async function plainSearch(raw: RawDb, agencyId: string, province: string, query: string): Promise<string[]> {
  const words = nameSkeletons(query).flatMap((forms) => (forms[0] === undefined ? [] : [forms[0]]));
  const rows = await raw.all(
    `SELECT c.id, c.reference, c.country_code, c.province, c.status, c.organization_id, o.name, c.full_name, c.victim_sex, c.identified_on, c.created_at
       FROM bench_case_plain c LEFT JOIN organizations o ON o.id = c.organization_id
      WHERE c.country_code IN (?) AND c.organization_id = ? AND c.province IN (?)
        ${words.map(() => 'AND c.id IN (SELECT w.case_id FROM bench_case_plain_words w WHERE w.word = ? AND w.organization_id = ?)').join(' ')}
      ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
    ['PK', agencyId, province, ...words.flatMap((word) => [word, agencyId]), PAGE + 1],
  );
  return rows.slice(0, PAGE).map((r) => r[0] as string);
}

/** The cases are loaded by the caller (loadCaseFiles), shared with referral_dashboard; it removes the key's folder. */
export async function benchCaseSearch(db: Db, raw: RawDb, loaded: LoadedCases, runs: number, log: (line: string) => void): Promise<Result[]> {
  const province = PROVINCES[0];
  const search = (query: string) => listCases(db, loaded.keys, loaded.officer, { query, limit: PAGE });
  const page = await search(CASE_SEARCH);
  assertSameJson(
    'case_search',
    page.items.map((c) => c.id),
    await plainSearch(raw, loaded.agencyId, province, CASE_SEARCH),
  );
  if (page.items.length < PAGE) throw new Error(`case_search: only ${page.items.length} cases found for "${CASE_SEARCH}"`);
  log(
    `case_search: "${CASE_SEARCH}" first page of ${page.items.length} (first: ${page.items[0]?.fullName ?? '-'}, more: ${page.nextCursor !== null}) — same cases by the plaintext copy`,
  );
  const t = await compareMs(
    () => search(CASE_SEARCH),
    () => plainSearch(raw, loaded.agencyId, province, CASE_SEARCH),
    runs * 5,
    5,
  );
  // Not a figure: a name found in few cases, so that the scan of the agency's cases finds little (logged for the record).
  const rare = 'Sughra Kalhoro';
  const rarePage = await search(rare);
  const r = await compareMs(
    () => search(rare),
    () => plainSearch(raw, loaded.agencyId, province, rare),
    runs,
    2,
  );
  log(`case_search: "${rare}" (${rarePage.items.length} found): app ${r.app.toFixed(2)} ms, plaintext copy ${r.baseline.toFixed(2)} ms`);
  log(`case_search: app ${t.app.toFixed(2)} ms, plaintext copy ${t.baseline.toFixed(2)} ms`);
  return [timingResult('case_search', t.app, t.baseline)];
}
