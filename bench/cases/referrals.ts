/**
 * referral_dashboard (issue 13): a supervisor's list of referrals whose answer is overdue (urgent after
 * 24 hours, others after 5 days), as `GET /api/referrals?overdue=true` serves it. Target: under 100 ms
 * with 100,000 cases and 300,000 referrals (10,000 and 30,000 at small scale).
 *
 * The cases are case_search's (loadCaseFiles: sealed identities, 40 agencies, the largest a fifth of
 * them). Written here: 200 services of the directory with 20 provider accounts, and about three
 * referrals per case, sealed reasons, to services of the case's province, over the case's life: 15 %
 * still waiting for an answer, the rest accepted, declined, delivered, closed or withdrawn.
 *
 * Measured: the app's `listReferrals` service for a supervisor of the largest agency: the scope lookup,
 * the overdue query, the cases, consents, agencies and people it shows (one query each), opening the
 * identities and reasons, and the audit entry that records which cases were seen. Baseline, in the same
 * run: the same referrals by one hand-written statement (same filters, order and limit), no decryption,
 * no audit. Both must return the same referrals.
 */
import {
  createUser,
  listReferrals,
  REFERRAL_REASON_PURPOSE,
  referralDashboard,
  rowPurpose,
  sealText,
  type Actor,
  type Db,
} from '../../packages/server/src/testing.js';
import type { LoadedCases } from './case-search.js';
import { assertSameJson, compareMs, timingResult, type Result } from '../lib/measure.js';
import { IdMaker, Rng } from '../lib/prng.js';
import type { RawDb } from '../lib/raw.js';

const LIMIT = 200;
const SERVICES = 200;
const PROVIDERS = 20;
const TYPES = ['shelter', 'medical', 'psychosocial', 'legal_aid', 'interpretation', 'return_reintegration', 'livelihood', 'child_protection'] as const;
const PROVINCES = ['Punjab', 'Sindh', 'Khyber Pakhtunkhwa', 'Balochistan', 'Islamabad Capital Territory'] as const;
const REASONS = [
  'Needs a safe place to stay tonight',
  'Injuries to be examined',
  'Counselling after months of forced labour',
  'Legal advice on a complaint against the recruiter',
  'Interpretation for the statement to the police',
  'Return to the family in the home district',
];
/** Where the referrals stand, as weights: most are done with, 15 % still wait for an answer. */
const STATUS_WEIGHTS: Array<[string, number]> = [
  ['sent', 0.15],
  ['accepted', 0.15],
  ['declined', 0.1],
  ['delivered', 0.15],
  ['closed', 0.4],
  ['withdrawn', 0.05],
];

const SERVICE_COLUMNS = [
  'id',
  'organization_id',
  'name',
  'type',
  'status',
  'country_code',
  'province',
  'sexes',
  'nationalities',
  'case_kinds',
  'languages',
  'opening_hours',
  'open_24_hours',
  'location_id',
  'address_confidential',
  'created_at',
  'updated_at',
] as const;
const REFERRAL_COLUMNS = [
  'id',
  'case_id',
  'organization_id',
  'service_id',
  'reason_sealed',
  'urgency',
  'shares',
  'consent_id',
  'override_reason_sealed',
  'status',
  'referred_by',
  'referred_at',
  'respond_by',
  'responded_at',
  'closed_at',
  'updated_at',
] as const;

