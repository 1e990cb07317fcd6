import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import {
  dataKeyFile,
  dataKeyIdOf,
  dataKeysFor,
  forgetDataKeys,
  loadDataKeys,
  newKeyringFile,
  openText,
  readKeyringFile,
  sealedKeyId,
  sealText,
  writeKeyringFile,
  type DataKeyring,
} from './data-key.js';

const folders: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-data-key-'));
  folders.push(dir);
  return dir;
};
afterEach(() => forgetDataKeys());
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

const randomKey = () => crypto.randomBytes(32).toString('base64');

describe('data keys', () => {
  it('makes the keyring file on first use: folder 0700, file 0600, one current key, and the same keys on the next load', () => {
    const dataDir = tempDir();
    const keys = dataKeysFor({ dataDir });
    const file = dataKeyFile(dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const doc = readKeyringFile(dataDir);
    expect(doc?.keys).toHaveLength(1);
    expect(doc?.current).toBe(keys.currentId);
    expect(keys.key(keys.currentId)).toHaveLength(32);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['data-keys.json']);
    const sealed = sealText(keys, 'JBSWY3DPEHPK3PXP', 'users.mfa_secret');
    forgetDataKeys();
    const again = dataKeysFor({ dataDir });
    expect(again.currentId).toBe(keys.currentId);
    expect(openText(again, sealed, 'users.mfa_secret')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('memoises per folder: two folders have different keys, one folder the same object', () => {
    const a = tempDir();
    const b = tempDir();
    expect(dataKeysFor({ dataDir: a })).toBe(dataKeysFor({ dataDir: a }));
    expect(dataKeysFor({ dataDir: a }).currentId).not.toBe(dataKeysFor({ dataDir: b }).currentId);
  });

  it('takes HIFAZAT_DATA_KEY when set, writing no file, and its id is the one the same key has in a file', () => {
    const dataDir = tempDir();
    const value = randomKey();
    const keys = dataKeysFor({ dataDir, dataKey: value });
    expect(keys.currentId).toBe(dataKeyIdOf(Buffer.from(value, 'base64')));
    expect(keys.key(keys.currentId)?.toString('base64')).toBe(value);
    expect(fs.existsSync(dataKeyFile(dataDir))).toBe(false);
    writeKeyringFile(dataDir, newKeyringFile(Buffer.from(value, 'base64')));
    const fromFile = loadDataKeys({ dataDir });
    expect(fromFile.currentId).toBe(keys.currentId);
    expect(fromFile.indexRoot.equals(loadDataKeys({ dataDir, dataKey: value }).indexRoot)).toBe(true);
  });

  it('config refuses a HIFAZAT_DATA_KEY that is not base64 of exactly 32 bytes, with a clear reason', () => {
    expect(() => loadConfig({ HIFAZAT_DATA_KEY: crypto.randomBytes(16).toString('base64') })).toThrow(/HIFAZAT_DATA_KEY.*exactly 32 bytes, not 16/);
    expect(() => loadConfig({ HIFAZAT_DATA_KEY: 'not a key!' })).toThrow(/HIFAZAT_DATA_KEY.*must be base64/);
    const good = randomKey();
    expect(loadConfig({ HIFAZAT_DATA_KEY: good }).dataKey).toBe(good);
    expect(loadConfig({ HIFAZAT_DATA_KEY: '' }).dataKey).toBeUndefined();
    expect(loadConfig({}).dataKey).toBeUndefined();
  });

  it('seals in the documented form with a fresh IV each time, and opens only with the same purpose', () => {
    const keys = dataKeysFor({ dataDir: tempDir() });
    const a = sealText(keys, 'عائشہ بی بی', 'cases.victim_name');
    const b = sealText(keys, 'عائشہ بی بی', 'cases.victim_name');
    expect(a).toMatch(/^hz1\.[0-9a-f]{10}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('عائشہ');
    expect(sealedKeyId(a)).toBe(keys.currentId);
    expect(openText(keys, a, 'cases.victim_name')).toBe('عائشہ بی بی');
    expect(() => openText(keys, a, 'cases.victim_phone')).toThrow(/did not open/);
    expect(openText(keys, sealText(keys, '', 'p'), 'p')).toBe('');
  });

  it('refuses a changed byte anywhere, an unknown key id, and something that is not a seal', () => {
    const keys = dataKeysFor({ dataDir: tempDir() });
    const sealed = sealText(keys, 'Fatima Bibi 0300-1234567', 'p');
    const parts = sealed.split('.');
    for (const at of [2, 3, 4]) {
      const part = parts[at] ?? '';
      const flipped = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
      const changed = [...parts.slice(0, at), flipped, ...parts.slice(at + 1)].join('.');
      expect(() => openText(keys, changed, 'p'), `part ${at}`).toThrow();
    }
    const other = dataKeysFor({ dataDir: tempDir() });
    expect(() => openText(other, sealed, 'p')).toThrow(new RegExp(`data key ${keys.currentId}, which this keyring does not hold`));
    expect(() => openText(keys, 'Fatima Bibi', 'p')).toThrow(/Not a sealed value/);
    // The error never carries the plaintext.
    try {
      openText(keys, sealed, 'q');
    } catch (error) {
      expect(String(error)).not.toContain('Fatima');
    }
  });

  it('a running keyring sees a key added by another process (a rotation) and opens what it sealed', () => {
    const dataDir = tempDir();
    const server: DataKeyring = dataKeysFor({ dataDir });
    const oldId = server.currentId;
    const doc = readKeyringFile(dataDir);
    if (!doc) throw new Error('no keyring');
    const fresh = crypto.randomBytes(32);
    const id = dataKeyIdOf(fresh);
    writeKeyringFile(dataDir, { ...doc, current: id, keys: [...doc.keys, { id, key: fresh.toString('base64'), createdAt: new Date().toISOString() }] });
    // Another process seals with the new key; the server has never seen it and looks at the file again.
    forgetDataKeys();
    const cli = dataKeysFor({ dataDir });
    const sealed = sealText(cli, 'secret', 'p');
    expect(sealedKeyId(sealed)).toBe(id);
    expect(openText(server, sealed, 'p')).toBe('secret');
    expect(server.key(oldId)).toBeDefined();
  });

  it('calls a damaged keyring file damaged, naming the way back, and never hands out a key whose id does not match', () => {
    const dataDir = tempDir();
    dataKeysFor({ dataDir });
    forgetDataKeys();
    const file = dataKeyFile(dataDir);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: Array<{ key: string }> };
    const first = doc.keys[0];
    if (first) first.key = randomKey();
    fs.writeFileSync(file, JSON.stringify(doc));
    expect(() => dataKeysFor({ dataDir })).toThrow(/damaged.*does not match its id.*keys export/);
    fs.writeFileSync(file, '{not json');
    expect(() => dataKeysFor({ dataDir })).toThrow(/not valid JSON/);
  });

  it('two processes making the file at once end with one keyring (the first one written wins)', async () => {
    const dataDir = tempDir();
    const { spawn } = await import('node:child_process');
    const script = `
      const { dataKeysFor } = await import(${JSON.stringify(path.resolve(import.meta.dirname, 'data-key.ts'))});
      process.stdout.write(dataKeysFor({ dataDir: ${JSON.stringify(dataDir)} }).currentId);
    `;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
      });
    const ids = await Promise.all([run(), run(), run()]);
    expect(new Set(ids).size).toBe(1);
    expect(readKeyringFile(dataDir)?.current).toBe(ids[0]);
    expect(fs.readdirSync(path.dirname(dataKeyFile(dataDir)))).toEqual(['data-keys.json']);
  });
});
