import { parseArgs } from 'node:util';

const USAGE = 'Usage: hifazat cases anonymise [--dry-run] | hifazat cases reindex';

/**
 * `hifazat cases anonymise [--dry-run]`: the retention run the server makes daily, now. Closed cases
 * closed more than CASE_RETENTION_YEARS ago lose what identifies the person (audited, one entry per
 * case); `--dry-run` only counts them. Prints counts, never a case's data.
 */
export async function casesCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  let dryRun = false;
  try {
    dryRun = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean', default: false } } }).values['dry-run'];
  } catch {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (action === 'reindex' && rest.length === 0) return reindex();
  if (action !== 'anonymise') {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const [{ loadConfig }, { openDatabase }, { migrateToLatest }, { anonymiseExpiredCases, retentionCutoff }] = await Promise.all([
    import('../config.js'),
    import('../db/database.js'),
    import('../db/migrator.js'),
    import('../modules/cases/index.js'),
  ]);
  const config = loadConfig();
  const years = config.caseRetentionYears;
  const now = new Date();
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const count = await anonymiseExpiredCases(handle.db, { years, now, dryRun });
    const which = `closed before ${retentionCutoff(years, now).toISOString().slice(0, 10)} (CASE_RETENTION_YEARS=${years})`;
    console.log(
      dryRun
        ? `${count} closed case(s) ${which} would be anonymised; nothing was changed.`
        : `Anonymised ${count} closed case(s) ${which}: what identified the person is gone; the statistics still count them.`,
    );
  } finally {
    await handle.close();
  }
}

/**
 * `hifazat cases reindex`: the match keys of possible duplicates (migration 0021) for every case that still
 * identifies its person. A migration cannot build them: they are HMACs under the blind-index key, which is
 * never in the database. Safe to run again (each case's keys are replaced). Prints a count, never a case's data.
 */
async function reindex(): Promise<void> {
  const [{ loadConfig }, { openDatabase }, { migrateToLatest }, { reindexCases }, { dataKeysFor }] = await Promise.all([
    import('../config.js'),
    import('../db/database.js'),
    import('../db/migrator.js'),
    import('../modules/cases/index.js'),
    import('../shared/data-key.js'),
  ]);
  const config = loadConfig();
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const count = await reindexCases(handle.db, dataKeysFor(config));
    console.log(`Indexed ${count} case(s) for possible duplicates; supervisors see the pairs on their Possible duplicates page.`);
  } finally {
    await handle.close();
  }
}
