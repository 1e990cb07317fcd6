import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../db/test-db.js';
import { nameIndexTokens, queryIndexTokens } from '../../shared/blind-index.js';
import { dataKeyFile, forgetDataKeys, loadDataKeys, openText, readKeyringFile, sealedKeyId, sealText } from '../../shared/data-key.js';
import { registerSealedColumn, rowPurpose, unregisterSealedColumn } from '../../shared/sealed-columns.js';
import { dataKeyExportState, exportDataKeys, importDataKeys, pruneDataKeys, rotateDataKey, sealedUsage } from './index.js';

const folders: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-keys-'));
  folders.push(dir);
  return dir;
};
afterEach(() => forgetDataKeys());
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

const PURPOSE = 'test_sealed.secret';

describe.each(testEngines())('data key rotation (%s)', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    // A throwaway table with a sealed column, registered as a module would from its index.ts.
    await sql`CREATE TABLE test_sealed (id VARCHAR(40) PRIMARY KEY, secret TEXT)`.execute(handle.db);
    registerSealedColumn({ table: 'test_sealed', idColumn: 'id', column: 'secret', purpose: PURPOSE });
  });
  afterAll(async () => {
    unregisterSealedColumn('test_sealed', 'secret');
    await handle.destroy();
  });

  const rows = () => sql<{ id: string; secret: string | null }>`SELECT id, secret FROM test_sealed ORDER BY id`.execute(handle.db).then((r) => r.rows);

  it('re-encrypts every sealed value in batches with the new key, keeps the old key until prune, and search still finds names', async () => {
    await sql`DELETE FROM test_sealed`.execute(handle.db);
    const config = { dataDir: tempDir() };
    const keys = loadDataKeys(config);
    const oldId = keys.currentId;
    const names = Array.from({ length: 23 }, (_, i) => `Fatima Bibi ${String(i).padStart(2, '0')}`);
    for (const [i, name] of names.entries()) {
      const id = `row-${String(i).padStart(3, '0')}`;
      await sql`INSERT INTO test_sealed (id, secret) VALUES (${id}, ${sealText(keys, name, rowPurpose(PURPOSE, id))})`.execute(handle.db);
    }
    await sql`INSERT INTO test_sealed (id, secret) VALUES ('row-null', NULL)`.execute(handle.db);
    const tokensBefore = nameIndexTokens(keys, 'Fatima Bibi');

    const result = await rotateDataKey(handle.db, config, { settleMs: 0, batchSize: 5 });
    expect(result.previous).toBe(oldId);
    expect(result.current).not.toBe(oldId);
    expect(result.reencrypt).toEqual({ reencrypted: 23, changedMeanwhile: 0, unopened: 0 });
    expect(result.usage).toEqual({ keyIds: [oldId, result.current], byKey: { [oldId]: 0, [result.current]: 23 }, total: 23, unknown: 0 });

    const after = loadDataKeys(config);
    const stored = await rows();
    expect(stored.filter((r) => r.secret !== null).every((r) => sealedKeyId(r.secret ?? '') === result.current)).toBe(true);
    expect(stored.filter((r) => r.secret !== null).map((r) => openText(after, r.secret ?? '', rowPurpose(PURPOSE, r.id)))).toEqual(names);
    expect(stored.find((r) => r.id === 'row-null')?.secret).toBeNull();
    // The old key is still in the keyring; the blind-index key did not change.
    expect(readKeyringFile(config.dataDir)?.keys.map((k) => k.id)).toEqual([oldId, result.current]);
    expect(nameIndexTokens(after, 'Fatima Bibi')).toEqual(tokensBefore);
    expect(queryIndexTokens(after, 'فاطمہ').every((t) => tokensBefore.includes(t))).toBe(true);

    const pruned = await pruneDataKeys(handle.db, config);
    expect(pruned.removed).toEqual([oldId]);
    expect(readKeyringFile(config.dataDir)?.keys.map((k) => k.id)).toEqual([result.current]);
    expect(nameIndexTokens(loadDataKeys(config), 'Fatima Bibi')).toEqual(tokensBefore);
  });

  it('prune keeps an old key a value still uses; a value under an unknown key is counted and left alone', async () => {
    await sql`DELETE FROM test_sealed`.execute(handle.db);
    const config = { dataDir: tempDir() };
    const keys = loadDataKeys(config);
    const oldId = keys.currentId;
    const stranger = loadDataKeys({ dataDir: tempDir() });
    await sql`INSERT INTO test_sealed (id, secret) VALUES ('a', ${sealText(keys, 'one', rowPurpose(PURPOSE, 'a'))}), ('b', ${sealText(stranger, 'two', rowPurpose(PURPOSE, 'b'))})`.execute(
      handle.db,
    );
    // Rotation made by hand without re-encryption: the old key still seals 'a'.
    const rotated = await rotateDataKey(handle.db, config, { settleMs: 0 });
    expect(rotated.reencrypt).toEqual({ reencrypted: 1, changedMeanwhile: 0, unopened: 1 });
    expect(rotated.usage.unknown).toBe(1);
    await sql`UPDATE test_sealed SET secret = ${sealText(keys, 'one', rowPurpose(PURPOSE, 'a'))} WHERE id = 'a'`.execute(handle.db);
    forgetDataKeys();
    const pruned = await pruneDataKeys(handle.db, config);
    expect(pruned.removed).toEqual([]);
    expect(pruned.kept).toEqual([oldId, rotated.current]);
    expect(pruned.usage.byKey[oldId]).toBe(1);
    expect((await sealedUsage(handle.db, [oldId, rotated.current])).unknown).toBe(1);
  });

  it('a value changed by the server between the read and the write is left as the server wrote it', async () => {
    await sql`DELETE FROM test_sealed`.execute(handle.db);
    const config = { dataDir: tempDir() };
    const keys = loadDataKeys(config);
    await sql`INSERT INTO test_sealed (id, secret) VALUES ('a', ${sealText(keys, 'before', rowPurpose(PURPOSE, 'a'))})`.execute(handle.db);
    // A second connection writes while the rotation waits to begin (settleMs): its value is kept.
    const rotation = rotateDataKey(handle.db, config, { settleMs: 300 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const server = loadDataKeys(config);
    await sql`UPDATE test_sealed SET secret = ${sealText(server, 'after', rowPurpose(PURPOSE, 'a'))} WHERE id = 'a'`.execute(handle.db);
    const result = await rotation;
    const [row] = await rows();
    expect(openText(loadDataKeys(config), row?.secret ?? '', rowPurpose(PURPOSE, 'a'))).toBe('after');
    expect(sealedKeyId(row?.secret ?? '')).toBe(result.current);
  });
});

