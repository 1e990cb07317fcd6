import { parseArgs } from 'node:util';

const USAGE = 'Usage: hifazat cases anonymise [--dry-run]';

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
