import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './database.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function newFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-wal-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
}

/** A connection as openSqlite makes it, with 8 MB (2,000 pages: twice SQLite's threshold) committed in one transaction. */
function connectionWithBigCommit(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('CREATE TABLE t (x BLOB)');
  return sqlite;
}
const EIGHT_MEGABYTES = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO t SELECT randomblob(4000) FROM n';
const commitEightMegabytes = (sqlite: SqliteDatabase.Database) => sqlite.exec(EIGHT_MEGABYTES);
const fileBytes = (file: string) => fs.statSync(file).size;

/**
 * A file opened as the server opens it, with a 1 MB bound on the log (256 pages), once its thread is
 * up (it has copied a first commit into the file); `before`: the log's size then.
 */
async function openWithThreadUp() {
  const file = newFile();
  const handle = openSqlite(file, { checkpointInBackground: true, checkpointerTuning: { everyMs: 20, restartAtFrames: 256 } });
  await sql`CREATE TABLE t (x BLOB)`.execute(handle.db);
  await sql.raw(EIGHT_MEGABYTES).execute(handle.db);
  expect(await until(() => fileBytes(file) > 8_000_000)).toBe(true);
  return { file, handle, before: fileBytes(`${file}-wal`) };
}

async function until(condition: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

describe('the WAL checkpointer thread', () => {
  it('leaves a commit in the log, and copies it into the database file itself, on its own connection', async () => {
    const file = newFile();
    const sqlite = connectionWithBigCommit(file);
    // No round for a minute: what the commit itself does is seen alone.
    const checkpointer = startWalCheckpointer(file, sqlite, { everyMs: 60_000 });
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    commitEightMegabytes(sqlite);
    expect(fileBytes(file)).toBeLessThan(1_000_000);
    expect(fileBytes(`${file}-wal`)).toBeGreaterThan(8_000_000);
    await checkpointer.stop();
    expect(checkpointer.running()).toBe(false);
    expect(fileBytes(file)).toBeGreaterThan(8_000_000);
    sqlite.close();
  });

  it('copies commits every round while it runs', async () => {
    const file = newFile();
    const sqlite = connectionWithBigCommit(file);
    const checkpointer = startWalCheckpointer(file, sqlite, { everyMs: 50 });
    commitEightMegabytes(sqlite);
    expect(await until(() => fileBytes(file) > 8_000_000)).toBe(true);
    // Ten rounds more to finish the copy: then the next commit starts the log again from its
    // beginning instead of growing it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const logBytes = fileBytes(`${file}-wal`);
    sqlite.exec('INSERT INTO t VALUES (1)');
    expect(fileBytes(`${file}-wal`)).toBe(logBytes);
    expect(sqlite.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2001);
    await checkpointer.stop();
    sqlite.close();
  });

  it('keeps the log bounded under writes that never pause: past its limit the connection copies the rest between two writes', async () => {
    const file = newFile();
    const sqlite = connectionWithBigCommit(file);
    // 256 pages (1 MB) as the limit; 2,000 commits of 16 KB each (32 MB), yielding every 10 commits
    // as a server does between requests, never waiting for the log.
    const checkpointer = startWalCheckpointer(file, sqlite, { everyMs: 20, restartAtFrames: 256 });
    await checkpointer.ready;
    const insert = sqlite.prepare('INSERT INTO t VALUES (randomblob(16000))');
    let largest = 0;
    for (let i = 0; i < 2000; i += 1) {
      insert.run();
      if (i % 10 === 0) {
        largest = Math.max(largest, fileBytes(`${file}-wal`));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    // Without the connection's own copies the log held every commit (41 MB with the blobs' overflow
    // pages); with them it stays near the limit, with room for a thread slowed by a busy machine.
    expect(largest).toBeLessThan(16_000_000);
    expect(sqlite.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2000);
    await checkpointer.stop();
    sqlite.close();
  });

  it('copies the rest after a COMMIT when transactions run back to back across awaits, leaving no moment between them', async () => {
    const { file, handle, before } = await openWithThreadUp();
    // Three requests' transactions queued on the one connection, each waiting a moment inside: the
    // next begins right after the last commits, so a message from the thread always finds one open.
    const end = Date.now() + 4000;
    let written = 0;
    let largest = 0;
    const request = async () => {
      while (Date.now() < end) {
        await handle.db.transaction().execute(async (trx) => {
          await sql`INSERT INTO t VALUES (randomblob(16000))`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 2));
          await sql`INSERT INTO t VALUES (randomblob(16000))`.execute(trx);
        });
        written += 32_000;
        largest = Math.max(largest, fileBytes(`${file}-wal`));
      }
    };
    await Promise.all([request(), request(), request()]);
    expect(written).toBeGreaterThan(14_000_000);
    // Without the copies after COMMIT the log held all of it; with them it stays near the limit, with
    // room for a thread slowed by a busy machine.
    expect(largest).toBeLessThan(before + 8_000_000);
    await handle.close();
  });

  it('keeps the log bounded when transactions follow each other without the event loop ever turning', async () => {
    const { file, handle, before } = await openWithThreadUp();
    // Every await below resolves at once (better-sqlite3 is synchronous): no timer and no message
    // from the thread is handled until the loop ends, as in a burst of writes or a script's loop.
    const end = Date.now() + 3000;
    let written = 0;
    let largest = 0;
    while (Date.now() < end) {
      await handle.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO t VALUES (randomblob(16000))`.execute(trx);
      });
      written += 16_000;
      largest = Math.max(largest, fileBytes(`${file}-wal`));
    }
    expect(written).toBeGreaterThan(14_000_000);
    // With the thread's request only as a message, the log held all of it.
    expect(largest).toBeLessThan(before + 8_000_000);
    await handle.close();
  });

  it('gives checkpoints back to the connection when the thread ends on its own', async () => {
    const file = newFile();
    const sqlite = connectionWithBigCommit(file);
    // A file that is not there: the thread fails to open it and ends, and says why.
    const reasons: string[] = [];
    const checkpointer = startWalCheckpointer(path.join(path.dirname(file), 'missing.sqlite'), sqlite, {
      everyMs: 50,
      onEnd: (reason) => reasons.push(reason),
    });
    expect(await until(() => !checkpointer.running())).toBe(true);
    expect(reasons).toEqual([expect.stringMatching(/CANTOPEN|open/i)]);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    commitEightMegabytes(sqlite);
    expect(fileBytes(file)).toBeGreaterThan(8_000_000);
    sqlite.close();
  });

  it('is started by openSqlite when asked, and its close leaves no log behind and every row in the file', async () => {
    const file = newFile();
    const handle = openSqlite(file, { checkpointInBackground: true });
    expect((await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(handle.db)).rows[0]?.wal_autocheckpoint).toBe(0);
    await sql`CREATE TABLE t (x BLOB)`.execute(handle.db);
    await sql.raw(EIGHT_MEGABYTES).execute(handle.db);
    await handle.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const again = new SqliteDatabase(file, { readonly: true });
    expect(again.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2000);
    again.close();
    // Without the option the connection checkpoints for itself, as SQLite does by default.
    const plain = openSqlite(newFile());
    expect((await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(plain.db)).rows[0]?.wal_autocheckpoint).toBe(1000);
    await plain.close();
  });
});
