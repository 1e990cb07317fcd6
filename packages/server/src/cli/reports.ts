const USAGE = 'Usage: hifazat reports rebuild';

/**
 * `hifazat reports rebuild`: the report aggregates (migration 0022) built again from the participations,
 * in one transaction, then fresh planner statistics. The triggers keep them in step; this repairs them
 * when doctor finds they disagree (a write made with the triggers off). Prints counts only.
 */
export async function reportsCommand(args: string[]): Promise<void> {
  if (args.length !== 1 || args[0] !== 'rebuild') {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const [{ loadConfig }, { openDatabase }, { migrateToLatest }, { rebuildReportAggregates, reportAggregateDrift }] = await Promise.all([
    import('../config.js'),
    import('../db/database.js'),
    import('../db/migrator.js'),
    import('../modules/reports/index.js'),
  ]);
  const handle = openDatabase(loadConfig());
  try {
    await migrateToLatest(handle.db);
    const before = await reportAggregateDrift(handle.db);
    const started = performance.now();
    await rebuildReportAggregates(handle.db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const fixed = before.eventCounts + before.factsMissing + before.factsExtra + before.staleCopies;
    console.log(
      fixed === 0
        ? `Rebuilt the report aggregates in ${seconds} s; they already agreed with the participations.`
        : `Rebuilt the report aggregates in ${seconds} s; ${fixed} row(s) that disagreed with the participations are now right.`,
    );
  } finally {
    await handle.close();
  }
}
