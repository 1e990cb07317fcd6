import type { Role, User } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { fromJson, toBoolean, toJson } from '../../db/dialect.js';
import type { UsersTable } from '../../db/schema.js';

export type UserRow = UsersTable;

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    countries: fromJson<string[] | null>(row.countries, null),
    active: toBoolean(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findUserByEmail(db: Db, emailNormalized: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email_normalized', '=', emailNormalized).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, row: UserRow): Promise<void> {
  await db.insertInto('users').values({ ...row, countries: row.countries === null ? null : toJson(row.countries) }).execute();
}

export async function updateUserRow(db: Db, id: string, changes: Partial<Omit<UserRow, 'id'>>): Promise<void> {
  const values = { ...changes, ...('countries' in changes ? { countries: changes.countries === null ? null : toJson(changes.countries) } : {}) };
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('name').orderBy('id').limit(1000).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listEventStaffUsers(db: Db): Promise<Array<{ id: string; name: string; role: string }>> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('role', 'in', ['admin', 'programme_manager', 'trainer'])
    .where('active', '=', true)
    .orderBy('name')
    .limit(1000)
    .execute();
}

export async function existingUserIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
