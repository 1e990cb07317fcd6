import type { Db } from '../../db/database.js';
import { fromJson } from '../../db/dialect.js';
import type { Actor } from '../../http/permissions.js';
import { nowIso } from '../../shared/ids.js';
import * as repo from './cases.repository.js';

/**
 * Who sees which case files (least privilege, issue 12):
 * - a data officer: their agency's cases in their provinces (all provinces when none are set);
 * - a supervisor: their agency's cases, and those they broke the glass for;
 * - an administrator: only the cases they broke the glass for;
 * - everyone: only in their countries. Any other role sees none (the route permissions refuse them first).
 */
export async function scopeOf(db: Db, actor: Actor): Promise<repo.CaseScope> {
  const grantsOf = actor.role === 'supervisor' || actor.role === 'admin' ? { userId: actor.id, now: nowIso() } : null;
  if (actor.role !== 'data_officer' && actor.role !== 'supervisor') return { countries: actor.countries, agency: null, grantsOf };
  const account = await repo.scopeOfUser(db, actor.id);
  const organizationId = account?.organization_id ?? null;
  const provinces = actor.role === 'data_officer' ? fromJson<string[] | null>(account?.provinces, null) : null;
  return { countries: actor.countries, agency: organizationId ? { organizationId, provinces } : null, grantsOf };
}

/** The account's agency and area, for opening a case. */
export async function agencyOf(db: Db, actor: Actor): Promise<{ organizationId: string | null; provinces: string[] | null }> {
  const account = await repo.scopeOfUser(db, actor.id);
  return { organizationId: account?.organization_id ?? null, provinces: fromJson<string[] | null>(account?.provinces, null) };
}

/**
 * An administrator breaks the glass only with a second factor on their account (which every sign-in of
 * theirs then asks for): a password alone never opens a victim's file.
 */
export async function hasSecondFactor(db: Db, actor: Actor): Promise<boolean> {
  return (await repo.scopeOfUser(db, actor.id))?.mfa_confirmed_at != null;
}

/** Roles that may break the glass (the others are answered 404 for a case outside their scope). */
export const mayBreakGlass = (actor: Actor): boolean => actor.role === 'supervisor' || actor.role === 'admin';
