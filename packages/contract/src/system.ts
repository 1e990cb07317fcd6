import { z } from 'zod';

/** A backup file in the backup folder. */
export const zBackupFile = z.object({ name: z.string(), at: z.string(), bytes: z.number().int() });
export type BackupFile = z.infer<typeof zBackupFile>;

/** Things an administrator should act on; the web app says each in words, with what to do. */
export const systemAttentionCodes = [
  'database_unavailable',
  'migrations_pending',
  'no_backup_yet',
  'backup_old',
  'backups_off',
  'backups_unencrypted',
  'disk_low',
  'demo_accounts_open',
] as const;
export const zSystemAttention = z.enum(systemAttentionCodes);
export type SystemAttention = z.infer<typeof zSystemAttention>;

/** What an administrator sees on the System page. */
export const zSystemStatus = z.object({
  version: z.string(),
  engine: z.enum(['sqlite', 'postgres']),
  ready: z.boolean(),
  checks: z.object({ database: z.enum(['ok', 'unavailable']), migrations: z.enum(['current', 'pending', 'unknown']) }),
  backups: z.object({
    /** `external` for PostgreSQL: its backups are scheduled outside Hifazat (cron + npx hifazat backup). */
    schedule: z.enum(['daily', 'off', 'external']),
    keep: z.number().int(),
    encrypted: z.boolean(),
    directory: z.string(),
    /** Newest first. */
    recent: z.array(zBackupFile),
  }),
  disk: z.object({ freeBytes: z.number(), databaseBytes: z.number().nullable() }),
  attention: z.array(zSystemAttention),
});
export type SystemStatus = z.infer<typeof zSystemStatus>;

/** `GET /api/health/live`: the process answers. */
export const zLiveness = z.object({ status: z.literal('up') });

/** `GET /api/health` and `/api/health/ready`: whether the server can serve requests. */
export const zReadiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  /** The process answers (always true when there is an answer at all). */
  up: z.literal(true),
  /** It can serve requests: the database answers, its schema is current, and it is not shutting down. */
  ready: z.boolean(),
  database: z.enum(['sqlite', 'postgres']),
  checks: z.object({
    database: z.enum(['ok', 'unavailable']),
    migrations: z.enum(['current', 'pending', 'unknown']),
    shuttingDown: z.boolean(),
  }),
});
export type Readiness = z.infer<typeof zReadiness>;
