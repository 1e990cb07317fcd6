import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.js';
import {
  DATA_KEY_ENV,
  DataKeyError,
  dataKeyFile,
  dataKeyIdOf,
  forgetDataKeys,
  loadDataKeys,
  openText,
  parseDataKey,
  parseKeyringFile,
  readKeyringFile,
  sealText,
  writeKeyringFile,
  type DataKeyringFile,
  type LoadedDataKeyring,
} from '../../shared/data-key.js';
import { rowPurpose, sealedColumns } from '../../shared/sealed-columns.js';
import * as repo from './sealed-columns.repository.js';

export type DataKeyConfig = { dataDir: string; dataKey?: string | undefined };

/**
 * Per key id, how many sealed values it opens; `keyIds`: the keyring's order, oldest first (an object's
 * own order puts all-digit ids such as "3614687550" first); `unknown`: values sealed with a key this
 * keyring does not hold.
 */
export type SealedUsage = { keyIds: string[]; byKey: Record<string, number>; total: number; unknown: number };

/** The key ids this configuration has, without making a keyring file (restore and doctor only look). */
export function knownDataKeyIds(config: DataKeyConfig): string[] {
  if (config.dataKey?.trim()) return [dataKeyIdOf(parseDataKey(config.dataKey))];
  return readKeyringFile(config.dataDir)?.keys.map((k) => k.id) ?? [];
}

/** How many values of every registered sealed column each key seals. */
export async function sealedUsage(db: Db, keyIds: readonly string[]): Promise<SealedUsage> {
  const byKey: Record<string, number> = Object.fromEntries(keyIds.map((id) => [id, 0]));
  let total = 0;
  for (const column of sealedColumns()) {
    const counted = await repo.countSealedByKey(db, column, keyIds);
    total += counted.total;
    for (const [id, n] of Object.entries(counted.byKey)) byKey[id] = (byKey[id] ?? 0) + n;
  }
  const known = Object.values(byKey).reduce((a, b) => a + b, 0);
  return { keyIds: [...keyIds], byKey, total, unknown: total - known };
}

export type ReencryptResult = { reencrypted: number; changedMeanwhile: number; unopened: number };

/**
 * Seals again, with the current key, every value of every registered column sealed with another
 * key: in batches, each in its own short transaction, so the server goes on working meanwhile. A
 * value changed between the read and the write is left as it is now (its writer sealed it with
 * the key current then). A value that does not open (an unknown key) is counted and left.
 */
export async function reencryptSealedColumns(db: Db, keys: LoadedDataKeyring, options: { batchSize?: number } = {}): Promise<ReencryptResult> {
  const batchSize = options.batchSize ?? 500;
  const result: ReencryptResult = { reencrypted: 0, changedMeanwhile: 0, unopened: 0 };
  for (const column of sealedColumns()) {
    let after: string | null = null;
    for (;;) {
      const currentId = keys.currentId;
      const batch = await repo.sealedNotWith(db, column, currentId, after, batchSize);
      if (batch.length === 0) break;
      after = batch[batch.length - 1]?.id ?? after;
      await db.transaction().execute(async (trx) => {
        for (const row of batch) {
          let plain: string;
          const purpose = rowPurpose(column.purpose, row.id);
          try {
            plain = openText(keys, row.value, purpose);
          } catch {
            result.unopened += 1;
            continue;
          }
          const replaced = await repo.replaceSealedValue(trx, column, row.id, row.value, sealText(keys, plain, purpose));
          if (replaced) result.reencrypted += 1;
          else result.changedMeanwhile += 1;
        }
      });
    }
  }
  return result;
}

function refuseEnvironment(config: DataKeyConfig, what: string): void {
  if (config.dataKey?.trim()) {
    throw new DataKeyError(
      `The data key comes from ${DATA_KEY_ENV}, which Hifazat does not manage: ${what} (docs/data-protection.md, "A key in the environment").`,
    );
  }
}

export type RotateResult = { previous: string; current: string; reencrypt: ReencryptResult; usage: SealedUsage };

/**
 * `npx hifazat keys rotate`: a new current key in the keyring file, then every sealed value sealed
 * again with it. Running servers see the new key within a second (shared/data-key.ts); the
 * re-encryption starts after `settleMs` so that they seal with it by then. The old keys stay in the
 * keyring (`keys prune` removes those nothing uses). The blind-index key does not change.
 */
