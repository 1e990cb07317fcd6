import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { sqliteFileOf } from './backup.js';

const GiB = 1024 ** 3;

/** Free space where the data (or, with PostgreSQL, the backups) live, and how much room is advised. */
export function diskFacts(config: Config): { checkedAt: string; freeBytes: number; databaseBytes: number | null; advisedBytes: number } {
  let checkedAt = path.resolve(config.databaseUrl ? config.backup.dir : config.dataDir);
  while (!fs.existsSync(checkedAt) && path.dirname(checkedAt) !== checkedAt) checkedAt = path.dirname(checkedAt);
  const stats = fs.statfsSync(checkedAt);
  const file = sqliteFileOf(config);
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  const databaseBytes = config.databaseUrl ? null : size(file) + size(`${file}-wal`);
  // A backup needs room for a compacted copy of the database next to it; never advise less than 1 GiB.
  return { checkedAt, freeBytes: stats.bavail * stats.bsize, databaseBytes, advisedBytes: Math.max(GiB, 2 * (databaseBytes ?? 0)) };
}
