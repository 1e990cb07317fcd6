/**
 * The screening aid (issue 12): trafficking or smuggling, element by element, against versioned
 * rules per country. Stored screenings on case files (a later module) call `evaluate` with
 * `rulesFor(db, country, day)` and keep the answer's `rulesVersion`.
 */
export { registerScreeningRoutes } from './screening.routes.js';
export { evaluate, type AppliedRules } from './screening.rules.js';
export { rulesFor } from './screening.service.js';
