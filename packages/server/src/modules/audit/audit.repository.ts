import type { HistoryEntry } from '@hifazat/contract';
import { preparedStatement, runPrepared, type Db } from '../../db/database.js';
import { fromJson } from '../../db/dialect.js';
import { insertMany } from '../../db/insert-many.js';
import { newId, nowIso } from '../../shared/ids.js';
import { canonicalJson, chainCanonical, GENESIS_HASH, storedEntryMatches, type CanonicalText, type StoredEntry } from './audit.chain.js';

/** Records a history entry may name (refs): each is looked up and shown only to those who may see it. */
export type RecordType = 'organization' | 'person' | 'programme' | 'event' | 'user';
const RECORD_TYPES: ReadonlySet<string> = new Set<RecordType>(['organization', 'person', 'programme', 'event', 'user']);
/**
 * Records that have a history: the named ones, the question bank's questions, events' tests,
 * certificates, questionnaire templates, events' questionnaires (kept under the event's id, so
 * that one removed and attached again keeps one history), awareness campaigns (their sessions,
 * outputs and evidence under the campaign's id) and needs assessments.
 */
export type EntityType =
  | RecordType
  | 'question'
  | 'test'
  | 'certificate'
  | 'feedback_template'
  | 'feedback_form'
  | 'indicator'
  | 'logframe_result'
  | 'master_trainer'
  | 'campaign'
  | 'needs_assessment'
  | 'screening_rules'
  | 'case'
  | 'service';
export type Changes = Record<string, { from: unknown; to: unknown }>;

/** What is done to a case file beyond the history actions: a screening stored, a break-glass opening, an erasure, an anonymisation. */
export type CaseAction =
  'screening' | 'break_glass' | 'erase' | 'anonymise' | 'transition' | 'approval' | 'task' | 'care_file' | 'justice' | 'consent' | 'referral' | 'duplicate';

export type AuditRecord = {
  entityType: EntityType;
  entityId: string;
  action: HistoryEntry['action'] | CaseAction;
  userId: string | null;
  /** The changes, or their canonical text when the caller wrote it (canonicalObjectText: an import's 50,000 participants). */
  changes: Changes | CanonicalText;
  note?: string | null;
};

/** What a read or an export of records is recorded as (never shown among a record's changes). */
export type AccessAction = 'view' | 'export';
/** Access entries may concern a report rather than a record of one of the entity types. */
export type AccessEntityType = EntityType | 'report' | 'case';
export type AccessRecord = {
  entityType: AccessEntityType;
  entityId: string | null;
  action: AccessAction;
  userId: string | null;
  /** What was read or exported (e.g. a report's filters); never personal data. */
  note?: string | null;
};

const ACCESS_ACTIONS: AccessAction[] = ['view', 'export'];
/**
 * Rows read per query when verifying. Measured over a million entries (SQLite): 1,000 a query used about
 * a third less CPU than 5,000, whose rows outlive the young generation and cost the garbage collector.
 */
const VERIFY_BATCH = 1000;
/** Walks again after entries were appended during one (see verifyChain). */
const MAX_VERIFY_PASSES = 50;

/** An entry to append, as `newEntry` makes it; `changes` is the canonical JSON text (canonicalJson), hashed and stored as it is. */
type Entry = StoredEntry;

/**
 * An entry made whole at once, its chain fields blank until `append` chains it (chainCanonical fills
 * them in place): an import chains 50,000, and each copy of each is garbage.
 */
function newEntry(fields: Omit<StoredEntry, 'id' | 'seq' | 'prev_hash' | 'hash'>): Entry {
  return {
    id: newId(),
    at: fields.at,
    entity_type: fields.entity_type,
    entity_id: fields.entity_id,
    action: fields.action,
    user_id: fields.user_id,
    note: fields.note,
    changes: fields.changes,
    seq: 0,
    prev_hash: '',
    hash: '',
  };
}

/** A 'update' that changed nothing and says nothing is not history (a PATCH with the current values). */
function isEmptyUpdate(record: AuditRecord): boolean {
  if (record.action !== 'update' || record.note) return false;
  return typeof record.changes === 'string' ? record.changes === '{}' : Object.keys(record.changes).length === 0;
}

