import type { RouteName, Routes } from './routes.js';

/**
 * Each route's method and path, and nothing else: what a client needs to call it. Kept apart from
 * `routes` (which holds every zod schema) so that the web's client does not ship the whole contract's
 * schemas in its bundle. The type below refuses any difference from `routes`, and a test compares them.
 */
export const routeAddresses = {
  liveness: ['GET', '/api/health/live'],
  readiness: ['GET', '/api/health/ready'],
  health: ['GET', '/api/health'],
  signIn: ['POST', '/api/auth/login'],
  signOut: ['POST', '/api/auth/logout'],
  me: ['GET', '/api/auth/me'],
  changeOwnPassword: ['POST', '/api/auth/password'],
  listUsers: ['GET', '/api/users'],
  createUser: ['POST', '/api/users'],
  updateUser: ['PATCH', '/api/users/{id}'],
  userHistory: ['GET', '/api/users/{id}/history'],
  listTrainers: ['GET', '/api/trainers'],
  listOrganizations: ['GET', '/api/organizations'],
  createOrganization: ['POST', '/api/organizations'],
  getOrganization: ['GET', '/api/organizations/{id}'],
  updateOrganization: ['PATCH', '/api/organizations/{id}'],
  deleteOrganization: ['DELETE', '/api/organizations/{id}'],
  organizationHistory: ['GET', '/api/organizations/{id}/history'],
  listPeople: ['GET', '/api/people'],
  findDuplicates: ['GET', '/api/people/duplicates'],
  createPerson: ['POST', '/api/people'],
  getPerson: ['GET', '/api/people/{id}'],
  updatePerson: ['PATCH', '/api/people/{id}'],
  deletePerson: ['DELETE', '/api/people/{id}'],
  mergePeople: ['POST', '/api/people/{id}/merge'],
  personParticipations: ['GET', '/api/people/{id}/participations'],
  personHistory: ['GET', '/api/people/{id}/history'],
  listProgrammes: ['GET', '/api/programmes'],
  createProgramme: ['POST', '/api/programmes'],
  getProgramme: ['GET', '/api/programmes/{id}'],
  updateProgramme: ['PATCH', '/api/programmes/{id}'],
  deleteProgramme: ['DELETE', '/api/programmes/{id}'],
  programmeHistory: ['GET', '/api/programmes/{id}/history'],
  listEvents: ['GET', '/api/events'],
  exportEvents: ['GET', '/api/events/export'],
  eventFacets: ['GET', '/api/events/facets'],
  createEvent: ['POST', '/api/events'],
  getEvent: ['GET', '/api/events/{id}'],
  updateEvent: ['PATCH', '/api/events/{id}'],
  deleteEvent: ['DELETE', '/api/events/{id}'],
  eventHistory: ['GET', '/api/events/{id}/history'],
  listParticipants: ['GET', '/api/events/{id}/participants'],
  exportParticipants: ['GET', '/api/events/{id}/participants/export'],
  addParticipant: ['POST', '/api/events/{id}/participants'],
  updateParticipant: ['PATCH', '/api/events/{id}/participants/{personId}'],
  removeParticipant: ['DELETE', '/api/events/{id}/participants/{personId}'],
  setAttendance: ['PUT', '/api/events/{id}/attendance'],
  setDayAttendance: ['PUT', '/api/events/{id}/attendance/day'],
  eventSummary: ['GET', '/api/events/{id}/summary'],
  importParticipants: ['POST', '/api/events/{id}/participants/import'],
  programmeReport: ['GET', '/api/reports/programme'],
  exportProgrammeReport: ['GET', '/api/reports/programme/export'],
  dashboard: ['GET', '/api/reports/dashboard'],
  systemStatus: ['GET', '/api/system/status'],
  backUpNow: ['POST', '/api/system/backups'],
} as const satisfies { [N in RouteName]: readonly [Routes[N]['method'], Routes[N]['path']] };

/** `/api/events/{id}` with `{ id: '…' }` → `/api/events/…` (each value encoded). */
export function routePath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}
