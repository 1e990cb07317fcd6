import { parseArgs } from 'node:util';
import type { DatabaseHandle } from '../db/database.js';
import type { SealedUsage } from '../modules/data-protection/index.js';

const USAGE = `Usage: hifazat keys rotate | prune | export --out FILE | import FILE`;

/** Opens the configured database (brought up to date), with every module loaded so that each has registered its sealed columns. */
async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const [{ loadConfig }, { openDatabase }, { migrateToLatest }] = await Promise.all([
    import('../config.js'),
    import('../db/database.js'),
    import('../db/migrator.js'),
    // The app imports every module's index.ts, where sealed columns are registered.
    import('../app.js'),
  ]);
  const handle = openDatabase(loadConfig());
  try {
    await migrateToLatest(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

const usageLine = (usage: SealedUsage, current: string) =>
  usage.keyIds.map((id) => `${id}${id === current ? ' (current)' : ''}: ${usage.byKey[id] ?? 0}`).join(', ');

/** `hifazat keys …`: the data keys that protect victims' data (docs/data-protection.md). */
export async function keysCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const [{ loadConfig }, protection] = await Promise.all([import('../config.js'), import('../modules/data-protection/index.js')]);
  const config = loadConfig();
  switch (action) {
    case 'rotate': {
      if (rest.length > 0) break;
      await withDatabase(async ({ db }) => {
        console.log('Making a new data key; running servers take it within a second…');
        const result = await protection.rotateDataKey(db, config);
        const { reencrypted, changedMeanwhile, unopened } = result.reencrypt;
        console.log(
          `Data key rotated: ${result.previous} → ${result.current}. Re-encrypted ${reencrypted} value(s)${changedMeanwhile > 0 ? ` (${changedMeanwhile} changed meanwhile, already new)` : ''}.`,
        );
        console.log(`Sealed values per key: ${usageLine(result.usage, result.current)}.`);
        if (unopened > 0 || result.usage.unknown > 0)
          console.error(
            `${Math.max(unopened, result.usage.unknown)} value(s) are sealed with a key this keyring does not hold: import it (npx hifazat keys import FILE).`,
          );
        console.log('Now: npx hifazat keys export --out FILE, and keep the file apart from the backups. Old keys stay until npx hifazat keys prune.');
      });
      return;
    }
    case 'prune': {
      if (rest.length > 0) break;
      await withDatabase(async ({ db }) => {
        const result = await protection.pruneDataKeys(db, config);
        console.log(
          result.removed.length === 0
            ? `No key removed: every key is current or still seals values (${usageLine(result.usage, '')}).`
            : `Removed ${result.removed.length} old data key(s) nothing uses: ${result.removed.join(', ')}. Backups made before the rotation need the export made before it.`,
        );
      });
      return;
    }
    case 'export': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: 'string' } } });
      if (!values.out || positionals.length > 0) break;
      const result = protection.exportDataKeys(config, values.out);
      console.log(
        `Wrote ${result.keys} data key(s) (current ${result.currentId}) to ${result.file} (mode 0600). Keep it apart from the backups: whoever has both can read victims' data.`,
      );
      return;
    }
    case 'import': {
      const [file, ...more] = rest;
      if (!file || more.length > 0) break;
      const result = protection.importDataKeys(config, file);
      console.log(
        result.created
          ? `Imported the keyring (${result.added} key(s), current ${result.currentId}) into ${config.dataDir}.`
          : `Added ${result.added} key(s) to the keyring; the current key stays ${result.currentId}.`,
      );
      return;
    }
  }
  console.error(USAGE);
  process.exitCode = 2;
}