function fromAudit(record: AuditRecord, at: string): Entry {
  // canonicalJson takes the value as JSON would carry it (undefined dropped, dates as text): what
  // is hashed is exactly what the column will hold.
  return newEntry({
    at,
    entity_type: record.entityType,
    entity_id: record.entityId,
    action: record.action,
    user_id: record.userId,
    note: record.note ?? null,
    changes: typeof record.changes === 'string' ? record.changes : canonicalJson(record.changes),
  });
}

// The chain head's two moves, made by every audited write: prepared once (db/database.ts, runPrepared).
const TAKE_CHAIN_HEAD = preparedStatement('hifazat_take_chain_head', 'update audit_chain_head set seq = seq + ? where id = 1 returning seq, hash');
const MOVE_CHAIN_HEAD = preparedStatement('hifazat_move_chain_head', 'update audit_chain_head set hash = ? where id = 1');

/**
 * Appends entries to the chain. Taking the head first (UPDATE … RETURNING) makes writers take turns:
 * on PostgreSQL the head row stays locked until the caller's transaction commits, and SQLite runs one
 * write transaction at a time; the unique index on seq would refuse a fork besides. Outside a
 * transaction it opens one, so that the entries and the head move together.
 */
async function append(db: Db, entries: Entry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => append(trx, entries));
    return;
  }
  const [head] = await runPrepared<{ seq: number | string; hash: string }>(db, TAKE_CHAIN_HEAD, [entries.length]);
  if (!head) throw new Error('The audit chain has no head: run `npx hifazat migrate`');
  const chained = chainCanonical({ seq: Number(head.seq) - entries.length, hash: head.hash }, entries);
  // Stored in canonical form, so that verification can hash the text as it is.
  await insertMany(db, 'audit_log', chained);
  await runPrepared(db, MOVE_CHAIN_HEAD, [chained[chained.length - 1]!.hash]);
}

/**
 * Written in the same transaction as the change it describes, so history never disagrees with data.
 * An 'update' with no changes and no note writes nothing.
 */
export async function recordAudit(db: Db, record: AuditRecord): Promise<void> {
  if (isEmptyUpdate(record)) return;
  await append(db, [fromAudit(record, nowIso())]);
}

/** Many entries at once (an import): chained in memory, one turn at the head, inserted in batches. */
export async function recordAuditMany(db: Db, records: AuditRecord[]): Promise<void> {
  const at = nowIso();
  await append(
    db,
    records.filter((r) => !isEmptyUpdate(r)).map((r) => fromAudit(r, at)),
  );
}

/**
 * A read or an export of records, in the same chain as the changes (in the caller's transaction
 * when there is one). Access entries are not history: `listHistory` leaves them out, `listAccess`
 * reads them for one record.
 */
export async function recordAccess(db: Db, record: AccessRecord): Promise<void> {
  await append(db, [
    newEntry({
      at: nowIso(),
      entity_type: record.entityType,
      entity_id: record.entityId,
      action: record.action,
      user_id: record.userId,
      note: record.note ?? null,
      changes: '{}',
    }),
  ]);
}

/** Who read or exported one record, newest first. */
export async function listAccess(
  db: Db,
  entityType: AccessEntityType,
  entityId: string,
): Promise<Array<{ id: string; at: string; action: AccessAction; userId: string | null; userName: string | null; note: string | null }>> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.user_id', 'users.name as user_name', 'audit_log.note'])
    .where('audit_log.entity_type', '=', entityType)
    .where('audit_log.entity_id', '=', entityId)
    .where('audit_log.action', 'in', ACCESS_ACTIONS)
    .orderBy('audit_log.seq', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action as AccessAction, userId: r.user_id, userName: r.user_name, note: r.note }));
}

export type ChainVerdict =
  | { intact: true; entries: number; head: { seq: number; hash: string } }
  | { intact: false; entries: number; broken: { seq: number; id: string | null; at: string | null; reason: string } };

/**
 * Walks the chain in seq order and recomputes every hash. The first entry whose seq, prev_hash or
 * hash does not follow is named; so is a head that does not point at the last entry (entries
 * removed from the end, or one added without taking the head).
 */