async function insertRows(run: (text: string, params: unknown[]) => Promise<void>, table: string, columns: readonly string[], rows: unknown[][]) {
  const per = Math.floor(3000 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await run(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${part.map(() => `(${columns.map(() => '?').join(',')})`).join(',')}`, part.flat());
  }
}

function pickStatus(rng: Rng): string {
  let r = rng.next();
  for (const [status, weight] of STATUS_WEIGHTS) if ((r -= weight) < 0) return status;
  return 'closed';
}

async function loadReferrals(db: Db, raw: RawDb, loaded: LoadedCases, perCase: number, log: (line: string) => void): Promise<Actor> {
  const rng = new Rng(2013);
  const ids = new IdMaker(rng, Date.UTC(2021, 0, 1));
  const password = 'bench password 2025';
  const supervisorUser = await createUser(db, null, {
    email: 'bench-supervisor@bench.example',
    name: 'Bench supervisor',
    role: 'supervisor',
    password,
    countries: ['PK'],
    organizationId: loaded.agencyId,
  });
  const providers: string[] = [];
  for (let i = 0; i < PROVIDERS; i += 1) {
    const user = await createUser(db, null, {
      email: `bench-provider-${i}@bench.example`,
      name: `Provider ${i}`,
      role: 'service_provider',
      password,
      countries: ['PK'],
    });
    providers.push(user.id);
  }
  const now = new Date().toISOString();
  const services: Array<{ id: string; province: string }> = [];
  const serviceRows: unknown[][] = [];
  const links: unknown[][] = [];
  for (let i = 0; i < SERVICES; i += 1) {
    const id = ids.next();
    const province = PROVINCES[i % PROVINCES.length] ?? 'Punjab';
    const type = TYPES[i % TYPES.length] ?? 'shelter';
    services.push({ id, province });
    serviceRows.push([
      id,
      null,
      `${type} ${i}`,
      type,
      'active',
      'PK',
      province,
      '[]',
      '[]',
      '[]',
      '["ur"]',
      '[]',
      false,
      ids.next(),
      type === 'shelter',
      now,
      now,
    ]);
    links.push([id, providers[i % PROVIDERS]]);
  }
  const byProvince = new Map<string, string[]>();
  for (const s of services) byProvince.set(s.province, [...(byProvince.get(s.province) ?? []), s.id]);
  await raw.transaction(async (run) => {
    await insertRows(run, 'services', SERVICE_COLUMNS, serviceRows);
    await insertRows(run, 'service_providers', ['service_id', 'user_id'], links);
  });

  const began = performance.now();
  let written = 0;
  const batch = 10_000;
  for (let done = 0; done < loaded.cases.length; done += batch) {
    const rows: unknown[][] = [];
    for (const c of loaded.cases.slice(done, done + batch)) {
      const n = rng.int(0, perCase * 2);
      for (let k = 0; k < n; k += 1) {
        const id = ids.next();
        const urgent = rng.chance(0.3);
        const referredAt = new Date(Date.parse(c.createdAt) + rng.int(1, 90) * 86_400_000 + rng.int(0, 86_399) * 1000);
        const respondBy = new Date(referredAt.getTime() + (urgent ? 24 : 120) * 3_600_000);
        const status = pickStatus(rng);
        const answered = status === 'sent' ? null : new Date(referredAt.getTime() + rng.int(1, 72) * 3_600_000).toISOString();
        const done_ = status === 'closed' || status === 'withdrawn' ? answered : null;
        const pool = byProvince.get(c.province) ?? services.map((s) => s.id);
        rows.push([
          id,
          c.id,
          c.organizationId,
          rng.pick(pool),
          sealText(loaded.keys, rng.pick(REASONS), rowPurpose(REFERRAL_REASON_PURPOSE, id)),
          urgent ? 'urgent' : 'normal',
          '["name","languages"]',
          null,
          null,
          status,
          null,
          referredAt.toISOString(),
          respondBy.toISOString(),
          answered,
          done_,
          referredAt.toISOString(),
        ]);
      }
    }
    await raw.transaction((run) => insertRows(run, 'case_referrals', REFERRAL_COLUMNS, rows));
    written += rows.length;
  }
  if (raw.engine === 'postgres') await raw.all('VACUUM ANALYZE case_referrals');
  log(`referral_dashboard: ${written} referrals of ${loaded.cases.length} cases sealed and written in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  return { id: supervisorUser.id, name: supervisorUser.name, email: supervisorUser.email, role: 'supervisor', countries: ['PK'] };
}

/** The overdue list by hand: the same filters, order and limit, one statement, nothing opened. */
async function overdueByHand(raw: RawDb, agencyId: string, now: string): Promise<string[]> {
  const rows = await raw.all(
    `SELECT r.id, r.case_id, r.status, r.urgency, r.referred_at, r.respond_by, c.reference, c.victim_sex, s.name, s.type
       FROM case_referrals r JOIN cases c ON c.id = r.case_id JOIN services s ON s.id = r.service_id
      WHERE r.organization_id = ? AND r.status = 'sent' AND r.respond_by < ? AND c.country_code IN (?)
      ORDER BY r.respond_by, r.id LIMIT ?`,
    [agencyId, now, 'PK', LIMIT],
  );
  return rows.map((r) => r[0] as string);
}

export async function benchReferralDashboard(db: Db, raw: RawDb, loaded: LoadedCases, runs: number, log: (line: string) => void): Promise<Result[]> {
  const supervisor = await loadReferrals(db, raw, loaded, 3, log);
  const list = () => listReferrals(db, loaded.keys, supervisor, { overdue: 'true' });
  const first = await list();
  // The service reads the clock itself: compare with a moment after its answer (nothing in between is due).
  assertSameJson(
    'referral_dashboard',
    first.items.map((r) => r.id),
    await overdueByHand(raw, loaded.agencyId, new Date().toISOString()),
  );
  if (first.items.length < LIMIT) throw new Error(`referral_dashboard: only ${first.items.length} overdue referrals`);
  log(`referral_dashboard: ${first.items.length} overdue shown (first due ${first.items[0]?.respondBy ?? '-'}) — same referrals by hand`);
  const t = await compareMs(list, () => overdueByHand(raw, loaded.agencyId, new Date().toISOString()), runs * 3, 3);
  // Not a figure: the whole dashboard (overdue, follow-ups, counts by status over the agency's referrals), for the record.
  const d = await compareMs(
    () => referralDashboard(db, loaded.keys, supervisor),
    () => overdueByHand(raw, loaded.agencyId, new Date().toISOString()),
    runs,
    1,
  );
  log(`referral_dashboard: overdue list app ${t.app.toFixed(2)} ms, by hand ${t.baseline.toFixed(2)} ms; whole dashboard ${d.app.toFixed(2)} ms`);
  return [timingResult('referral_dashboard', t.app, t.baseline)];
}
