import type { Db } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import type { UserRow } from '../users/users.repository.js';

export async function insertSession(db: Db, session: { id: string; userId: string; now: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: session.id, user_id: session.userId, created_at: session.now, expires_at: session.expiresAt, last_seen_at: session.now })
    .execute();
}

export async function findSessionUser(db: Db, sessionId: string): Promise<{ user: UserRow; expiresAt: string; lastSeenAt: string } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.expires_at as session_expires_at', 'sessions.last_seen_at as session_last_seen_at'])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_expires_at, session_last_seen_at, ...user } = row;
  return { user, expiresAt: session_expires_at, lastSeenAt: session_last_seen_at };
}

export async function touchSession(db: Db, sessionId: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function recordLoginAttempt(db: Db, attempt: { emailNormalized: string; clientAddress: string; at: string; success: boolean }): Promise<void> {
  await db.insertInto('login_attempts').values({ id: newId(), email_normalized: attempt.emailNormalized, client_address: attempt.clientAddress, at: attempt.at, success: attempt.success }).execute();
}

/** Attempts older than `before` count for nothing; they are removed so that addresses are not kept. */
export async function deleteLoginAttemptsBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<', before).execute();
}

export async function countFailedAttemptsFromAddressSince(db: Db, clientAddress: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_address', '=', clientAddress)
    .where('at', '>=', since)
    .where('success', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countFailedAttemptsSince(db: Db, emailNormalized: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email_normalized', '=', emailNormalized)
    .where('at', '>=', since)
    .where('success', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function clearFailedAttempts(db: Db, emailNormalized: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('email_normalized', '=', emailNormalized).execute();
}
