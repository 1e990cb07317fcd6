import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const HIFAZAT_BIN = path.join(REPO, 'packages/server/bin/hifazat.js');

export type DatabaseSetting = { DATA_DIR: string; DATABASE_URL: string };

/** A scratch database: a new folder for SQLite, or a new database on the PostgreSQL server. */
export async function scratchDatabase(engine: 'sqlite' | 'postgres', postgresUrl: string | undefined, label: string): Promise<{ env: DatabaseSetting; drop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hifazat-${label}-`));
  if (engine === 'sqlite') return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  if (!postgresUrl) throw new Error('no PostgreSQL server');
  const name = `hifazat_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `npx hifazat …` (the bin itself) to completion; throws with its output when it fails. */
export function hifazat(args: string[], env: Record<string, string>, input?: string): string {
  const result = spawnSync(process.execPath, [HIFAZAT_BIN, ...args], { env: { ...process.env, ...env }, input, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`hifazat ${args[0]} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

export type RunningServer = { url: string; child: ChildProcess; logs: string[]; exited: Promise<number | null> };

/** Starts `hifazat serve` on a free loopback port and waits until it is ready. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [HIFAZAT_BIN, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WEB_DIST: '/nonexistent', BACKUP_SCHEDULE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${logs.slice(-5).join('\n')}`)), 60_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(line);
        if (found?.[1]) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => logs.push(chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${logs.slice(-5).join('\n')}`));
    });
  });
  return { url, child, logs, exited };
}

export async function stopServer(server: RunningServer): Promise<number | null> {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

/** A small API client for the suites: JSON in and out, one session cookie. */
export class Client {
  private cookie = '';
  constructor(readonly base: string) {}

  async signIn(email: string, password: string): Promise<void> {
    const response = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  async request<T>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T>(method: string, url: string, body?: unknown): Promise<T> {
    const answer = await this.request<T>(method, url, body);
    if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer.body;
  }

  async upload<T>(url: string, filename: string, content: Buffer): Promise<{ status: number; body: T }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)], { type: 'text/csv' }), filename);
    const response = await fetch(`${this.base}${url}`, { method: 'POST', headers: { cookie: this.cookie }, body: form });
    return { status: response.status, body: (await response.json()) as T };
  }
}

export const ADMIN = { email: 'reliability.admin@hifazat.example', password: 'reliability-password-2026' };

export function addAdmin(env: Record<string, string>): void {
  hifazat(['user', 'add', '--email', ADMIN.email, '--name', 'Reliability Admin', '--role', 'admin', '--password-stdin'], env, `${ADMIN.password}\n`);
}

/** A participant list of `n` new people (batch number in names, phones and emails: no batch matches another), as a CSV file. */
export function participantCsv(batch: number, n: number): Buffer {
  const tag = `b${batch}`;
  const lines = ['Name,Sex,Organisation,Province,Mobile,Email,Attended'];
  for (let i = 0; i < n; i += 1) {
    const female = i % 4 === 0;
    lines.push(`${female ? 'Ayesha' : 'Imran'} ${tag} ${i},${female ? 'female' : 'male'},Punjab Police,Punjab,03${String(batch % 100).padStart(2, '0')}-${String(i + 1_000_000 * Math.floor(batch / 100)).padStart(7, '0')},${tag}.${i}@example.org,yes`);
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}
