import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBackupHeader } from '../src/modules/operations/index.js';
import { readKeyringFile } from '../src/shared/data-key.js';

const bin = path.resolve(import.meta.dirname, '../bin/hifazat.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cli-keys-'));
const apart = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cli-keys-apart-'));
const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cli-keys-restore-'));
afterAll(() => {
  for (const dir of [dataDir, apart, elsewhere]) fs.rmSync(dir, { recursive: true, force: true });
});

function hifazat(args: string[], extraEnv: Record<string, string> = {}) {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', BACKUP_PASSPHRASE: '', BACKUP_SCHEDULE: 'off', HIFAZAT_DATA_KEY: '', ...extraEnv };
  return spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

const dataKeyLine = (doctorOutput: string) => doctorOutput.split('\n').find((line) => / data key: /.test(line)) ?? '';

describe('hifazat keys', { timeout: 120_000 }, () => {
  it('rotate makes a new current key and prints the counts; doctor warns until an export follows the last rotation', () => {
    expect(hifazat(['migrate']).status).toBe(0);
    expect(dataKeyLine(hifazat(['doctor']).stdout)).toMatch(/OK +data key: No data key yet/);

    const rotated = hifazat(['keys', 'rotate']);
    expect(rotated.status, rotated.stderr).toBe(0);
    const [, first, second] = /Data key rotated: ([0-9a-f]{10}) → ([0-9a-f]{10})\. Re-encrypted 0 value\(s\)\./.exec(rotated.stdout) ?? [];
    expect(first).toBeDefined();
    expect(rotated.stdout).toContain(`Sealed values per key: ${first}: 0, ${second} (current): 0.`);
    expect(readKeyringFile(dataDir)?.keys.map((k) => k.id)).toEqual([first, second]);
    expect(fs.statSync(path.join(dataDir, 'keys', 'data-keys.json')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, 'keys')).mode & 0o777).toBe(0o700);

    expect(dataKeyLine(hifazat(['doctor']).stdout)).toMatch(/WARNING +data key: The data key is not backed up apart from the database/);

    const out = path.join(apart, 'data-keys.json');
    const exported = hifazat(['keys', 'export', '--out', out]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`Wrote 2 data key(s) (current ${second})`);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(dataKeyLine(hifazat(['doctor']).stdout)).toMatch(/OK +data key: The data key was exported on /);
    const refused = hifazat(['keys', 'export', '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('already exists');

    expect(hifazat(['keys', 'rotate']).status).toBe(0);
    expect(dataKeyLine(hifazat(['doctor']).stdout)).toMatch(/WARNING +data key: .*was before the last rotation/);

    const pruned = hifazat(['keys', 'prune']);
    expect(pruned.status, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(new RegExp(`Removed 2 old data key\\(s\\) nothing uses: ${first}, ${second}`));
    expect(readKeyringFile(dataDir)?.keys).toHaveLength(1);
  });

  it('a backup never holds the data key; restore says the key is needed and keys import brings it', async () => {
    fs.rmSync(path.join(apart, 'data-keys.json'), { force: true });
    const out = path.join(apart, 'data-keys.json');
    expect(hifazat(['keys', 'export', '--out', out]).status).toBe(0);
    const keyring = readKeyringFile(dataDir);
    const file = path.join(apart, 'plain.hzb');
    const made = hifazat(['backup', file]);
    expect(made.status, made.stderr).toBe(0);
    const { header } = await readBackupHeader(file);
    expect(header.files.map((f) => f.path).filter((p) => p.startsWith('keys/'))).toEqual([]);
    // Unencrypted, the backup's bytes would show the key if it were in it.
    const bytes = fs.readFileSync(file).toString('latin1');
    for (const key of keyring?.keys ?? []) expect(bytes).not.toContain(key.key);
    expect(bytes).not.toContain(keyring?.indexKey ?? 'none');

    const restored = hifazat(['restore', file], { DATA_DIR: elsewhere });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('The data key is never in a backup');
    expect(restored.stdout).toContain('npx hifazat keys import FILE');
    expect(fs.existsSync(path.join(elsewhere, 'keys', 'data-keys.json'))).toBe(false);

    const imported = hifazat(['keys', 'import', out], { DATA_DIR: elsewhere });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported the keyring (1 key(s), current ${keyring?.current})`);
    expect(readKeyringFile(elsewhere)?.indexKey).toBe(keyring?.indexKey);
  });

  it('refuses a HIFAZAT_DATA_KEY that is not 32 bytes in base64, and rotation of a key it does not manage', () => {
    const bad = hifazat(['keys', 'rotate'], { HIFAZAT_DATA_KEY: 'c2hvcnQ=' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('HIFAZAT_DATA_KEY: HIFAZAT_DATA_KEY must be base64 of exactly 32 bytes, not 5');
    const managed = hifazat(['keys', 'rotate'], { HIFAZAT_DATA_KEY: Buffer.alloc(32, 1).toString('base64') });
    expect(managed.status).toBe(1);
    expect(managed.stderr).toContain('which Hifazat does not manage');
    const usage = hifazat(['keys']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: hifazat keys rotate');
  });
});
