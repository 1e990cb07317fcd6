import { hash } from 'node:crypto';

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

/** Past this many items, canonicalJson collects the parts and joins them once (see below). */
const JOIN_PAST = 64;

/** Values JSON.stringify leaves out of an object (and writes as null in an array). */
const leftOutOfJson = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** What JSON.stringify writes for `value`: what its toJSON gives (a Date's ISO text), a boxed number, string or boolean unboxed. */
function jsonValueOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf();
  const { toJSON } = value as { toJSON?: unknown };
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}

/**
 * The canonical text of `value` as JSON carries it: equal to canonicalJson(JSON.parse(JSON.stringify(value)))
 * for any value JSON.stringify accepts (toJSON applied, so a Date is its ISO text; undefined, functions
 * and symbols left out of objects and null in arrays), without writing and parsing JSON text first
 * (an import's entry lists 50,000 people).
 */
export function canonicalJson(value: unknown): string {
  return canonicalOf(jsonValueOf(value));
}

declare const canonicalBrand: unique symbol;
/** Text already in canonical form, made by canonicalObjectText or canonicalFieldChange: the audit log stores and hashes it as it is. */
export type CanonicalText = string & { readonly [canonicalBrand]: true };

/**
 * canonicalJson of the object with these keys and values, the keys given in ascending order by UTF-16
 * code units, none twice (each is checked against the one before; a key out of order throws), without
 * the object being made: an import's entry has 50,000 keys, and building that object (a dictionary
 * to V8) cost more than writing its text.
 */
export function canonicalObjectText(entries: ReadonlyArray<readonly [string, unknown]>): CanonicalText {
  const parts: string[] = [];
  let previous: string | undefined;
  for (const [key, value] of entries) {
    if (previous !== undefined && !(previous < key)) throw new Error(`canonicalObjectText: "${key}" comes after "${previous}"`);
    previous = key;
    const item = jsonValueOf(value);
    if (!leftOutOfJson(item)) parts.push(`${JSON.stringify(key)}:${canonicalOf(item)}`);
  }
  return `{${parts.join(',')}}` as CanonicalText;
}

/**
 * canonicalJson of `{ [field]: { from, to } }` for values that are text, numbers, booleans or null,
 * written at once: JSON.stringify writes such values canonically, and an import writes 50,000 of
 * these changes (one for each person it creates).
 */
export function canonicalFieldChange(field: string, from: string | number | boolean | null, to: string | number | boolean | null): CanonicalText {
  return `{${JSON.stringify(field)}:{"from":${JSON.stringify(from)},"to":${JSON.stringify(to)}}}` as CanonicalText;
}

/** How deep stringifiesCanonically looks: a value that fails the test is looked at again a level down, so deep values fall to the loop below at once. */
const STRINGIFY_DEPTH = 4;

/**
 * Whether JSON.stringify writes `value` in canonical form as it is: every object in it a plain one
 * and every array a plain array (no toJSON, no boxed value, no class) whose keys already come in sorted order, as the ones code
 * writes mostly do (`{ from, to }`, `{ fullName }`, each participant of an import's list). JSON.stringify
 * writes keys in Object.keys order, which is then the canonical order, and is otherwise what
 * canonicalJson is defined as.
 *
 * Written as small functions and with Reflect.get: as one function, V8 optimised it for the shapes
 * it met first and then threw that code away again and again on a 50,000-key object (0.25 s a call
 * instead of 0.04 s).
 */
function stringifiesCanonically(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'bigint';
  if (depth === 0) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  // JSON.stringify calls an array's toJSON as it does an object's (and a subclass may have one).
  if (Array.isArray(value))
    return prototype === Array.prototype && typeof Reflect.get(value, 'toJSON') !== 'function' && itemsStringifyCanonically(value, depth - 1);
  if (prototype !== Object.prototype && prototype !== null) return false;
  if (typeof Reflect.get(value, 'toJSON') === 'function') return false;
  const keys = Object.keys(value);
  // The order of this object's keys first: an unsorted object fails without its values being looked at.
  if (!inOrder(keys)) return false;
  for (const key of keys) if (!stringifiesCanonically(Reflect.get(value, key), depth - 1)) return false;
  return true;
}

function itemsStringifyCanonically(items: readonly unknown[], depth: number): boolean {
  for (let i = 0; i < items.length; i += 1) if (!stringifiesCanonically(items[i], depth)) return false;
  return true;
}

/** Whether the strings are in ascending order by UTF-16 code units, as Array.prototype.sort orders them, none twice. */
function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i += 1) if (!((keys[i - 1] as string) < (keys[i] as string))) return false;
  return true;
}