export async function rotateDataKey(db: Db, config: DataKeyConfig, options: { settleMs?: number; batchSize?: number } = {}): Promise<RotateResult> {
  refuseEnvironment(config, 'to rotate it, use npx hifazat keys export with no HIFAZAT_DATA_KEY set, or keep the key');
  const before = loadDataKeys(config);
  const previous = before.currentId;
  const doc = readKeyringFile(config.dataDir);
  if (!doc) throw new DataKeyError(`${dataKeyFile(config.dataDir)} vanished`);
  const fresh = crypto.randomBytes(32);
  const id = dataKeyIdOf(fresh);
  writeKeyringFile(config.dataDir, { ...doc, current: id, keys: [...doc.keys, { id, key: fresh.toString('base64'), createdAt: new Date().toISOString() }] });
  forgetDataKeys();
  const keys = loadDataKeys(config);
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 2000));
  const first = await reencryptSealedColumns(db, keys, { batchSize: options.batchSize });
  // A second pass for values a server sealed with the old key in the moment before it saw the new one.
  const second = await reencryptSealedColumns(db, keys, { batchSize: options.batchSize });
  const reencrypt = {
    reencrypted: first.reencrypted + second.reencrypted,
    changedMeanwhile: first.changedMeanwhile + second.changedMeanwhile,
    unopened: second.unopened,
  };
  return { previous, current: id, reencrypt, usage: await sealedUsage(db, keys.ids) };
}

/** `npx hifazat keys prune`: removes from the keyring the old keys no sealed value uses any more. */
export async function pruneDataKeys(db: Db, config: DataKeyConfig): Promise<{ removed: string[]; kept: string[]; usage: SealedUsage }> {
  refuseEnvironment(config, 'there is only the one key');
  const doc = readKeyringFile(config.dataDir);
  if (!doc) return { removed: [], kept: [], usage: { keyIds: [], byKey: {}, total: 0, unknown: 0 } };
  const usage = await sealedUsage(
    db,
    doc.keys.map((k) => k.id),
  );
  const removed = doc.keys.filter((k) => k.id !== doc.current && (usage.byKey[k.id] ?? 0) === 0).map((k) => k.id);
  if (removed.length > 0) {
    writeKeyringFile(config.dataDir, { ...doc, keys: doc.keys.filter((k) => !removed.includes(k.id)) });
    forgetDataKeys();
  }
  return { removed, kept: doc.keys.filter((k) => !removed.includes(k.id)).map((k) => k.id), usage };
}

/**
 * `npx hifazat keys export --out FILE`: the whole keyring (every key, the blind-index root) to a new
 * file of mode 0600, to keep apart from the backups; the keyring records when, and which key was
 * current, so that doctor stops warning until the next rotation.
 */
export function exportDataKeys(config: DataKeyConfig, out: string, now = new Date()): { file: string; keys: number; currentId: string } {
  refuseEnvironment(config, `keep a copy of ${DATA_KEY_ENV} itself apart from the backups`);
  loadDataKeys(config);
  const doc = readKeyringFile(config.dataDir);
  if (!doc) throw new DataKeyError(`${dataKeyFile(config.dataDir)} vanished`);
  const file = path.resolve(out);
  if (fs.existsSync(file)) throw new DataKeyError(`${file} already exists: choose a new file name`);
  const exported: DataKeyringFile = { ...doc, exported: { at: now.toISOString(), currentId: doc.current } };
  fs.writeFileSync(file, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  // The mode given to writeFileSync passes through the umask; 0600 is asked outright.
  fs.chmodSync(file, 0o600);
  writeKeyringFile(config.dataDir, exported);
  return { file, keys: doc.keys.length, currentId: doc.current };
}

/**
 * `npx hifazat keys import FILE`: the keys of an exported keyring into this data folder's (after a
 * restore on a new computer). Keys missing here are added; where there is no keyring yet the
 * imported one is taken whole (its current key stays current). A keyring of another installation
 * (another blind-index key) is refused: its names would not be found.
 */
export function importDataKeys(config: DataKeyConfig, file: string): { added: number; currentId: string; created: boolean } {
  refuseEnvironment(config, `unset ${DATA_KEY_ENV} to use a keyring file`);
  const theirs = parseKeyringFile(fs.readFileSync(file, 'utf8'), file);
  const mine = readKeyringFile(config.dataDir);
  forgetDataKeys();
  if (!mine) {
    writeKeyringFile(config.dataDir, theirs);
    return { added: theirs.keys.length, currentId: theirs.current, created: true };
  }
  if (mine.indexKey !== theirs.indexKey) {
    throw new DataKeyError(
      `${file} belongs to another installation (another blind-index key). Move ${dataKeyFile(config.dataDir)} aside first if this folder's own keys are not needed.`,
    );
  }
  const added = theirs.keys.filter((k) => !mine.keys.some((m) => m.id === k.id));
  if (added.length > 0) writeKeyringFile(config.dataDir, { ...mine, keys: [...mine.keys, ...added] });
  return { added: added.length, currentId: mine.current, created: false };
}

/** Whether the keyring was exported since its current key was made (doctor's question). */
export function dataKeyExportState(
  config: DataKeyConfig,
): { source: 'environment' } | { source: 'none' } | { source: 'data-folder'; file: string; exportedCurrent: boolean; exportedAt: string | null; mode: number } {
  if (config.dataKey?.trim()) return { source: 'environment' };
  const doc = readKeyringFile(config.dataDir);
  if (!doc) return { source: 'none' };
  const file = dataKeyFile(config.dataDir);
  return {
    source: 'data-folder',
    file,
    exportedCurrent: doc.exported?.currentId === doc.current,
    exportedAt: doc.exported?.at ?? null,
    mode: fs.statSync(file).mode & 0o777,
  };
}
