/**
 * audit_verify (issue 12): `npx hifazat audit verify` — walking the audit log's hash chain and
 * recomputing every entry's SHA-256 — over a million entries. Target: under 10 s.
 *
 * The entries are chained onto the register's own by the app's `chain()` (the same canonical form
 * and hash the app writes) and inserted in bulk; each has a small `changes` object like the app's
 * (a field's from/to) or, for reads of case files, an empty one, stored as the app stores it (canonical
 * JSON text). The baseline walks the same rows through the raw driver and recomputes each hash with a
 * hand-written form of the same fields in the same order, hashing the stored `changes` text as it is
 * and parsing it only when that does not match (PostgreSQL's jsonb, whose text the driver parses):
 * the floor for "read every row, hash every row". Both must agree on the entry count.
 */
import { hash as hashHex } from 'node:crypto';
import { auditCanonicalJson, auditChainOf, GENESIS_HASH, newId, verifyAuditChain, type Db } from '../../packages/server/src/testing.js';
import { compareMs, timingResult, type Result } from '../lib/measure.js';
import { Rng } from '../lib/prng.js';
import type { RawDb } from '../lib/raw.js';

const COLUMNS = ['id', 'seq', 'entity_type', 'entity_id', 'action', 'user_id', 'at', 'changes', 'note', 'prev_hash', 'hash'];
const PER_BATCH = 20_000;

async function appendEntries(raw: RawDb, count: number, log: (line: string) => void): Promise<void> {
  const [head] = await raw.all('SELECT seq, hash FROM audit_chain_head WHERE id = 1');
  let after = head ? { seq: Number(head[0]), hash: String(head[1]) } : { seq: 0, hash: GENESIS_HASH };
  const rng = new Rng(12);
  const users = Array.from({ length: 20 }, () => newId());
  const start = Date.UTC(2026, 0, 1);
  for (let done = 0; done < count; done += PER_BATCH) {
    const n = Math.min(PER_BATCH, count - done);
    const entries = Array.from({ length: n }, (_, i) => {
      const k = done + i;
      const view = k % 3 === 0;
      return {
        id: newId(),
        at: new Date(start + k * 1000).toISOString(),
        entity_type: view ? 'case' : 'person',
        entity_id: newId(),
        action: view ? 'view' : 'update',
        user_id: users[rng.int(0, users.length - 1)] ?? null,
        note: null,
        changes: view ? {} : { designation: { from: `Officer ${rng.int(1, 9)}`, to: `Inspector ${rng.int(1, 9)}` } },
      };
    });
    const chained = auditChainOf(after, entries);
    const rows = chained.map((e) => [
      e.id,
      e.seq,
      e.entity_type,
      e.entity_id,
      e.action,
      e.user_id,
      e.at,
      // The column as the app writes it: the canonical JSON text.
      auditCanonicalJson(e.changes),
      e.note,
      e.prev_hash,
      e.hash,
    ]);
    const per = Math.floor(3000 / COLUMNS.length);
    const last = chained.at(-1);
    await raw.transaction(async (run) => {
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        await run(`INSERT INTO audit_log (${COLUMNS.join(',')}) VALUES ${part.map(() => `(${COLUMNS.map(() => '?').join(',')})`).join(',')}`, part.flat());
      }
      if (last) await run('UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1', [last.seq, last.hash]);
    });
    if (last) after = { seq: last.seq, hash: last.hash };
    if ((done / PER_BATCH) % 10 === 0) log(`audit: ${done + n} of ${count} entries written`);
  }
}

/** The canonical JSON of the app's chain (sorted keys), written out for this shape of entry. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hand-written walk: rows in seq order through the raw driver, each hash recomputed and compared. */
async function handWrittenVerify(raw: RawDb): Promise<number> {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await raw.all(
      'SELECT seq, prev_hash, id, at, entity_type, entity_id, action, user_id, note, changes, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000',
      [prev.seq],
    );
    for (const [seq, prevHash, id, at, type, entityId, action, userId, note, changes, hash] of rows) {
      const head = canonical(['hifazat-audit-v1', Number(seq), prevHash, id, at, type, entityId ?? null, action, userId ?? null, note ?? null]);
      const withChanges = (text: string) => hashHex('sha256', `${head.slice(0, -1)},${text}]`, 'hex');
      const matches =
        (typeof changes === 'string' && withChanges(changes) === hash) ||
        withChanges(canonical(typeof changes === 'string' ? JSON.parse(changes) : (changes ?? null))) === hash;
      if (prevHash !== prev.hash || !matches) throw new Error(`audit_verify baseline: entry ${String(seq)} does not follow`);
      prev = { seq: Number(seq), hash: String(hash) };
      checked += 1;
    }
    if (rows.length < 5000) return checked;
  }
}

export async function benchAuditVerify(db: Db, raw: RawDb, entries: number, runs: number, log: (line: string) => void): Promise<Result[]> {
  await appendEntries(raw, entries, log);
  const verdict = await verifyAuditChain(db);
  const byHand = await handWrittenVerify(raw);
  if (!verdict.intact) throw new Error(`audit_verify: the app finds the chain broken: ${JSON.stringify(verdict)}`);
  if (verdict.entries !== byHand) throw new Error(`audit_verify: the app checked ${verdict.entries} entries, the baseline ${byHand}`);
  log(`audit: chain of ${verdict.entries} entries intact by both`);
  const { app, baseline } = await compareMs(
    () => verifyAuditChain(db),
    () => handWrittenVerify(raw),
    runs,
    1,
  );
  // On a shared machine the wall time says as much about the other jobs as about the walk: the CPU
  // time of one more verification says what it costs this process.
  const cpuOf = async (walk: () => Promise<unknown>) => {
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await walk();
    const cpu = process.cpuUsage(cpuBefore);
    return `${(performance.now() - wallBefore).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`;
  };
  const appCpu = await cpuOf(() => verifyAuditChain(db));
  const baselineCpu = await cpuOf(() => handWrittenVerify(raw));
  log(
    `audit_verify: app ${app.toFixed(0)} ms, hand-written ${baseline.toFixed(0)} ms; one more run of each: app ${appCpu}, hand-written ${baselineCpu} ` +
      `(CPU of this process: SQLite reads included; a PostgreSQL server's work is not)`,
  );
  return [timingResult('audit_verify', app, baseline)];
}
