import type { CreateUserBody, Role, UpdateUserBody, User, UserListItem } from '@hifazat/contract';
import { toBoolean } from '../../db/dialect.js';
import type { Db } from '../../db/database.js';
import { conflict, forbidden, invalid, notFound, ruleViolation } from '../../http/errors.js';
import { seesOrganizationCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeEmail } from '../../shared/normalize.js';
import { diff, recordAudit } from '../audit/index.js';
import { hashPassword } from '../../shared/passwords.js';
import * as repo from './users.repository.js';

/**
 * An administrator limited to some countries manages only the accounts that see no more than they do:
 * users limited to countries among theirs. An account that sees other countries, or every country,
 * is out of their reach (as if it did not exist) — otherwise they could take it over.
 */
export function managesUser(actor: Actor, userCountries: string[] | null): boolean {
  if (actor.countries === null) return true;
  return userCountries !== null && userCountries.every((c) => actor.countries?.includes(c));
}

const sameCountries = (a: string[] | null, b: string[] | null) => (a === null || b === null ? a === b : [...a].sort().join() === [...b].sort().join());

/** Refuses countries that a limited administrator does not have themselves (or `null`: every country). */
function assertGrantable(actor: Actor | null, countries: string[] | null | undefined): void {
  if (actor === null || actor.countries === null || countries === undefined) return;
  if (countries === null || !managesUser(actor, countries)) {
    throw forbidden('You can give only countries you work in yourself', [{ path: 'countries', message: 'Only countries you work in yourself' }]);
  }
}

/**
 * An agency given to an account must exist and be one the administrator sees (an international one, or
 * of their countries): 400 otherwise, before the database's foreign key would refuse it less clearly.
 */
async function assertAgency(db: Db, actor: Actor | null, organizationId: string | null | undefined): Promise<void> {
  if (!organizationId) return;
  const agency = await repo.findAgency(db, organizationId);
  if (!agency || (actor !== null && !seesOrganizationCountry(actor, agency.country_code))) {
    throw invalid('No such organisation', [{ path: 'organizationId', message: 'No such organisation' }]);
  }
}

/**
 * The criminal-justice track's grant (issue 13) goes only to a data officer or a supervisor: asking it for
 * another role is refused; an account moved to another role loses it.
 */
function justiceGrant(role: Role, wanted: boolean, asked = wanted): boolean {
  const caseWorker = role === 'data_officer' || role === 'supervisor';
  if (asked && !caseWorker) {
    throw ruleViolation('Only data officers and supervisors may be given the justice track', [{ path: 'justiceAccess', message: 'Not a case role' }]);
  }
  return wanted && caseWorker;
}

/** The accounts an administrator may see and manage, with their agencies' names. */
export async function listUsers(db: Db, actor: Actor): Promise<UserListItem[]> {
  return (await repo.listUsers(db)).map(repo.presentUserListItem).filter((u) => managesUser(actor, u.countries));
}

/** One account, or 404 when the administrator may not manage it. */
export async function findManagedUser(db: Db, actor: Actor, id: string): Promise<User> {
  const row = await repo.findUserById(db, id);
  const user = row ? repo.presentUser(row) : undefined;
  if (!user || !managesUser(actor, user.countries)) throw notFound('User');
  return user;
}

/** Creates an account; `actor` is null when the command line does it. */
export async function createUser(db: Db, actor: Actor | null, body: CreateUserBody): Promise<User> {
  // A limited administrator's new account is limited too: at most to the countries they have.
  assertGrantable(actor, body.countries === undefined && actor?.countries ? null : body.countries);
  const email = normalizeEmail(body.email) ?? '';
  const passwordHash = await hashPassword(body.password);
  return db.transaction().execute(async (trx) => {
    if (await repo.findUserByEmail(trx, email)) throw conflict('A user with this email exists already', [{ path: 'email', message: 'Taken' }]);
    await assertAgency(trx, actor, body.organizationId);
    const now = nowIso();
    const row: repo.UserRow = {
      id: newId(),
      email: body.email.trim(),
      email_normalized: email,
      name: body.name,
      role: body.role,
      password_hash: passwordHash,
      countries: body.countries ?? null,
      organization_id: body.organizationId ?? null,
      provinces: body.provinces ?? null,
      justice_access: justiceGrant(body.role, body.justiceAccess ?? false),
      active: true,
      created_at: now,
      updated_at: now,
      mfa_secret: null,
      mfa_confirmed_at: null,
      mfa_last_step: null,
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
    if (!before || !managesUser(actor, repo.presentUser(before).countries)) throw notFound('User');
    if (id === actor.id && ((body.role && body.role !== 'admin') || body.active === false)) {
      throw ruleViolation('You cannot remove your own administrator rights; ask another administrator');
    }
    // Widening one's own reach is the first thing a stolen administrator session would try.
    if (id === actor.id && body.countries !== undefined && !sameCountries(body.countries, repo.presentUser(before).countries)) {
      throw ruleViolation('You cannot change your own countries; ask another administrator');
    }
    assertGrantable(actor, body.countries);
    // Checked when it changes: saving an account as it is keeps an agency given by someone who sees more.
    if (body.organizationId !== before.organization_id) await assertAgency(trx, actor, body.organizationId);
    const changes: Partial<repo.UserRow> = { updated_at: nowIso() };
    if (body.name !== undefined) changes.name = body.name;
    if (body.role !== undefined) changes.role = body.role;
    if (body.active !== undefined) changes.active = body.active;
    if (body.countries !== undefined) changes.countries = body.countries;
    if (body.organizationId !== undefined) changes.organization_id = body.organizationId;
    if (body.provinces !== undefined) changes.provinces = body.provinces;
    if (body.justiceAccess !== undefined || body.role !== undefined) {
      changes.justice_access = justiceGrant(body.role ?? before.role, body.justiceAccess ?? toBoolean(before.justice_access), body.justiceAccess === true);
    }
    if (passwordHash) changes.password_hash = passwordHash;
    await repo.updateUserRow(trx, id, changes);
    // A changed password, role or countries, or a deactivation, signs the user out everywhere.
    const beforeUser = repo.presentUser(before);
    const roleChanged = body.role !== undefined && body.role !== beforeUser.role;
    const countriesChanged = body.countries !== undefined && !sameCountries(body.countries, beforeUser.countries);
    // A changed agency or area changes which case files the account sees: its sessions end too.
    const scopeChanged =
      (body.organizationId !== undefined && body.organizationId !== beforeUser.organizationId) ||
      (body.provinces !== undefined && !sameCountries(body.provinces, beforeUser.provinces));
    if (passwordHash || body.active === false || roleChanged || countriesChanged || scopeChanged) await repo.deleteSessionsOfUser(trx, id);
    const after = repo.presentUser((await repo.findUserById(trx, id)) as repo.UserRow);
    const changed = diff(repo.presentUser(before), after);
    if (passwordHash) changed.password = { from: '•••', to: 'changed' };
    await recordAudit(trx, { entityType: 'user', entityId: id, action: 'update', userId: actor.id, changes: changed });
    return after;
  });
}
