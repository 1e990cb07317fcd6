import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { SessionSecondFactor } from '../../db/schema.js';
import { AppError, conflict, invalid } from '../../http/errors.js';
import { newId, nowIso } from '../../shared/ids.js';
import { hashPassword, verifyPassword } from '../../shared/passwords.js';
import { openText, sealText, type DataKeyring } from '../../shared/data-key.js';
import { rowPurpose } from '../../shared/sealed-columns.js';
import { recordAudit } from '../audit/index.js';
import { findUserById, type UserRow } from '../users/index.js';
import * as repo from './auth.repository.js';
import { hashToken, limitedCheck, secondFactorLimitKey, upgradeSession, type SessionLifetime } from './auth.service.js';
import { matchTotp, newTotpSecret, otpauthUrl } from './totp.js';

/** What the data key's seal of a TOTP secret is bound to, with the account's id (rowPurpose): moved to another column or account, it fails to open. */
export const MFA_SECRET_PURPOSE = 'users.mfa_secret';

/**
 * The sealed column of this module, for the key helper's registry (`npx hifazat keys rotate` walks the
 * registered columns and seals each value again with the current key).
 */
export const MFA_SEALED_COLUMN = { table: 'users', idColumn: 'id', column: 'mfa_secret', purpose: MFA_SECRET_PURPOSE } as const;

export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/l/i: a code copied by hand from paper is read right.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A recovery code: 12 characters of a 31-letter alphabet (about 59 bits) in groups of four, e.g. "k7mq-2xpt-9wde". */
export function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  const letters = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8, 12)}`;
}

const recoveryShape = /^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}$/;
/** A recovery code as typed (any case, with or without dashes or spaces) in the form it was hashed in. */
function normaliseRecoveryCode(code: string): string | undefined {
  const compact = code.toLowerCase().replace(/[\s-]+/g, '');
  if (!recoveryShape.test(compact)) return undefined;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}`;
}

type HalfSession = { userId: string; state: SessionSecondFactor | null; token: string; clientAddress: string };

async function userOf(db: Db, session: HalfSession, expected: SessionSecondFactor): Promise<UserRow> {
  const user = await findUserById(db, session.userId);
  if (!user) throw new AppError('unauthorized', 'Sign in first');
  if (session.state !== expected) {
    throw conflict(expected === 'setup_required' ? 'A second factor is enrolled already: give a code' : 'Enrol a second factor first');
  }
  return user;
}

const wrongCode = () => invalid('The code is not right', [{ path: 'code', message: 'The code is not right' }]);

/** Begins enrolment: a new TOTP secret (replacing one not confirmed), sealed in the database and shown once here. */
async function beginEnrolment(db: Db, keys: DataKeyring, user: UserRow): Promise<{ secret: string; otpauthUrl: string }> {
  const secret = newTotpSecret();
  if (!(await repo.setPendingSecret(db, user.id, sealText(keys, secret, rowPurpose(MFA_SECRET_PURPOSE, user.id)))))
    throw conflict('A second factor is enrolled already');
  return { secret, otpauthUrl: otpauthUrl(secret, user.email) };
}

/**
 * Finishes enrolment with a code of the new secret: the account is enrolled and gets ten recovery
 * codes (answered once, stored hashed). `andThen` runs in the same transaction (what happens to the
 * sessions differs between a first sign-in and an enrolment chosen later).
 */
async function finishEnrolment<T>(
  db: Db,
  keys: DataKeyring,
  user: UserRow,
  code: string,
  clientAddress: string,
  andThen: (trx: Db) => Promise<T>,
): Promise<{ recoveryCodes: string[]; then: T }> {
  if (!user.mfa_secret) throw conflict('Start the setup first');
  const secret = openText(keys, user.mfa_secret, rowPurpose(MFA_SECRET_PURPOSE, user.id));
  const step = await limitedCheck(db, secondFactorLimitKey(user.id), clientAddress, async () => matchTotp(secret, code));
  if (step === undefined) throw wrongCode();
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashed = await Promise.all(recoveryCodes.map(async (c) => ({ id: newId(), hash: await hashPassword(c) })));
  const then = await db.transaction().execute(async (trx) => {
    if (!(await repo.confirmSecret(trx, user.id, step, nowIso()))) throw conflict('A second factor is enrolled already');
    await repo.replaceRecoveryCodes(trx, user.id, hashed, nowIso());
    await recordAudit(trx, {
      entityType: 'user',
      entityId: user.id,
      action: 'update',
      userId: user.id,
      changes: { secondFactor: { from: null, to: 'enrolled' } },
    });
    return andThen(trx);
  });
  return { recoveryCodes, then };
}