export async function verifyChain(db: Db): Promise<ChainVerdict> {
  // Plain variables, and no closure or object per row: this loop runs a million times.
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (r: { id: string; at: string }, seq: number, reason: string): ChainVerdict => ({
    intact: false,
    entries: checked,
    broken: { seq, id: r.id, at: r.at, reason },
  });
  // The head and the entries it counts commit together, but the walk reads them in many statements
  // while the app writes: a head read after the walk may count entries appended since. The walk then
  // goes on from where it stopped; only a head that stays ahead of the entries is a break.
  let headSeen: number | null = null;
  let head: { seq: number | string; hash: string } | undefined;
  for (let pass = 0; ; pass += 1) {
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .select(['seq', 'prev_hash', 'id', 'at', 'entity_type', 'entity_id', 'action', 'user_id', 'note', 'changes', 'hash'])
        .where('seq', '>', prevSeq)
        .orderBy('seq')
        .limit(VERIFY_BATCH)
        .execute();
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== prevSeq + 1)
          return broken(
            r,
            seq,
            `entry ${seq} follows entry ${prevSeq}: ${seq - prevSeq - 1 === 1 ? `entry ${prevSeq + 1} is` : `entries ${prevSeq + 1} to ${seq - 1} are`} missing`,
          );
        if (r.prev_hash !== prevHash) return broken(r, seq, 'its prev_hash is not the hash of the entry before it');
        // The row is passed as it is (seq is a number on both engines): no copy of a million rows.
        if (!storedEntryMatches(r, r.changes, r.hash)) return broken(r, seq, 'its contents do not match its hash (changed after it was written, or forged)');
        prevSeq = seq;
        prevHash = r.hash;
        checked += 1;
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    const headSeq = head ? Number(head.seq) : null;
    // Ahead of the walk, and moved since the last look (or the first look): entries were appended meanwhile.
    // Past MAX_VERIFY_PASSES of that, writers outpace the walk: what it read is verified, and the rest is the next run's.
    if (headSeq !== null && headSeq > prevSeq && headSeq !== headSeen) {
      headSeen = headSeq;
      if (pass < MAX_VERIFY_PASSES) continue;
      return { intact: true, entries: checked, head: { seq: prevSeq, hash: prevHash } };
    }
    break;
  }
  const prev = { seq: prevSeq, hash: prevHash };
  if (!head) return { intact: false, entries: checked, broken: { seq: prev.seq, id: null, at: null, reason: 'the chain head is missing' } };
  if (Number(head.seq) !== prev.seq || head.hash !== prev.hash) {
    const last = prev.seq === 0 ? null : await db.selectFrom('audit_log').select(['id', 'at']).where('seq', '=', prev.seq).executeTakeFirst();
    return {
      intact: false,
      entries: checked,
      broken: {
        seq: prev.seq,
        id: last?.id ?? null,
        at: last?.at ?? null,
        reason:
          Number(head.seq) > prev.seq
            ? `the chain ends at entry ${prev.seq} but its head says ${Number(head.seq)}: entries after it are missing`
            : `the chain head does not point at the last entry (${prev.seq}): an entry was written without taking the head`,
      },
    };
  }
  return { intact: true, entries: checked, head: prev };
}

export async function listHistory(db: Db, entityType: EntityType, entityId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.user_id', 'users.name as user_name', 'audit_log.changes', 'audit_log.note'])
    .where('audit_log.entity_type', '=', entityType)
    .where('audit_log.entity_id', '=', entityId)
    // Changes only: reads and exports of the record are read with listAccess.
    .where('audit_log.action', 'not in', ACCESS_ACTIONS)
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action as HistoryEntry['action'],
    userId: r.user_id,
    userName: r.user_name,
    userHidden: false,
    changes: fromJson<Changes>(r.changes, {}),
    note: r.note,
    refs: {},
  }));
}

/**
 * What the history needs to know of a record it refers to: its name and what decides who may see it
 * (a country, or a list of countries: null for every country). `exists: false` for a record that is
 * gone, with the type and countries its last 'delete' or 'merge' entry recorded.
 */
