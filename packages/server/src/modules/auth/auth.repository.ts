import { everyColumn, preparedStatement, runPrepared, type Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import type { SessionSecondFactor, UsersTable } from '../../db/schema.js';
import type { UserRow } from '../users/index.js';

export async function insertSession(
  db: Db,
  session: { id: string; userId: string; now: string; expiresAt: string; secondFactor?: SessionSecondFactor | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.now,
      expires_at: session.expiresAt,
      last_seen_at: session.now,
      second_factor: session.secondFactor ?? null,
    })
    .execute();
}

export type SessionUser = { user: UserRow; createdAt: string; expiresAt: string; lastSeenAt: string; secondFactor: SessionSecondFactor | null };

/** Every column of users, by name (a prepared statement must not say `*`); the type check below keeps it whole. */
const USER_COLUMNS = everyColumn<UsersTable>()([
  'id',
  'email',
  'email_normalized',
  'name',
  'role',
  'password_hash',
  'countries',
  'active',
  'created_at',
  'updated_at',
  'mfa_secret',
  'mfa_confirmed_at',
  'mfa_last_step',
  'organization_id',
  'provinces',
  'justice_access',
]);

/** The session lookup of every signed-in request: prepared once (db/database.ts, runPrepared). */
const SESSION_USER = preparedStatement(
  'hifazat_session_user',
  `select ${USER_COLUMNS.map((c) => `u.${c}`).join(', ')},
     s.created_at as session_created_at, s.expires_at as session_expires_at, s.last_seen_at as session_last_seen_at, s.second_factor as session_second_factor
   from sessions s join users u on u.id = s.user_id where s.id = ?`,
);

type SessionUserRow = UserRow & {
  session_created_at: string;
  session_expires_at: string;
  session_last_seen_at: string;
  session_second_factor: SessionSecondFactor | null;
};

export async function findSessionUser(db: Db, sessionId: string): Promise<SessionUser | undefined> {
  const [row] = await runPrepared<SessionUserRow>(db, SESSION_USER, [sessionId]);
  if (!row) return undefined;
  const { session_created_at, session_expires_at, session_last_seen_at, session_second_factor, ...user } = row;
  return { user, createdAt: session_created_at, expiresAt: session_expires_at, lastSeenAt: session_last_seen_at, secondFactor: session_second_factor };
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Stores a new TOTP secret (sealed) for an account whose enrolment is not confirmed; false when it is. */
export async function setPendingSecret(db: Db, userId: string, sealedSecret: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ mfa_secret: sealedSecret, mfa_last_step: null })
    .where('id', '=', userId)
    .where('mfa_confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Confirms a pending enrolment with the step of the code given; false when it was confirmed meanwhile. */
export async function confirmSecret(db: Db, userId: string, step: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ mfa_confirmed_at: now, mfa_last_step: step })
    .where('id', '=', userId)
    .where('mfa_confirmed_at', 'is', null)
    .where('mfa_secret', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records that a code of `step` was accepted, unless one of that step or a later one was: the update is
 * the check, so two requests with one code cannot both pass. True when this one did.
 */
export async function takeTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ mfa_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Db, userId: string, codes: Array<{ id: string; hash: string }>, now: string): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  if (codes.length === 0) return;
  await db
    .insertInto('mfa_recovery_codes')
    .values(codes.map((c) => ({ id: c.id, user_id: userId, code_hash: c.hash, created_at: now, used_at: null })))
    .execute();
}

export async function unusedRecoveryCodes(db: Db, userId: string): Promise<Array<{ id: string; hash: string }>> {
  const rows = await db.selectFrom('mfa_recovery_codes').select(['id', 'code_hash']).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  return rows.map((r) => ({ id: r.id, hash: r.code_hash }));
}

/** Marks a recovery code used, unless it was meanwhile: true when this call used it. */
export async function useRecoveryCode(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('mfa_recovery_codes').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Forgets an account's second factor (secret, confirmation, recovery codes). */
export async function clearSecondFactor(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ mfa_secret: null, mfa_confirmed_at: null, mfa_last_step: null }).where('id', '=', userId).execute();
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
}

export async function touchSession(db: Db, sessionId: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

/** Deletes the session; whether there was one to delete (a reset or a sign-out may have gone first). */
export async function deleteSession(db: Db, sessionId: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('id', '=', sessionId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteUserSessionsExcept(db: Db, userId: string, keepSessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

/**
 * Locks the guard rows of the given keys (created when missing), in the order given, for the rest of
 * the transaction `db` belongs to. PostgreSQL holds an upserted row's lock until commit; SQLite runs
 * one transaction at a time. Callers pass keys in one fixed order so that two attempts never wait on
 * each other in a circle.
 */
export async function lockLoginGuards(db: Db, keys: string[], now: string): Promise<void> {
  for (const key of keys) {
    await db
      .insertInto('login_guards')
      .values({ key, touched_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ touched_at: now }))
      .execute();
  }
}

export type LoginAttemptRow = { id: string; clientAddress: string | null; at: string; success: boolean };

/** One account's attempts since `since`, oldest first. */
export async function accountAttemptsSince(db: Db, emailNormalized: string, since: string): Promise<LoginAttemptRow[]> {
  const rows = await db
    .selectFrom('login_attempts')
    .select(['id', 'client_address', 'at', 'success'])
    .where('email_normalized', '=', emailNormalized)
    .where('at', '>=', since)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, clientAddress: r.client_address, at: r.at, success: toBoolean(r.success) }));
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

/** Whether someone signed in to the account from the address since `since`. */
export async function hasSignedInFrom(db: Db, emailNormalized: string, clientAddress: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('login_attempts')
    .select('id')
    .where('email_normalized', '=', emailNormalized)
    .where('client_address', '=', clientAddress)
    .where('at', '>=', since)
    .where('success', '=', true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records an attempt; it counts as failed until `markAttemptSucceeded`, so a crash mid-check counts too. */
export async function insertLoginAttempt(db: Db, attempt: { id: string; emailNormalized: string; clientAddress: string; at: string }): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ id: attempt.id, email_normalized: attempt.emailNormalized, client_address: attempt.clientAddress, at: attempt.at, success: false })
    .execute();
}

export async function deleteLoginAttempt(db: Db, id: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('id', '=', id).execute();
}

export async function markAttemptSucceeded(db: Db, id: string): Promise<void> {
  await db.updateTable('login_attempts').set({ success: true }).where('id', '=', id).execute();
}

/** Failures are kept a day and successes (which make an address known to an account) longer. */
export async function deleteOldLoginAttempts(db: Db, failuresBefore: string, successesBefore: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('success', '=', false).where('at', '<', failuresBefore).execute();
  await db.deleteFrom('login_attempts').where('success', '=', true).where('at', '<', successesBefore).execute();
  await db.deleteFrom('login_guards').where('touched_at', '<', failuresBefore).execute();
}

/** Forgets an account's failed attempts from every address (`hifazat user unlock`); returns how many. */
export async function deleteFailedAttemptsOfAccount(db: Db, emailNormalized: string): Promise<number> {
  const result = await db.deleteFrom('login_attempts').where('email_normalized', '=', emailNormalized).where('success', '=', false).executeTakeFirst();
  return Number(result.numDeletedRows);
}
