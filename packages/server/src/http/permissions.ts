import type { Role } from '@hifazat/contract';

/**
 * What each route needs. Every /api route names one of these in `config.permission`; the app refuses
 * to start with a route that does not, and a test walks every route for every role.
 */
export const permissionRoles = {
  public: null,
  signed_in: ['admin', 'programme_manager', 'trainer', 'viewer'],
  'users.manage': ['admin'],
  // Backups and the state of the installation: administrators only.
  'system.manage': ['admin'],
  'organizations.write': ['admin', 'programme_manager', 'trainer'],
  'people.write': ['admin', 'programme_manager', 'trainer'],
  'records.delete': ['admin', 'programme_manager'],
  'people.merge': ['admin', 'programme_manager'],
  'programmes.write': ['admin', 'programme_manager'],
  'events.create': ['admin', 'programme_manager', 'trainer'],
  // A trainer passes here, then the event service checks that they are a trainer of that event.
  'events.write': ['admin', 'programme_manager', 'trainer'],
  'trainers.list': ['admin', 'programme_manager', 'trainer'],
} as const satisfies Record<string, readonly Role[] | null>;

export type Permission = keyof typeof permissionRoles;

export function roleMay(role: Role, permission: Permission): boolean {
  const roles: readonly Role[] | null = permissionRoles[permission];
  return roles === null || roles.includes(role);
}

/** The signed-in user as every handler and service sees it. */
export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** null: every country. */
  countries: string[] | null;
};

export const seesCountry = (actor: Actor, countryCode: string | null): boolean =>
  actor.countries === null || (countryCode !== null && actor.countries.includes(countryCode));

/** Editing an event: managers always, trainers only on events they are a trainer of. */
export const managesAllEvents = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'programme_manager';
