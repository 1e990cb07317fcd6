import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, sqliteIntegrity } from '../packages/server/src/testing.js';
import type { CheckResult, ReliabilitySuite } from './lib/check.js';
import { ADMIN, addAdmin, Client, hifazat, scratchDatabase, startServer } from './lib/server.js';

const WRITERS = 8;
const PASSPHRASE = 'reliability backup passphrase';

type Ack = { id: string; at: number };

async function underLoad(engine: 'sqlite' | 'postgres', postgresUrl: string | undefined, log: (line: string) => void, quick: boolean): Promise<CheckResult> {
  const source = await scratchDatabase(engine, postgresUrl, 'backup-src');
  const copy = await scratchDatabase(engine, postgresUrl, 'backup-copy');
  const env = { ...source.env, BACKUP_PASSPHRASE: PASSPHRASE };
  try {
    await hifazat(['migrate'], env);
    await addAdmin(env);
    const server = await startServer(env);
    const acks: Ack[] = [];
    let failedWrites = 0;
    let writing = true;
    let backupStartedAt = Number.POSITIVE_INFINITY;
    let backupMs = 0;
    try {
      const client = new Client(server.url);
      await client.signIn(ADMIN.email, ADMIN.password);
      let n = 0;
      const writer = async (w: number) => {
        while (writing) {
          n += 1;
          const answer = await client.request<{ id: string }>('POST', '/api/people', {
            fullName: `Backup Load ${w}-${n}`,
            sex: n % 2 ? 'female' : 'male',
            email: `load.${w}.${n}@example.org`,
            province: 'Sindh',
          });
          if (answer.status === 201) acks.push({ id: answer.body.id, at: performance.now() });
          else failedWrites += 1;
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await new Promise((resolve) => setTimeout(resolve, quick ? 700 : 2000));
      const file = path.join(source.env.DATA_DIR, 'under-load.hzb');
      backupStartedAt = performance.now();
      // `hifazat backup` in its own process, as an operator runs it next to the running server.
      await hifazat(['backup', file], env);
      backupMs = performance.now() - backupStartedAt;
      await new Promise((resolve) => setTimeout(resolve, 300));
      writing = false;
      await Promise.all(writers);
      await server.stop();

      const restoreStarted = performance.now();
      await hifazat(['restore', file], { ...copy.env, BACKUP_PASSPHRASE: PASSPHRASE });
      const restoreMs = performance.now() - restoreStarted;
      const restored = openDatabase({ dataDir: copy.env.DATA_DIR, databaseUrl: copy.env.DATABASE_URL || undefined });
      try {
        const present = new Set((await restored.db.selectFrom('people').select('id').execute()).map((r) => r.id));
        const before = acks.filter((a) => a.at < backupStartedAt);
        const during = acks.filter((a) => a.at >= backupStartedAt && a.at < backupStartedAt + backupMs);
        const missing = before.filter((a) => !present.has(a.id));
        const integrity = engine === 'sqlite' ? (await sqliteIntegrity(restored.db)).problems.length : 0;
        const passed = missing.length === 0 && failedWrites === 0 && integrity === 0 && before.length > 0 && during.length > 0;
        log(`  backup (${engine}): ${before.length} writes acknowledged before the backup, ${during.length} during it`);
        return {
          name: `backup under load (${engine})`,
          passed,
          figures: {
            writers: WRITERS,
            'acknowledged before backup': before.length,
            'acknowledged during backup': during.length,
            'missing after restore': missing.length,
            'found of those during backup': during.filter((a) => present.has(a.id)).length,
            'failed writes': failedWrites,
            'integrity problems': integrity,
            'backup ms': Math.round(backupMs),
            'restore ms': Math.round(restoreMs),
            encrypted: 'yes',
          },
          detail: during.length === 0 ? 'no write landed while the backup ran' : missing.length > 0 ? `missing e.g. ${missing[0]?.id}` : undefined,
        };
      } finally {
        await restored.close();
      }
    } finally {
      writing = false;
      await server.stop();
    }
  } finally {
    await source.drop();
    await copy.drop();
  }
}

/** Backup while writes go on, then restore: every record acknowledged before the backup began is there. */
export const backupUnderLoadSuite: ReliabilitySuite = async ({ log, postgresUrl, quick }) => {
  const results = [await underLoad('sqlite', postgresUrl, log, quick)];
  if (postgresUrl) results.push(await underLoad('postgres', postgresUrl, log, quick));
  return results;
};
