import type { Role } from './auth.js';

/**
 * What each route needs. Every /api route names one of these in `config.permission` (the server
 * refuses to start with a route that does not, and a test walks every route for every role); the web
 * app asks the same table which controls to offer.
 */
export const permissionRoles = {
  public: null,
  /**
   * The training register's reads. Only the register's roles: the case roles (data officer, supervisor,
   * service provider, analyst) see nothing of it — least privilege, since their sessions are the ones
   * a victim's safety depends on.
   */
  signed_in: ['admin', 'programme_manager', 'trainer', 'viewer'],
  /** One's own account (who am I, my password): every role. */
  account: ['admin', 'programme_manager', 'trainer', 'viewer', 'data_officer', 'supervisor', 'service_provider', 'analyst'],
  /**
   * Enrolling or giving the second factor: only a half session (password checked, second factor not yet)
   * reaches these routes, whatever its role; the auth hook lets it through and refuses it everything
   * else. A full session has nothing to do there: no role is listed, so it is refused.
   */
  second_factor: [],
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
  // The question bank and questionnaire templates: a trainer passes here, then the service lets them change only the ones they wrote.
  'questions.write': ['admin', 'programme_manager', 'trainer'],
  // The logframe: results, indicators, targets, manual values and the donor report's narrative.
  'indicators.write': ['admin', 'programme_manager'],
  // Locking a reporting period keeps its indicator values as reported; opening it again is the administrator's.
  'periods.lock': ['admin', 'programme_manager'],
  'periods.unlock': ['admin'],
  // Awareness campaigns and needs assessments are the programme's plan and its report to the donor (their
  // outputs and reach feed the indicators): programme managers keep them. Trainers run the sessions, which
  // are events they record as usual; a campaign links them.
  'campaigns.write': ['admin', 'programme_manager'],
  // The screening aid (evaluate a case study or an interview, nothing stored; read the rules and legal texts):
  // every role, the case roles first among them: it is what a first responder uses.
  'screening.aid': ['admin', 'programme_manager', 'trainer', 'viewer', 'data_officer', 'supervisor', 'service_provider', 'analyst'],
  // The screening aid's rules (legal texts, penalties, competent agencies) are legal configuration: administrators add versions.
  'screening.rules': ['admin'],
  // Victims' case files (issue 12). The services narrow these further: a data officer to their agency's cases in
  // their provinces, a supervisor to their agency's; an administrator reads a case only through break-glass.
  // A service provider passes here for one purpose: the case of a live referral to its service, in the
  // reduced form the referral shares (any other case, and every other case route, answers 404 to it).
  'cases.read': ['data_officer', 'supervisor', 'admin', 'service_provider'],
  'cases.create': ['data_officer'],
  'cases.write': ['data_officer', 'supervisor'],
  // Stored screenings are the first responder's: the data officer who interviews the person.
  'cases.screen': ['data_officer'],
  // Opening a case outside one's scope, with a reason, flagged for review.
  'cases.break_glass': ['supervisor', 'admin'],
  // A person's request to export or erase their data is decided by a supervisor.
  'cases.retention': ['supervisor'],
  // Counts only, small cells withheld: never a name, a contact detail or a case id.
  'cases.statistics': ['analyst', 'supervisor'],
  // The SOP workflow (issue 13): a data officer moves a case forward; the service keeps approving the plan,
  // closing and reopening to a supervisor of the case's agency (403 to a data officer).
  'cases.transition': ['data_officer', 'supervisor'],
  // Asking a supervisor for approval: a data officer's (a supervisor makes the move, and settles no request of their own).
  'cases.request_approval': ['data_officer'],
  // The pending approvals: supervisors only.
  'cases.approve': ['supervisor'],
  'cases.tasks': ['data_officer', 'supervisor'],
  // The criminal-justice track: these roles pass here, then the service asks for the account's own justice
  // grant (given by an administrator on the Users page). Never analysts, providers or administrators.
  'cases.justice': ['data_officer', 'supervisor'],
  // HTCDS exchange (issue 13): exporting case files of one's own agency and area (never through break-glass, never
  // administrators, analysts or providers). Importing a sheet opens cases: 'cases.create'.
  'cases.exchange': ['data_officer', 'supervisor'],
  // Possible duplicates across agencies: seen, merged and dismissed by supervisors only (a data officer must not
  // learn what another agency holds). The service narrows it to pairs with a case of their agency.
  'cases.duplicates': ['supervisor'],
  // The service directory (issue 13). A provider reads only the services it answers for (the service narrows it).
  'services.read': ['data_officer', 'supervisor', 'admin', 'service_provider'],
  // Keeping the directory: adding and changing services, naming their provider accounts, import and export.
  'services.write': ['admin', 'supervisor'],
  // Live capacity: the keepers, and a provider for its own services only (the service checks).
  'services.capacity': ['admin', 'supervisor', 'service_provider'],
  // Referral (issue 13): the case's agency sends, withdraws and closes; the service's own provider accounts
  // answer and record the outcome (the service checks it is theirs); all three read what concerns them.
  'referrals.send': ['data_officer', 'supervisor'],
  'referrals.respond': ['service_provider'],
  'referrals.read': ['data_officer', 'supervisor', 'service_provider'],
} as const satisfies Record<string, readonly Role[] | null>;

export type Permission = keyof typeof permissionRoles;

export function roleMay(role: Role, permission: Permission): boolean {
  const roles: readonly Role[] | null = permissionRoles[permission];
  return roles === null || roles.includes(role);
}
