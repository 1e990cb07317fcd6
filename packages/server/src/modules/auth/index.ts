/** Sign-in, sessions and the sign-in limits. */
export { registerAuthRoutes } from './auth.routes.js';
export { actorOf, addressKey, unlockAccount, userForToken } from './auth.service.js';
export { SIGN_IN_LIMITS } from './sign-in-limits.js';
export { MFA_SEALED_COLUMN, MFA_SECRET_PURPOSE } from './second-factor.service.js';
export { totpCode } from './totp.js';