describe('data key export and import', () => {
  it('exports the keyring to a new 0600 file, records it, and imports it into a new data folder', () => {
    const config = { dataDir: tempDir() };
    const keys = loadDataKeys(config);
    const sealed = sealText(keys, 'CNIC 35202-1234567-1', 'cases.identity_number');
    expect(dataKeyExportState(config)).toMatchObject({ source: 'data-folder', exportedCurrent: false, exportedAt: null, mode: 0o600 });
    const out = path.join(tempDir(), 'hifazat-data-keys.json');
    const exported = exportDataKeys(config, out, new Date('2026-05-01T10:00:00Z'));
    expect(exported.currentId).toBe(keys.currentId);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(dataKeyExportState(config)).toMatchObject({ exportedCurrent: true, exportedAt: '2026-05-01T10:00:00.000Z' });
    expect(() => exportDataKeys(config, out)).toThrow(/already exists/);

    const elsewhere = { dataDir: tempDir() };
    expect(importDataKeys(elsewhere, out)).toEqual({ added: 1, currentId: keys.currentId, created: true });
    expect(fs.statSync(dataKeyFile(elsewhere.dataDir)).mode & 0o777).toBe(0o600);
    expect(openText(loadDataKeys(elsewhere), sealed, 'cases.identity_number')).toBe('CNIC 35202-1234567-1');
    expect(nameIndexTokens(loadDataKeys(elsewhere), 'Ali')).toEqual(nameIndexTokens(keys, 'Ali'));
    // Again: nothing new.
    expect(importDataKeys(elsewhere, out).added).toBe(0);
    // Another installation's keyring is refused.
    const other = { dataDir: tempDir() };
    loadDataKeys(other);
    expect(() => importDataKeys(other, out)).toThrow(/another installation/);
  });

  it('refuses rotate, export and import while the key comes from HIFAZAT_DATA_KEY, saying why', async () => {
    const config = { dataDir: tempDir(), dataKey: Buffer.alloc(32, 7).toString('base64') };
    expect(() => exportDataKeys(config, path.join(config.dataDir, 'x.json'))).toThrow(/HIFAZAT_DATA_KEY, which Hifazat does not manage/);
    const handle = await createTestDatabase('sqlite');
    try {
      await expect(rotateDataKey(handle.db, config, { settleMs: 0 })).rejects.toThrow(/HIFAZAT_DATA_KEY/);
    } finally {
      await handle.destroy();
    }
    expect(dataKeyExportState(config)).toEqual({ source: 'environment' });
  });
});
