/** The audit trail: every change (and, where it matters, every read or export) written in the caller's transaction. */
export {
  diff,
  lastValuesOfRemoved,
  listAccess,
  listHistory,
  recordAccess,
  recordAudit,
  recordAuditMany,
  type AccessAction,
  type AccessEntityType,
  type AccessRecord,
  type AuditRecord,
  type Changes,
  type EntityType,
} from './audit.repository.js';
export { presentHistory, seesRecord, HIDDEN_IN_NOTE } from './audit.history.js';
export { verifyAuditChain, type AuditCheck } from './audit.service.js';
// The chain's pure functions, for the benchmark that builds a million chained entries the way the app chains them.
export { chain as auditChainOf, canonicalJson as auditCanonicalJson, GENESIS_HASH } from './audit.chain.js';
export { canonicalFieldChange, canonicalObjectText, type CanonicalText } from './audit.chain.js';
