import { zIdParams } from './common.js';
import type { RouteSpec } from './routes.js';
import {
  zCreateServiceBody,
  zService,
  zServiceExportQuery,
  zServiceImportQuery,
  zServiceImportReport,
  zProviderAccountList,
  zServiceList,
  zServiceListQuery,
  zUpdateCapacityBody,
  zUpdateServiceBody,
} from './services.js';

/** Upload limit of the HSDS import (a ZIP of CSV files). */
export const MAX_SERVICE_IMPORT_BYTES = 5 * 1024 * 1024;

const scopeNote =
  'Data officers, supervisors and administrators read the directory of their countries; a service provider reads only the ' +
  'services it answers for. A service of another country answers 404. A confidential address (every shelter’s) is shown only ' +
  'to supervisors, administrators and the service’s own providers; others get `address: null, addressWithheld: true`.';

/** The service directory (issue 13, Open Referral HSDS 3.0). Spread into the contract's route map. */
export const serviceRoutes = {
  listServices: {
    method: 'GET',
    path: '/api/services',
    summary: 'Find a service for a case: by need (service type), province, sex, age and language, with live capacity',
    description: `${scopeNote} Eligibility: a service with no sexes, no age bound or no languages listed takes everyone on that point.`,
    tag: 'services',
    permission: 'services.read',
    query: zServiceListQuery,
    status: 200,
    response: zServiceList,
  },
  createService: {
    method: 'POST',
    path: '/api/services',
    summary: 'Add a service to the directory (supervisors and administrators)',
    description: '`providerUserIds` must name existing service_provider accounts (else 422). The address is encrypted at rest.',
    tag: 'services',
    permission: 'services.write',
    body: zCreateServiceBody,
    status: 201,
    response: zService,
  },
  exportServices: {
    method: 'GET',
    path: '/api/services/export',
    summary: 'The directory in HSDS 3.0 tabular form: a ZIP of organizations.csv, services.csv, locations.csv and the rest',
    description:
      'Confidential addresses are left out unless `addresses=include`. Capacity, the sexes and case kinds served and the ' +
      'providers go to attributes.csv (HSDS attribute rows under the hifazat taxonomy).',
    tag: 'services',
    permission: 'services.write',
    query: zServiceExportQuery,
    status: 200,
    response: null,
    produces: ['application/zip'],
  },
  importServices: {
    method: 'POST',
    path: '/api/services/import',
    summary: 'Check (dryRun=true, the default) or apply an HSDS tabular ZIP: creates and changes services, all or nothing',
    description:
      'Multipart upload, field `file`: a ZIP as /api/services/export writes it (services.csv is required). A service whose id ' +
      'is known is changed, any other is created; organisations are matched by id or name and created when missing. A dry run ' +
      'reports what would be created and changed and changes nothing; an import with any error changes nothing. An empty ' +
      'address keeps the stored one (an export withholds confidential addresses).',
    tag: 'services',
    permission: 'services.write',
    query: zServiceImportQuery,
    upload: { maxBytes: MAX_SERVICE_IMPORT_BYTES, fields: {} },
    status: 200,
    response: zServiceImportReport,
    extraErrors: [413, 415],
  },
  listProviderAccounts: {
    method: 'GET',
    path: '/api/services/provider-accounts',
    summary: 'The active service_provider accounts of the keeper’s countries, to name as a service’s providers',
    tag: 'services',
    permission: 'services.write',
    status: 200,
    response: zProviderAccountList,
  },
  getService: {
    method: 'GET',
    path: '/api/services/{id}',
    summary: 'One service of the directory, with its capacity and providers',
    description: scopeNote,
    tag: 'services',
    permission: 'services.read',
    params: zIdParams,
    status: 200,
    response: zService,
  },
  updateService: {
    method: 'PATCH',
    path: '/api/services/{id}',
    summary: 'Change a service, e.g. `{ providerUserIds }` (supervisors and administrators; audited)',
    tag: 'services',
    permission: 'services.write',
    params: zIdParams,
    body: zUpdateServiceBody,
    status: 200,
    response: zService,
  },
  updateServiceCapacity: {
    method: 'PATCH',
    path: '/api/services/{id}/capacity',
    summary: 'Update live capacity (free beds, open slots): the service’s own provider accounts, supervisors and administrators',
    description: 'A provider who does not answer for the service gets 404 (it may not know the service exists).',
    tag: 'services',
    permission: 'services.capacity',
    params: zIdParams,
    body: zUpdateCapacityBody,
    status: 200,
    response: zService,
  },
} as const satisfies Record<string, RouteSpec>;
