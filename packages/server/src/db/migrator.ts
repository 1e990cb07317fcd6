import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-login-attempts-by-address.js';
import * as m0003 from './migrations/0003-sign-in-guards.js';
import * as m0004 from './migrations/0004-attendance-days-decide.js';
import * as m0005 from './migrations/0005-audit-chain.js';
import * as m0006 from './migrations/0006-client-operations.js';
import * as m0007 from './migrations/0007-learning-evidence.js';
import * as m0008 from './migrations/0008-certificates.js';
import * as m0009 from './migrations/0009-feedback.js';
import * as m0010 from './migrations/0010-link-identification.js';
import * as m0011 from './migrations/0011-master-trainers.js';
import * as m0012 from './migrations/0012-campaigns.js';
import * as m0013 from './migrations/0013-indicators.js';
import * as m0014 from './migrations/0014-screening-rules.js';
import * as m0015 from './migrations/0015-second-factor.js';
import * as m0016 from './migrations/0016-cases.js';
import * as m0017 from './migrations/0017-case-tokens-by-agency.js';
import * as m0018 from './migrations/0018-services.js';
import * as m0019 from './migrations/0019-case-work.js';
import * as m0020 from './migrations/0020-referrals.js';
import * as m0021 from './migrations/0021-case-duplicates.js';
import * as m0022 from './migrations/0022-report-aggregates.js';
import * as m0023 from './migrations/0023-change-counter.js';
import * as m0024 from './migrations/0024-report-copy-counter.js';
import * as m0025 from './migrations/0025-participations-person-attended.js';
import * as m0026 from './migrations/0026-report-facts-by-statement.js';

/** Registered statically so that a bundled or compiled server finds every migration. */
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-login-attempts-by-address': m0002,
  '0003-sign-in-guards': m0003,
  '0004-attendance-days-decide': m0004,
  '0005-audit-chain': m0005,
  '0006-client-operations': m0006,
  '0007-learning-evidence': m0007,
  '0008-certificates': m0008,
  '0009-feedback': m0009,
  '0010-link-identification': m0010,
  '0011-master-trainers': m0011,
  '0012-campaigns': m0012,
  '0013-indicators': m0013,
  '0014-screening-rules': m0014,
  '0015-second-factor': m0015,
  '0016-cases': m0016,
  '0017-case-tokens-by-agency': m0017,
  '0018-services': m0018,
  '0019-case-work': m0019,
  '0020-referrals': m0020,
  '0021-case-duplicates': m0021,
  '0022-report-aggregates': m0022,
  '0023-change-counter': m0023,
  '0024-report-copy-counter': m0024,
  '0025-participations-person-attended': m0025,
  '0026-report-facts-by-statement': m0026,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function createMigrator<T>(db: Kysely<T>): Migrator {
  return new Migrator({ db, provider });
}

function assertOk(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return result;
}

export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const result = assertOk(await createMigrator(db).migrateToLatest());
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