export type RecordFacts = {
  id: string;
  type: RecordType;
  name: string | null;
  exists: boolean;
  countryCode: string | null;
  /** Users and programmes: the countries they work in (null: every country; [] for a programme: every country). */
  countries: string[] | null;
};

const ID_CHUNK = 500;
const chunks = <T>(list: T[]): T[][] => Array.from({ length: Math.ceil(list.length / ID_CHUNK) }, (_, i) => list.slice(i * ID_CHUNK, (i + 1) * ID_CHUNK));
const stringList = (value: unknown): string[] | null => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null);

/** The records with these ids, whatever their type (ids are unique across tables), existing or gone. */
export async function findRecordFacts(db: Db, ids: string[]): Promise<Map<string, RecordFacts>> {
  const facts = new Map<string, RecordFacts>();
  const put = (f: RecordFacts) => facts.set(f.id, f);
  for (const part of chunks([...new Set(ids)])) {
    for (const r of await db.selectFrom('people').select(['id', 'full_name', 'country_code']).where('id', 'in', part).execute())
      put({ id: r.id, type: 'person', name: r.full_name, exists: true, countryCode: r.country_code, countries: null });
    for (const r of await db.selectFrom('organizations').select(['id', 'name', 'country_code']).where('id', 'in', part).execute())
      put({ id: r.id, type: 'organization', name: r.name, exists: true, countryCode: r.country_code, countries: null });
    for (const r of await db.selectFrom('events').select(['id', 'title', 'country_code']).where('id', 'in', part).execute())
      put({ id: r.id, type: 'event', name: r.title, exists: true, countryCode: r.country_code, countries: null });
    for (const r of await db.selectFrom('users').select(['id', 'name', 'countries']).where('id', 'in', part).execute())
      put({ id: r.id, type: 'user', name: r.name, exists: true, countryCode: null, countries: stringList(fromJson<unknown>(r.countries, null)) });
    const programmes = await db.selectFrom('programmes').select(['id', 'name']).where('id', 'in', part).execute();
    const programmeCountries = programmes.length
      ? await db
          .selectFrom('programme_countries')
          .select(['programme_id', 'country_code'])
          .where(
            'programme_id',
            'in',
            programmes.map((p) => p.id),
          )
          .execute()
      : [];
    for (const r of programmes)
      put({
        id: r.id,
        type: 'programme',
        name: r.name,
        exists: true,
        countryCode: null,
        countries: programmeCountries.filter((c) => c.programme_id === r.id).map((c) => c.country_code),
      });
    const gone = part.filter((id) => !facts.has(id));
    if (gone.length === 0) continue;
    // Gone: the last entry that removed them says what they were and where.
    const rows = await db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'changes'])
      .where('entity_id', 'in', gone)
      .where('action', 'in', ['merge', 'delete'])
      .orderBy('seq')
      .execute();
    for (const r of rows) {
      if (r.entity_id === null || !RECORD_TYPES.has(r.entity_type)) continue;
      const changes = fromJson<Changes>(r.changes, {});
      const country = changes.countryCode?.from;
      put({
        id: r.entity_id,
        type: r.entity_type as RecordType,
        name: null,
        exists: false,
        countryCode: typeof country === 'string' ? country : null,
        countries: stringList(changes.countries?.from) ?? [],
      });
    }
  }
  return facts;
}

/** Field-by-field difference of two presentations of a record; unchanged fields are left out. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null, ignore: string[] = ['updatedAt', 'createdAt']): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (ignore.includes(key)) continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

/**
 * The last recorded value of one field of records that are gone (merged away or deleted): read from
 * the `from` side of their final 'merge' or 'delete' entry. Ids with no such entry are left out.
 */
export async function lastValuesOfRemoved(db: Db, entityType: EntityType, entityIds: string[], field: string): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  if (entityIds.length === 0) return values;
  const rows = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'changes'])
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', entityIds)
    .where('action', 'in', ['merge', 'delete'])
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const r of rows) if (r.entity_id !== null) values.set(r.entity_id, fromJson<Changes>(r.changes, {})[field]?.from ?? null);
  return values;
}
