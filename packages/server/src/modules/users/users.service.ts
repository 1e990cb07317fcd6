import type { CreateUserBody, UpdateUserBody, User } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { conflict, notFound, ruleViolation } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeEmail } from '../../shared/normalize.js';
import { diff, recordAudit } from '../audit/audit.repository.js';
import { deleteUserSessions } from '../auth/auth.repository.js';
import { hashPassword } from '../auth/passwords.js';
import * as repo from './users.repository.js';

/** Creates an account; `actor` is null when the command line does it. */
export async function createUser(db: Db, actor: Actor | null, body: CreateUserBody): Promise<User> {
  const email = normalizeEmail(body.email) ?? '';
  const passwordHash = await hashPassword(body.password);
  return db.transaction().execute(async (trx) => {
    if (await repo.findUserByEmail(trx, email)) throw conflict('A user with this email exists already', [{ path: 'email', message: 'Taken' }]);
    const now = nowIso();
    const row: repo.UserRow = {
      id: newId(),
      email: body.email.trim(),
      email_normalized: email,
      name: body.name,
      role: body.role,
      password_hash: passwordHash,
      countries: body.countries ?? null,
      active: true,
      created_at: now,
      updated_at: now,
    };
    await repo.insertUser(trx, row);
    const created = repo.presentUser(row);
    await recordAudit(trx, { entityType: 'user', entityId: row.id, action: 'create', userId: actor?.id ?? null, changes: diff(null, created) });
    return created;
  });
}

export async function updateUser(db: Db, actor: Actor, id: string, body: UpdateUserBody): Promise<User> {
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  return db.transaction().execute(async (trx) => {
    const before = await repo.findUserById(trx, id);
    if (!before) throw notFound('User');
    if (id === actor.id && ((body.role && body.role !== 'admin') || body.active === false)) {
      throw ruleViolation('You cannot remove your own administrator rights; ask another administrator');
    }
    const changes: Partial<repo.UserRow> = { updated_at: nowIso() };
    if (body.name !== undefined) changes.name = body.name;
    if (body.role !== undefined) changes.role = body.role;
    if (body.active !== undefined) changes.active = body.active;
    if (body.countries !== undefined) changes.countries = body.countries;
    if (passwordHash) changes.password_hash = passwordHash;
    await repo.updateUserRow(trx, id, changes);
    // A changed password, role or deactivation signs the user out everywhere.
    if (passwordHash || body.active === false || body.role !== undefined || body.countries !== undefined) await deleteUserSessions(trx, id);
    const after = repo.presentUser((await repo.findUserById(trx, id)) as repo.UserRow);
    const changed = diff(repo.presentUser(before), after);
    if (passwordHash) changed.password = { from: '•••', to: 'changed' };
    await recordAudit(trx, { entityType: 'user', entityId: id, action: 'update', userId: actor.id, changes: changed });
    return after;
  });
}
