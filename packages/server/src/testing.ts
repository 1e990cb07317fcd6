/**
 * The server as benchmarks, the reliability suites and other tools outside this package may use it:
 * everything they need, from one entry, so that the server's folders can move without breaking them
 * (lint refuses their deep imports). Not used by the server itself.
 */
export { createApp } from './app.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase, openPostgres, openSqlite, SQLITE_CACHE_KIB, type DatabaseHandle, type Db } from './db/database.js';
export type { Engine } from './db/dialect.js';
export { migrateToLatest } from './db/migrator.js';
export { createTestDatabase, scratchPostgresDatabase, testEngines } from './db/test-db.js';
export { createLiveCache } from './http/live-cache.js';
export type { Actor } from './http/permissions.js';
export { analyseAssessment } from './modules/assessments/index.js';
export { auditCanonicalJson, auditChainOf, GENESIS_HASH, verifyAuditChain } from './modules/audit/index.js';
export {
  exportCasesHtcds,
  IDENTITY_PURPOSE,
  listCases,
  listReferrals,
  NARRATIVE_PURPOSE,
  REFERRAL_REASON_PURPOSE,
  referralDashboard,
  type SealedIdentity,
} from './modules/cases/index.js';
export { getCascade } from './modules/cascades/index.js';
export {
  encodeCertificateQr,
  loadKeyring,
  newCertificateNumber,
  renderZipInWorker,
  stopRenderWorkers,
  type RenderInput,
} from './modules/certificates/index.js';
export { addParticipant, eventSummary, setAttendance } from './modules/events/index.js';
export { importParticipants, parseImportFile } from './modules/imports/index.js';
export { createIndicator, donorReport, renderDonorReportPdf } from './modules/indicators/index.js';
export { sqliteIntegrity } from './modules/operations/index.js';
export { listPeople } from './modules/people/index.js';
export { programmeReport, rebuildReportAggregates, reportColumnsStatus } from './modules/reports/index.js';
export { createUser } from './modules/users/index.js';
export { nameIndexTokens, nameSkeletons, queryIndexTokens } from './shared/blind-index.js';
export { loadDataKeys, sealText } from './shared/data-key.js';
export { newId } from './shared/ids.js';
export { normalizeEmail, normalizePhone, normalizeText, personNameKey } from './shared/normalize.js';
export { seededRandom } from './shared/random.js';
export { rowPurpose } from './shared/sealed-columns.js';
export { createTestContext, TEST_PASSWORD, type TestContext } from '../test/helpers.js';
export { pathSpellings } from '../test/path-spellings.js';
