import type { HistoryEntry } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { fromJson, toJson } from '../../db/dialect.js';
import { newId, nowIso } from '../../shared/ids.js';

export type EntityType = 'organization' | 'person' | 'programme' | 'event' | 'user';
export type Changes = Record<string, { from: unknown; to: unknown }>;

export type AuditRecord = {
  entityType: EntityType;
  entityId: string;
  action: HistoryEntry['action'];
  userId: string | null;
  changes: Changes;
  note?: string | null;
};

/** Written in the same transaction as the change it describes, so history never disagrees with data. */
export async function recordAudit(db: Db, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      entity_type: record.entityType,
      entity_id: record.entityId,
      action: record.action,
      user_id: record.userId,
      at: nowIso(),
      changes: toJson(record.changes),
      note: record.note ?? null,
    })
    .execute();
}

/** Many entries at once (an import), in batches that stay under SQLite's limit on bound values. */
export async function recordAuditMany(db: Db, records: AuditRecord[]): Promise<void> {
  const at = nowIso();
  for (let i = 0; i < records.length; i += 1000) {
    const batch = records.slice(i, i + 1000).map((record) => ({
      id: newId(),
      entity_type: record.entityType,
      entity_id: record.entityId,
      action: record.action,
      user_id: record.userId,
      at,
      changes: toJson(record.changes),
      note: record.note ?? null,
    }));
    if (batch.length > 0) await db.insertInto('audit_log').values(batch).execute();
  }
}

export async function listHistory(db: Db, entityType: EntityType, entityId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.user_id',
      'users.name as user_name',
      'audit_log.changes',
      'audit_log.note',
    ])
    .where('audit_log.entity_type', '=', entityType)
    .where('audit_log.entity_id', '=', entityId)
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
    changes: fromJson<Changes>(r.changes, {}),
    note: r.note,
  }));
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
  for (const r of rows) values.set(r.entity_id, fromJson<Changes>(r.changes, {})[field]?.from ?? null);
  return values;
}