/** A new TOTP secret for an account that must enrol at sign-in (a half session). */
export async function setUpSecondFactor(db: Db, keys: DataKeyring, session: HalfSession): Promise<{ secret: string; otpauthUrl: string }> {
  return beginEnrolment(db, keys, await userOf(db, session, 'setup_required'));
}

/** Finishes enrolment at sign-in: the half session is replaced by a full one (its new token). */
export async function confirmSecondFactor(
  db: Db,
  keys: DataKeyring,
  session: HalfSession,
  code: string,
  lifetime: SessionLifetime,
): Promise<{ recoveryCodes: string[]; token: string }> {
  const user = await userOf(db, session, 'setup_required');
  const { recoveryCodes, then: token } = await finishEnrolment(db, keys, user, code, session.clientAddress, (trx) =>
    upgradeSession(trx, session.token, user, lifetime),
  );
  return { recoveryCodes, token };
}

async function notYetEnrolled(db: Db, userId: string): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError('unauthorized', 'Sign in first');
  if (user.mfa_confirmed_at) throw conflict('A second factor is enrolled already');
  return user;
}

/**
 * Enrolment from a full session, for the roles that may choose a second factor (an administrator needs
 * one to break the glass on a case file). Once confirmed, the account's sign-ins ask for a code like the
 * case roles' do. The session that confirmed stays (the code just given shows who holds it); every
 * other session of the account ends, since none of them gave a code: a session opened with the
 * password alone, or stolen, must not break the glass once the account has a second factor.
 */
export async function enrolOwnSecondFactor(db: Db, keys: DataKeyring, userId: string): Promise<{ secret: string; otpauthUrl: string }> {
  return beginEnrolment(db, keys, await notYetEnrolled(db, userId));
}

export async function confirmOwnSecondFactor(
  db: Db,
  keys: DataKeyring,
  userId: string,
  code: string,
  clientAddress: string,
  sessionToken: string,
): Promise<{ recoveryCodes: string[] }> {
  const user = await notYetEnrolled(db, userId);
  const { recoveryCodes } = await finishEnrolment(db, keys, user, code, clientAddress, (trx) =>
    repo.deleteUserSessionsExcept(trx, user.id, hashToken(sessionToken)),
  );
  return { recoveryCodes };
}

/**
 * The second factor of a sign-in: a code of the app (each step's code accepted once), or an unused
 * recovery code (then used up, and audited). Wrong codes count under the sign-in limits. Answers the
 * full session's token.
 */
export async function verifySecondFactor(
  db: Db,
  keys: DataKeyring,
  session: HalfSession,
  code: string,
  lifetime: SessionLifetime,
): Promise<{ user: UserRow; token: string }> {
  const user = await userOf(db, session, 'required');
  if (!user.mfa_secret || !user.mfa_confirmed_at) throw conflict('Enrol a second factor first');
  const secret = openText(keys, user.mfa_secret, rowPurpose(MFA_SECRET_PURPOSE, user.id));
  const recovery = normaliseRecoveryCode(code);
  const passed = await limitedCheck(db, secondFactorLimitKey(user.id), session.clientAddress, async () => {
    const step = matchTotp(secret, code);
    // A code of a step at or before the last one accepted is a replay: refused like a wrong one.
    if (step !== undefined) return (await repo.takeTotpStep(db, user.id, step)) ? ('totp' as const) : undefined;
    if (!recovery) return undefined;
    for (const stored of await repo.unusedRecoveryCodes(db, user.id)) {
      if (await verifyPassword(stored.hash, recovery)) return (await repo.useRecoveryCode(db, stored.id, nowIso())) ? ('recovery' as const) : undefined;
    }
    return undefined;
  });
  if (!passed) throw wrongCode();
  const token = await db.transaction().execute(async (trx) => {
    if (passed === 'recovery') {
      const left = (await repo.unusedRecoveryCodes(trx, user.id)).length;
      await recordAudit(trx, {
        entityType: 'user',
        entityId: user.id,
        action: 'update',
        userId: user.id,
        changes: { recoveryCodesLeft: { from: left + 1, to: left } },
        note: 'Signed in with a recovery code',
      });
    }
    return upgradeSession(trx, session.token, user, lifetime);
  });
  return { user, token };
}

/**
 * An administrator resets an account's second factor (a lost phone): secret and recovery codes are
 * forgotten, every session of the account ends, and it enrols again at its next sign-in. Audited.
 */
export async function resetSecondFactor(db: Db, actorId: string, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, userId);
    await repo.clearSecondFactor(trx, userId);
    await repo.deleteUserSessions(trx, userId);
    await recordAudit(trx, {
      entityType: 'user',
      entityId: userId,
      action: 'update',
      userId: actorId,
      changes: { secondFactor: { from: before?.mfa_confirmed_at ? 'enrolled' : before?.mfa_secret ? 'begun' : null, to: 'reset' } },
    });
  });
}
