/** The people of the register (participants, not victims: case data lives in its own module). */
export { registerPeopleRoutes } from './people.routes.js';
export * from './people.service.js';
// Used by imports (a batch insert in the import's transaction) and by event presenters.
export { insertPeople, organizationRef, type PersonRow } from './people.repository.js';
