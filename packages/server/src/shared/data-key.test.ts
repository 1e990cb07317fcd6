import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataKeysFor, openText, sealText } from './data-key.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-keys-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('data keys (the minimal version the second factor needs)', () => {
  it('creates the key file with mode 0600 in a 0700 folder, once, and seals and opens text bound to its purpose', () => {
    const dataDir = freshDir();
    const keys = dataKeysFor({ dataDir });
    const file = path.join(dataDir, 'keys', 'data-keys.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const sealed = sealText(keys, 'JBSWY3DPEHPK3PXP', 'users.mfa_secret');
    expect(sealed).toMatch(/^hz1\.[^.]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealText(keys, 'JBSWY3DPEHPK3PXP', 'users.mfa_secret')).not.toBe(sealed);
    expect(openText(keys, sealed, 'users.mfa_secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openText(keys, sealed, 'cases.victim_name')).toThrow();
    // Another process of the same folder reads the same key.
    const again = JSON.parse(fs.readFileSync(file, 'utf8')) as { current: string };
    expect(again.current).toBe(keys.currentId);
  });

  it('refuses a changed byte, a shortened tag and an unknown key', () => {
    const keys = dataKeysFor({ dataDir: freshDir() });
    const sealed = sealText(keys, 'secret text', 'p');
    const parts = sealed.split('.');
    const flip = (s: string) => (s.startsWith('A') ? `B${s.slice(1)}` : `A${s.slice(1)}`);
    expect(() => openText(keys, [parts[0], parts[1], parts[2], flip(parts[3] ?? ''), parts[4]].join('.'), 'p')).toThrow();
    expect(() => openText(keys, [parts[0], parts[1], parts[2], parts[3], (parts[4] ?? '').slice(0, 8)].join('.'), 'p')).toThrow();
    expect(() => openText(dataKeysFor({ dataDir: freshDir() }), sealed, 'p')).toThrow(/Unknown data key/);
  });

  it('takes the key from HIFAZAT_DATA_KEY when given (32 bytes, base64), writing no file', () => {
    const dataDir = freshDir();
    const dataKey = Buffer.alloc(32, 7).toString('base64');
    const keys = dataKeysFor({ dataDir, dataKey });
    expect(openText(keys, sealText(keys, 'x', 'p'), 'p')).toBe('x');
    expect(fs.existsSync(path.join(dataDir, 'keys'))).toBe(false);
    expect(() => dataKeysFor({ dataDir, dataKey: 'c2hvcnQ=' })).toThrow();
  });
});
