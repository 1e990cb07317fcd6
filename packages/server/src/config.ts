import path from 'node:path';
import { z } from 'zod';
import { DataKeyError, parseDataKey } from './shared/data-key.js';

/**
 * The `hifazat` command, which the server starts for work that would hold its event loop (a backup).
 * This file sits one folder below the package (src/) and so does its compiled code (dist/).
 */
export const HIFAZAT_BIN = path.resolve(import.meta.dirname, '../bin/hifazat.js');

/** Closed cases are anonymised after this many years unless CASE_RETENTION_YEARS says otherwise. */
export const DEFAULT_CASE_RETENTION_YEARS = 5;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Where the embedded SQLite database (and later, uploads and backups) live. */
  DATA_DIR: z.string().default('data'),
  /** postgres://… to use PostgreSQL instead of the embedded SQLite file. */
  DATABASE_URL: z.string().optional(),
  /** Set when the server is reached over https (a reverse proxy): cookies get Secure, HSTS is sent. */
  PUBLIC_URL: z.string().optional(),
  /**
   * Behind https, how many proxies stand in front (nginx alone: 1). The client's address is read
   * from X-Forwarded-For that many hops back; trusting the whole header would let a client choose it.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Hours a session lasts without use. */
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  /** Hours a session lasts at most, however much it is used (the cookie's Max-Age). */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24 * 7),
  /**
   * Host names (with :port when not the default) the server answers besides PUBLIC_URL's host and
   * localhost / 127.0.0.1 / [::1]: comma-separated. Any other Host header is refused, so that a web
   * page whose name is made to point at this computer (DNS rebinding) cannot read its answers.
   */
  ALLOWED_HOSTS: z.string().optional(),
  WEB_DIST: z.string().optional(),
  /**
   * On SIGTERM/SIGINT the server first reports "not ready" and keeps serving for this long (so that a
   * load balancer moves traffic away and requests already sent are taken), then stops taking connections.
   */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(60).default(1),
  /** Scheduled backups of the embedded (SQLite) database: `daily` or `off`. */
  BACKUP_SCHEDULE: z.enum(['daily', 'off']).default('daily'),
  /** Where scheduled backups go; default DATA_DIR/backups. Better: a disk other than the data's. */
  BACKUP_DIR: z.string().optional(),
  /** How many scheduled backups to keep (the newest). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(7),
  /** When set, scheduled backups are encrypted with it (and `npx hifazat backup|restore` use it). */
  BACKUP_PASSPHRASE: z.union([z.literal(''), z.string().min(12, 'use at least 12 characters')]).optional(),
  /**
   * Years a closed case keeps what identifies the person; then it is anonymised (a daily run in the
   * server, or `npx hifazat cases anonymise`). docs/data-protection.md, "Retention".
   */
  CASE_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(DEFAULT_CASE_RETENTION_YEARS),
  /**
   * The key that encrypts victims' data at rest: base64 of 32 random bytes (openssl rand -base64 32).
   * Unset: a keyring file made on first use in DATA_DIR/keys/ (docs/data-protection.md).
   */
  HIFAZAT_DATA_KEY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined || value.trim() === '') return;
      try {
        parseDataKey(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof DataKeyError ? error.message : 'not a data key' });
      }
    }),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string | undefined;
  secureCookies: boolean;
  /** Proxies whose X-Forwarded-For is believed; 0 when not behind https (the peer is the client). */
  trustProxyHops: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionIdleHours: number;
  sessionAbsoluteHours: number;
  /** Host header values served besides loopback on the listening port (lower case, with port when given). */
  allowedHosts: readonly string[];
  webDist: string;
  shutdownDrainMs: number;
  backup: Readonly<{ schedule: 'daily' | 'off'; dir: string; keep: number; passphrase: string | undefined }>;
  /** CASE_RETENTION_YEARS: closed cases older than this are anonymised. */
  caseRetentionYears: number;
  /** HIFAZAT_DATA_KEY (checked: base64 of 32 bytes), or undefined for the keyring file (shared/data-key.ts). */
  dataKey: string | undefined;
}>;

/** PUBLIC_URL's host as a browser sends it in Host: with its port, and without one when it is the default. */
function publicHosts(publicUrl: string | undefined): string[] {
  if (!publicUrl) return [];
  try {
    const url = new URL(publicUrl);
    return [url.host.toLowerCase()];
  } catch {
    throw new Error('Invalid environment: PUBLIC_URL: not a URL');
  }
}

/** Reads the environment once; every other module takes the result as an argument. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const databaseUrl = e.DATABASE_URL && e.DATABASE_URL.trim() !== '' ? e.DATABASE_URL : undefined;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl,
    publicUrl: e.PUBLIC_URL,
    secureCookies: e.PUBLIC_URL?.startsWith('https://') ?? false,
    trustProxyHops: e.PUBLIC_URL?.startsWith('https://') ? e.TRUST_PROXY_HOPS : 0,
    logLevel: e.LOG_LEVEL,
    sessionIdleHours: e.SESSION_IDLE_HOURS,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    allowedHosts: Object.freeze([
      ...publicHosts(e.PUBLIC_URL),
      ...(e.ALLOWED_HOSTS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ''),
    ]),
    webDist: e.WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist'),
    shutdownDrainMs: e.SHUTDOWN_DRAIN_SECONDS * 1000,
    backup: Object.freeze({
      schedule: e.BACKUP_SCHEDULE,
      dir: path.resolve(e.BACKUP_DIR ?? path.join(e.DATA_DIR, 'backups')),
      keep: e.BACKUP_KEEP,
      passphrase: e.BACKUP_PASSPHRASE && e.BACKUP_PASSPHRASE !== '' ? e.BACKUP_PASSPHRASE : undefined,
    }),
    caseRetentionYears: e.CASE_RETENTION_YEARS,
    dataKey: e.HIFAZAT_DATA_KEY && e.HIFAZAT_DATA_KEY.trim() !== '' ? e.HIFAZAT_DATA_KEY.trim() : undefined,
  });
}
