// A real start of the compiled server under the Node.js that runs this file (.ci/node-versions runs it
// under each version): `hifazat user add`, `hifazat serve` on a scratch SQLite folder, sign in, make a
// programme and an event, check a participant list (the import worker thread, from dist/), read the
// API document, then SIGTERM: the server must stop with exit code 0. Exits 1 on the first failure.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../packages/server/bin/hifazat.js');
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-smoke-'));
const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const env = { ...process.env, DATA_DIR: data, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SHUTDOWN_DRAIN_SECONDS: '0' };
const base = `http://127.0.0.1:${port}`;
const login = { email: 'smoke.admin@hifazat.example', password: 'smoke-password-2026' };

function check(condition, what) {
  if (!condition) throw new Error(what);
  console.log(`  ok  ${what}`);
}

let server;
try {
  const added = spawnSync(process.execPath, [BIN, 'user', 'add', '--email', login.email, '--name', 'Smoke', '--role', 'admin', '--password-stdin'], {
    env,
    input: login.password,
    encoding: 'utf8',
  });
  check(added.status === 0, `hifazat user add (${(added.stdout + added.stderr).trim()})`);

  server = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  let ready = false;
  for (let i = 0; i < 120 && !ready; i += 1) {
    ready = await fetch(`${base}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  check(ready, 'hifazat serve: /api/health/ready answers 200');

  const signIn = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login) });
  check(signIn.status === 200, 'signs in');
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  const call = async (method, url, body) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: await response.json() };
  };
  const programme = await call('POST', '/api/programmes', { name: 'Smoke programme', donor: 'EU', countries: ['PK'] });
  check(programme.status === 201 || programme.status === 200, 'creates a programme');
  const event = await call('POST', '/api/events', {
    programmeId: programme.body.id,
    title: 'Smoke event',
    type: 'training',
    startDate: '2026-02-01',
    endDate: '2026-02-02',
    city: 'Lahore',
    province: 'Punjab',
    countryCode: 'PK',
  });
  check(event.status === 201 || event.status === 200, 'creates an event');

  const csv =
    'full_name,sex,organization,designation,province,district,phone,email,birth_year,role,attended\nAyesha Khan,female,,,Punjab,Lahore,,,1990,participant,yes\n';
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'list.csv');
  const dryRun = await fetch(`${base}/api/events/${event.body.id}/participants/import?dryRun=true`, { method: 'POST', headers: { cookie }, body: form });
  const plan = await dryRun.json();
  check(dryRun.status === 200 && JSON.stringify(plan).includes('create'), `checks a participant list in the import worker (${dryRun.status})`);

  const openapi = await fetch(`${base}/api/openapi.json`);
  check(openapi.status === 200 && (await openapi.json()).openapi?.startsWith('3.1'), 'serves the OpenAPI document');

  server.kill('SIGTERM');
  check((await exited) === 0, 'stops on SIGTERM with exit code 0');
  server = undefined;
} catch (error) {
  console.error(`  FAILED  ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  server?.kill('SIGKILL');
  fs.rmSync(data, { recursive: true, force: true });
}
