import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { scratchPostgresDatabase } from '../../packages/server/src/testing.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const HIFAZAT_BIN = path.join(REPO, 'packages/server/bin/hifazat.js');

export type DatabaseSetting = { DATA_DIR: string; DATABASE_URL: string };

/** A scratch database: a new folder for SQLite, or a new database on the PostgreSQL server. */
export async function scratchDatabase(
  engine: 'sqlite' | 'postgres',
  postgresUrl: string | undefined,
  label: string,
): Promise<{ env: DatabaseSetting; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hifazat-${label}-`));
  if (engine === 'sqlite') return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  if (!postgresUrl) throw new Error('no PostgreSQL server');
  const scratch = await scratchPostgresDatabase(postgresUrl, `hifazat_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`);
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: scratch.url },
    drop: async () => {
      await scratch.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `npx hifazat …` (the bin itself) to completion; rejects with its output when it fails. */
export function hifazat(args: string[], env: Record<string, string>, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HIFAZAT_BIN, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`hifazat ${args[0] ?? ''} exited with ${code}: ${out.slice(-500)}`))));
    child.stdin.end(input ?? '');
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address !== 'string' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type RunningServer = {
  url: string;
  child: ChildProcess;
  /** The exit code, once it has exited. */
  exited: Promise<number | null>;
  /** Its output so far, one line each (pino JSON). */
  logLines: () => string[];
  /** Lines logged at level error or fatal. */
  errorLines: () => string[];
  /** Linux: the high-water mark of its resident memory. */
  peakRssMb: () => number | undefined;
  /** SIGTERM, and SIGKILL if it has not exited 10 s later. */
  stop: () => Promise<void>;
};

/** `hifazat serve` on a free loopback port, the way a user runs it, once `/api/health` answers 200. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [HIFAZAT_BIN, 'serve'], {
    cwd: REPO,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', WEB_DIST: '/nonexistent', BACKUP_SCHEDULE: 'off', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A runner that dies must not leave a server listening.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-2_000_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let hasExited = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      hasExited = true;
      process.removeListener('exit', killOnExit);
      resolve(code);
    }),
  );
  const stop = async () => {
    if (hasExited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (hasExited) throw new Error(`the server exited before answering: ${output.slice(-1000)}`);
    const status = await fetch(`${url}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`/api/health did not answer 200 within 60 s (last: ${status}): ${output.slice(-1000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const logLines = () => output.split('\n');
  return {
    url,
    child,
    exited,
    logLines,
    errorLines: () => logLines().filter((line) => /"level":(5|6)0/.test(line)),
    peakRssMb: () => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return match ? Math.round(Number(match[1]) / 1024) : undefined;
      } catch {
        return undefined;
      }
    },
    stop,
  };
}

export type Answer<T> = { status: number; body: T; setCookie: string[] };

/** One JSON request; rejects on anything but a 2xx (for seeding, where a failure is the harness's). */
export async function call<T>(base: string, method: string, url: string, options: { cookie?: string; body?: unknown } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${url}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  if (response.status < 200 || response.status > 299) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T, setCookie: response.headers.getSetCookie() };
}

export function sessionCookie(setCookie: string | string[] | undefined): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return all.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('hifazat_session='));
}

/** Signs in and gives the `hifazat_session=…` cookie to send. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const answer = await call<unknown>(base, 'POST', '/api/auth/login', { body: { email, password } });
  const cookie = sessionCookie(answer.setCookie);
  if (!cookie) throw new Error(`sign-in of ${email} set no session cookie`);
  return cookie;
}

/** A small API client for the suites: JSON in and out, one session cookie. */
export class Client {
  private cookie = '';
  constructor(readonly base: string) {}

  async signIn(email: string, password: string): Promise<void> {
    this.cookie = await signIn(this.base, email, password);
  }

  async request<T>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T>(method: string, url: string, body?: unknown): Promise<T> {
    return (await call<T>(this.base, method, url, { cookie: this.cookie, body })).body;
  }

  /** A programme and a two-day training in Pakistan for a suite to import into; its id. */
  async makeEvent(label: string, place: { city: string; province: string }, status?: 'held'): Promise<string> {
    const programme = await this.ok<{ id: string }>('POST', '/api/programmes', { name: `${label} programme`, donor: 'EU', countries: ['PK'] });
    const event = await this.ok<{ id: string }>('POST', '/api/events', {
      programmeId: programme.id,
      title: `${label} event`,
      type: 'training',
      startDate: '2026-02-01',
      endDate: '2026-02-02',
      ...place,
      countryCode: 'PK',
      ...(status ? { status } : {}),
    });
    return event.id;
  }

  async upload<T>(url: string, filename: string, content: Buffer): Promise<{ status: number; body: T }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)], { type: 'text/csv' }), filename);
    const response = await fetch(`${this.base}${url}`, { method: 'POST', headers: { cookie: this.cookie }, body: form });
    return { status: response.status, body: (await response.json()) as T };
  }
}

export const ADMIN = { email: 'reliability.admin@hifazat.example', password: 'reliability-password-2026' };

export async function addAdmin(env: Record<string, string>): Promise<void> {
  await hifazat(['user', 'add', '--email', ADMIN.email, '--name', 'Reliability Admin', '--role', 'admin', '--password-stdin'], env, `${ADMIN.password}\n`);
}

/** A participant list of `n` new people (batch number in names, phones and emails: no batch matches another), as a CSV file. */
export function participantCsv(batch: number, n: number): Buffer {
  const tag = `b${batch}`;
  const lines = ['Name,Sex,Organisation,Province,Mobile,Email,Attended'];
  for (let i = 0; i < n; i += 1) {
    const female = i % 4 === 0;
    lines.push(
      `${female ? 'Ayesha' : 'Imran'} ${tag} ${i},${female ? 'female' : 'male'},Punjab Police,Punjab,03${String(batch % 100).padStart(2, '0')}-${String(i + 1_000_000 * Math.floor(batch / 100)).padStart(7, '0')},${tag}.${i}@example.org,yes`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}
