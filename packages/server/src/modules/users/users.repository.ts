import type { User, UserListItem } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { fromJson, toBoolean, toJson } from '../../db/dialect.js';
import type { UsersTable } from '../../db/schema.js';

export type UserRow = UsersTable;

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    countries: fromJson<string[] | null>(row.countries, null),
    organizationId: row.organization_id,
    provinces: fromJson<string[] | null>(row.provinces, null),
    justiceAccess: toBoolean(row.justice_access),
    active: toBoolean(row.active),
    secondFactorEnrolled: row.mfa_confirmed_at !== null,
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

/** The JSON columns as stored: text in SQLite (which binds no arrays), jsonb in PostgreSQL. */
const jsonColumn = (value: unknown) => (value === null || value === undefined ? null : toJson(value));

export async function insertUser(db: Db, row: UserRow): Promise<void> {
  await db
    .insertInto('users')
    .values({ ...row, countries: jsonColumn(row.countries), provinces: jsonColumn(row.provinces) })
    .execute();
}

export async function updateUserRow(db: Db, id: string, changes: Partial<Omit<UserRow, 'id'>>): Promise<void> {
  const values = {
    ...changes,
    ...('countries' in changes ? { countries: jsonColumn(changes.countries) } : {}),
    ...('provinces' in changes ? { provinces: jsonColumn(changes.provinces) } : {}),
  };
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

/** An agency an account may be given: the organisation's id and country (null: international), or undefined. */
export async function findAgency(db: Db, id: string): Promise<{ id: string; country_code: string | null } | undefined> {
  return db.selectFrom('organizations').select(['id', 'country_code']).where('id', '=', id).executeTakeFirst();
}

/** Ends every session of a user: an account whose password, role or countries changed signs in again. */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
}

export async function listUsers(db: Db): Promise<Array<UserRow & { organization_name: string | null }>> {
  return db
    .selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .selectAll('users')
    .select('organizations.name as organization_name')
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(1000)
    .execute();
}

export function presentUserListItem(row: UserRow & { organization_name: string | null }): UserListItem {
  return { ...presentUser(row), organizationName: row.organization_name };
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether a user who works in `userCountries` (null: everywhere) works in one of `countries` (null: every country). */
export function sharesCountry(userCountries: string[] | null, countries: string[] | null): boolean {
  return countries === null || userCountries === null || userCountries.some((c) => countries.includes(c));
}

/**
 * Active users who may be named trainers, limited to those who work in one of `countries` (the
 * asking user's): a user limited to some countries must not learn the names of staff elsewhere.
 */
export async function listEventStaffUsers(db: Db, countries: string[] | null): Promise<Array<{ id: string; name: string; role: string }>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'countries'])
    .where('role', 'in', ['admin', 'programme_manager', 'trainer'])
    .where('active', '=', true)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => sharesCountry(fromJson<string[] | null>(r.countries, null), countries))
    .slice(0, 1000)
    .map((r) => ({ id: r.id, name: r.name, role: r.role }));
}

/** The ids among `ids` of users who exist and work in one of `countries` (null: every country). */
export async function existingUserIds(db: Db, ids: string[], countries: string[] | null = null): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('users').select(['id', 'countries']).where('id', 'in', ids).execute();
  return new Set(rows.filter((r) => sharesCountry(fromJson<string[] | null>(r.countries, null), countries)).map((r) => r.id));
}
