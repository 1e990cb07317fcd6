/** Per-address request limits for the routes anyone may call, counted in the database (shared by every server process). */
export { assertAllowance, countAgainst, countRequest, type AddressLimit } from './address-limits.service.js';
