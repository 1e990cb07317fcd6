/** Sign-in, sessions and the sign-in limits. */
import { registerSealedColumn } from '../../shared/sealed-columns.js';
import { MFA_SEALED_COLUMN } from './second-factor.service.js';
export { registerAuthRoutes } from './auth.routes.js';
export { actorOf, addressKey, unlockAccount, userForToken } from './auth.service.js';
export { SIGN_IN_LIMITS } from './sign-in-limits.js';
export { MFA_SEALED_COLUMN, MFA_SECRET_PURPOSE } from './second-factor.service.js';
export { totpCode } from './totp.js';

// `npx hifazat keys rotate` re-encrypts the second factor's secrets with the new data key.
registerSealedColumn(MFA_SEALED_COLUMN);
