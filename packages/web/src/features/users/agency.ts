import { PAKISTAN_PROVINCES, needsSecondFactor, type Role, type User } from '@hifazat/contract';
import type { Translate } from '../../i18n';

/** The case roles work for an agency: the form offers the field to them only. */
export const takesAgency = (role: Role): boolean => needsSecondFactor(role);

/** Roles that see no case file without an agency (the server scopes them by it). */
export const needsAgency = (role: Role): boolean => role === 'data_officer' || role === 'supervisor';

/** A data officer's cases are limited to provinces; the other roles have none. */
export const takesProvinces = (role: Role): boolean => role === 'data_officer';

/** An account that cannot open case files until an administrator sets its agency. */
export const lacksAgency = (user: Pick<User, 'role' | 'organizationId'>): boolean => needsAgency(user.role) && user.organizationId === null;

/**
 * The provinces as the server keeps them: a suggested province typed or picked in the reader's language
 * becomes its name in the contract's list (the name cases are stored under, which the scope compares),
 * any other name stays as typed; blanks go, and each name is kept once.
 */
export function canonicalProvinces(values: readonly string[], t: Translate): string[] {
  const byLabel = new Map<string, string>();
  for (const province of PAKISTAN_PROVINCES) {
    byLabel.set(province.toLocaleLowerCase(), province);
    byLabel.set(t(`province.${province}`, { defaultValue: province }).toLocaleLowerCase(), province);
  }
  const result: string[] = [];
  for (const value of values) {
    const typed = value.trim().replace(/\s+/g, ' ');
    if (!typed) continue;
    const name = byLabel.get(typed.toLocaleLowerCase()) ?? typed;
    if (!result.includes(name)) result.push(name);
  }
  return result;
}

type AgencyValues = { role: Role; organizationId: string; provinces: string[] };

/**
 * The agency and provinces a save sends: cleared for a role that has none (an account moved off the
 * case roles keeps no agency it no longer uses), and no provinces (null) meaning every province.
 */
export function agencyBody(values: AgencyValues, t: Translate): { organizationId: string | null; provinces: string[] | null } {
  const organizationId = takesAgency(values.role) && values.organizationId ? values.organizationId : null;
  const provinces = takesProvinces(values.role) ? canonicalProvinces(values.provinces, t) : [];
  return { organizationId, provinces: provinces.length > 0 ? provinces : null };
}
