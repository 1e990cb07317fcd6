/** Per-address request limits for the routes anyone may call, counted in the database (shared by every server process). */
export { countRequest, reserveFailure, type AddressLimit, type FailureAllowance } from './address-limits.service.js';
