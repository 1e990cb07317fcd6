import { listPeople, type Db, type Actor } from '../../packages/server/src/testing.js';
import { assertSameJson, compareMs, timingResult, type Result } from '../lib/measure.js';
import type { RawDb } from '../lib/raw.js';

/** "kha": the start of Khan, the commonest surname in the register (and of Khattak, Khalid, Khokhar). */
export const SEARCH = 'kha';

/** The first page of the search in one statement: same filter and order as the app, rows as arrays. */
export async function handWrittenSearch(raw: RawDb, q: string, limit: number): Promise<string[]> {
  const rows = await raw.all(
    `SELECT p.id, p.full_name, p.sex, p.birth_year, p.organization_id, o.name, o.acronym, o.type, p.designation, p.province, p.district,
            p.phone, p.email, p.country_code, p.created_at, p.updated_at
       FROM people p LEFT JOIN organizations o ON o.id = p.organization_id
      WHERE p.name_normalized LIKE ? OR p.name_normalized LIKE ? OR p.email_normalized = ? OR p.phone_normalized = ?
      ORDER BY p.name_normalized, p.id LIMIT ?`,
    [`${q}%`, `% ${q}%`, q, '-', limit + 1],
  );
  return rows.slice(0, limit).map((r) => r[0] as string);
}

export async function benchPeopleSearch(db: Db, raw: RawDb, actor: Actor, runs: number, log: (line: string) => void): Promise<Result[]> {
  const query = { q: SEARCH, limit: 50 };
  const page = await listPeople(db, actor, query);
  assertSameJson(
    'people_search',
    page.items.map((p) => p.id),
    await handWrittenSearch(raw, SEARCH, 50),
  );
  log(`people_search: q="${SEARCH}" first page of ${page.items.length} (first: ${page.items[0]?.fullName ?? '-'}) — same rows by hand-written SQL`);
  const t = await compareMs(
    () => listPeople(db, actor, query),
    () => handWrittenSearch(raw, SEARCH, 50),
    runs * 5,
    10,
  );
  return [timingResult('people_search', t.app, t.baseline)];
}
