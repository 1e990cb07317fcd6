import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain: pure functions, shared by the repository (which appends and verifies)
 * and by migration 0005 (which chained the entries written before it).
 *
 * Each entry holds `seq` (1, 2, 3 … without gaps), `prev_hash` (the previous entry's `hash`;
 * GENESIS_HASH for entry 1) and `hash`:
 *
 *   hash = lowercase hex of SHA-256 over the UTF-8 bytes of
 *          canonical(["hifazat-audit-v1", seq, prev_hash, id, at, entity_type, entity_id, action,
 *                     user_id, note, changes])
 *
 * where canonical(v) is JSON with no whitespace: objects with their keys sorted by UTF-16 code units
 * (as Array.prototype.sort orders strings), recursively; arrays in their order; strings and numbers
 * as JSON.stringify writes them; absent values (entity_id, user_id, note) as null. `changes` is the
 * parsed JSON value of the column, so the hash does not depend on how an engine stores JSON
 * (PostgreSQL's jsonb reorders keys). The version tag lets a later form be told apart.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_VERSION = 'hifazat-audit-v1';

export type ChainedFields = {
  seq: number;
  prev_hash: string;
  id: string;
  at: string;
  entity_type: string;
  entity_id: string | null;
  action: string;
  user_id: string | null;
  note: string | null;
  /** The parsed JSON value (not its text). */
  changes: unknown;
};

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function entryHash(entry: ChainedFields): string {
  const form = canonicalJson([
    CHAIN_VERSION,
    entry.seq,
    entry.prev_hash,
    entry.id,
    entry.at,
    entry.entity_type,
    entry.entity_id ?? null,
    entry.action,
    entry.user_id ?? null,
    entry.note ?? null,
    entry.changes ?? null,
  ]);
  return createHash('sha256').update(form, 'utf8').digest('hex');
}

/** Chains `entries` (in order) onto the entry `after` (`{ seq: 0, hash: GENESIS_HASH }` for none). */
export function chain<T extends Omit<ChainedFields, 'seq' | 'prev_hash'>>(
  after: { seq: number; hash: string },
  entries: T[],
): Array<T & { seq: number; prev_hash: string; hash: string }> {
  let seq = after.seq;
  let prev = after.hash;
  return entries.map((entry) => {
    seq += 1;
    const hash = entryHash({ ...entry, seq, prev_hash: prev });
    const chained = { ...entry, seq, prev_hash: prev, hash };
    prev = hash;
    return chained;
  });
}
