/**
 * The service directory (issue 13, Open Referral HSDS 3.0): services of the register's organisations,
 * their eligibility, languages, hours, referral contact and live capacity, the provider accounts that
 * answer for them, and HSDS tabular import and export. Referrals (later) point at a service's id, and
 * reach its providers through `service_providers`.
 */
import { registerSealedColumn } from '../../shared/sealed-columns.js';
import { SERVICE_SEALED_COLUMNS } from './services.service.js';
export { registerServiceRoutes } from './services.routes.js';
// For referrals: whether an account answers for a service, and the service as a reader may see it.
export { addressForAcceptedReferral, getService, keepsDirectory } from './services.service.js';
export { isProviderOf } from './services.repository.js';

// `npx hifazat keys rotate` re-encrypts it with the new data key.
for (const column of SERVICE_SEALED_COLUMNS) registerSealedColumn(column);