/** canonicalJson of a value whose toJSON, if any, has been applied (JSON.stringify applies it once). */
function canonicalOf(value: unknown): string {
  if (value === null || leftOutOfJson(value)) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Already in order: JSON.stringify, native, writes it (most changes, and each of an import's 50,000 participants).
  if (stringifiesCanonically(value, STRINGIFY_DEPTH)) return JSON.stringify(value);
  // Loops and string concatenation rather than map/filter/join: verification runs this a million
  // times on small values. A large value (an import's entry lists 50,000 people) is joined once
  // instead: appending 50,000 times grew one string the young-generation collector copied whole
  // at each collection, about a tenth of a second each.
  if (Array.isArray(value)) {
    // Array.from visits holes too (map skips them): a hole is null, as JSON.stringify writes it.
    if (value.length > JOIN_PAST) return `[${Array.from(value, (item: unknown) => canonicalJson(item)).join(',')}]`;
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  // Array.prototype.sort without a comparator orders strings by UTF-16 code units.
  const keys = Object.keys(object).sort();
  if (keys.length > JOIN_PAST) {
    const parts: string[] = [];
    for (const key of keys) {
      const item = jsonValueOf(object[key]);
      if (!leftOutOfJson(item)) parts.push(`${JSON.stringify(key)}:${canonicalOf(item)}`);
    }
    return `{${parts.join(',')}}`;
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = jsonValueOf(object[key]);
    if (leftOutOfJson(item)) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalOf(item)}`;
    first = false;
  }
  return `${out}}`;
}

const text = (value: string | null | undefined): string => (value === null || value === undefined ? 'null' : JSON.stringify(value));

/**
 * canonical([CHAIN_VERSION, seq, prev_hash, id, at, entity_type, entity_id, action, user_id, note,
 * changes]) written out field by field, given the canonical text of `changes`: the same string,
 * without building the array.
 */
function canonicalForm(entry: Omit<ChainedFields, 'changes'>, canonicalChanges: string): string {
  return `["${CHAIN_VERSION}",${JSON.stringify(entry.seq)},${text(entry.prev_hash)},${text(entry.id)},${text(entry.at)},${text(entry.entity_type)},${text(entry.entity_id)},${text(entry.action)},${text(entry.user_id)},${text(entry.note)},${canonicalChanges}]`;
}

const sha256Hex = (form: string): string => hash('sha256', form, 'hex');

export function entryHash(entry: ChainedFields): string {
  return sha256Hex(canonicalForm(entry, canonicalJson(entry.changes)));
}

/**
 * Whether a stored entry matches `expectedHash`. `changes` is the column as the driver returns it:
 * SQLite's text or PostgreSQL's parsed jsonb. The app stores the canonical text (appendEntries), so
 * the text is tried as it is first: if it hashes to the expected value it is exactly the canonical
 * text (SHA-256 has no known collisions), and parsing it again would prove nothing more. Otherwise
 * (an entry written before the app stored canonical text, or PostgreSQL, whose jsonb reorders keys)
 * the value is parsed and put in canonical form.
 */
export function storedEntryMatches(entry: Omit<ChainedFields, 'changes'>, changes: unknown, expectedHash: string): boolean {
  if (typeof changes === 'string') {
    if (sha256Hex(canonicalForm(entry, changes)) === expectedHash) return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(changes);
    } catch {
      return false;
    }
    return sha256Hex(canonicalForm(entry, canonicalJson(parsed))) === expectedHash;
  }
  return sha256Hex(canonicalForm(entry, canonicalJson(changes))) === expectedHash;
}

/** An entry as the log stores it: `changes` as its canonical text (canonicalJson of the value). */
export type StoredEntry = Omit<ChainedFields, 'changes'> & { changes: string; hash: string };

/**
 * Chains `entries` (in order) onto the entry `after` (`{ seq: 0, hash: GENESIS_HASH }` for none):
 * sets each one's seq, prev_hash and hash, in place, and gives the same array back. Their `changes`
 * are canonical text, put in canonical form once for both the hash and the column. In place: an
 * import chains 50,000 entries, and a copy of each ({ ...entry, seq, … }) took twice as long as the
 * hashing.
 */
export function chainCanonical<T extends StoredEntry>(after: { seq: number; hash: string }, entries: T[]): T[] {
  let seq = after.seq;
  let prev = after.hash;
  for (const entry of entries) {
    seq += 1;
    entry.seq = seq;
    entry.prev_hash = prev;
    entry.hash = sha256Hex(canonicalForm(entry, entry.changes));
    prev = entry.hash;
  }
  return entries;
}

/** Chains `entries` (in order) onto the entry `after`, given their `changes` as parsed values (migration 0005). */
export function chain<T extends Omit<ChainedFields, 'seq' | 'prev_hash'>>(
  after: { seq: number; hash: string },
  entries: T[],
): Array<T & { seq: number; prev_hash: string; hash: string }> {
  const chained = chainCanonical(
    after,
    entries.map((entry) => ({ ...entry, changes: canonicalJson(entry.changes), seq: 0, prev_hash: '', hash: '' })),
  );
  return chained.map((c, i) => ({ ...entries[i]!, seq: c.seq, prev_hash: c.prev_hash, hash: c.hash }));
}
