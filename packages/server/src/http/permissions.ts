import type { Role } from '@hifazat/contract';

// The role table lives in the contract, so that the server and the web read one rule.
export { permissionRoles, roleMay, type Permission } from '@hifazat/contract';

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
