/**
 * Victims' data at rest (issue 12): the data keys' life — rotation with re-encryption of every
 * registered sealed column, pruning, export and import — and the counts doctor and restore show.
 * Sealing itself is shared/data-key.ts; the registry of sealed columns is shared/sealed-columns.ts.
 */
export {
  dataKeyExportState,
  exportDataKeys,
  importDataKeys,
  knownDataKeyIds,
  pruneDataKeys,
  reencryptSealedColumns,
  rotateDataKey,
  sealedUsage,
  type DataKeyConfig,
  type ReencryptResult,
  type RotateResult,
  type SealedUsage,
} from './data-keys.service.js';
