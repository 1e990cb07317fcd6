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
  // Trainers add organisations (a participant's agency) but change none: an agency is shared by everyone's records.
  'organizations.create': ['admin', 'programme_manager', 'trainer'],
  'organizations.write': ['admin', 'programme_manager'],
  'people.create': ['admin', 'programme_manager', 'trainer'],
  // A trainer passes here, then the people service checks that the person takes part in an event they train.
  'people.write': ['admin', 'programme_manager', 'trainer'],
  'records.delete': ['admin', 'programme_manager'],
  // Trainers change the events they train but delete none.
  'events.delete': ['admin', 'programme_manager'],
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

/**
 * Whether the actor sees a record of this country. This is the rule for people (their own
 * `country_code`; a person of no country is seen only by users of every country) and for events.
 */
export const seesCountry = (actor: Actor, countryCode: string | null): boolean =>
  actor.countries === null || (countryCode !== null && actor.countries.includes(countryCode));

/** Organisations: one of no country (UNODC, the EU) is international and seen by everyone. */
export const seesOrganizationCountry = (actor: Actor, countryCode: string | null): boolean => countryCode === null || seesCountry(actor, countryCode);

/** Users (an event's trainers): seen when they work in one of the actor's countries, or everywhere. */
export const seesUserCountries = (actor: Actor, userCountries: string[] | null): boolean =>
  actor.countries === null || userCountries === null || userCountries.some((c) => actor.countries?.includes(c));

/** Editing an event: managers always, trainers only on events they are a trainer of. */
export const managesAllEvents = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'programme_manager';
