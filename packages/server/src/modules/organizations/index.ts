/** Agencies and organisations; participants and events refer to them. */
export { registerOrganizationRoutes } from './organizations.routes.js';
export * from './organizations.service.js';
// Reads and the one insert other modules need inside their own transactions (imports, events).
export { findOrganizations, insertOrganization, listAllOrganizationKeys } from './organizations.repository.js';
