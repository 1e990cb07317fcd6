// Compiles the server (its TypeScript, and the contract's, which it shares with the web app) to
// JavaScript in packages/server/dist, so that `npx hifazat` starts without compiling anything.
//
//   node packages/server/scripts/build.mjs            build now (`npm install` runs this: `prepare`)
//   node packages/server/scripts/build.mjs --if-stale build only when the sources changed since
//
// The bin (bin/hifazat.js) calls ensureBuilt() too: after a `git pull` without `npm install`, or an
// edit, the command line never runs code older than its sources. The check only reads the sources'
// sizes and modification times (a few milliseconds), compared with the stamp the last build wrote.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SERVER = path.resolve(import.meta.dirname, '..');
const CONTRACT = path.resolve(SERVER, '../contract');
const DIST = path.join(SERVER, 'dist');
const STAMP = path.join(DIST, 'build-stamp.json');
/** The bundles the bin and the worker runners (imports, certificates, WAL checkpoints) load by name; everything else in dist/ is a shared chunk. */
const ENTRIES = {
  hifazat: 'src/cli/main.ts',
  'imports.worker': 'src/modules/imports/imports.worker.ts',
  'certificates.worker': 'src/modules/certificates/certificates.worker.ts',
  'wal-checkpointer.worker': 'src/db/wal-checkpointer.worker.ts',
};
/**
 * Packages compiled into the bundle rather than loaded from node_modules module by module at each
 * start (kysely and zod are hundreds of small files: 0.3 s of CPU between them). Only our code imports
 * them, and fastify-type-provider-zod, bundled too, so that there is one zod and its schema registry.
 */
const BUNDLED = ['kysely', 'zod', 'fastify-type-provider-zod'];
/** A chunk a newer build no longer uses is removed only after this long: a process started just before may still load it. */
const OLD_CHUNK_MS = 10 * 60_000;

function listFiles(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else if (!/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** What the build depends on: every source file's path, size and modification time, hashed; null without sources. */
export function sourceFingerprint() {
  if (!fs.existsSync(path.join(SERVER, 'src/cli/main.ts'))) return null;
  const files = [
    ...listFiles(path.join(SERVER, 'src'), []),
    ...listFiles(path.join(CONTRACT, 'src'), []),
    path.join(SERVER, 'package.json'),
    path.join(CONTRACT, 'package.json'),
    path.join(SERVER, 'scripts/build.mjs'),
  ].sort();
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    hash.update(`${path.relative(SERVER, file)}\0${stat ? `${stat.size}\0${stat.mtimeMs}` : 'missing'}\n`);
  }
  return hash.digest('hex');
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

/** True when dist/ is missing, incomplete, or older than the sources. */
export function isStale(fingerprint = sourceFingerprint()) {
  if (fingerprint === null) return false;
  const stamp = readStamp();
  if (!stamp || stamp.fingerprint !== fingerprint) return true;
  return Object.keys(ENTRIES).some((name) => !fs.existsSync(path.join(DIST, `${name}.js`)));
}

/**
 * Bundles the entries with shared chunks (code splitting: each command loads only the modules it
 * uses). Packages from node_modules stay imports; the contract is compiled in. Written to a scratch
 * folder first, then moved in file by file, entries last: a process starting meanwhile loads either
 * the old build or the new one, never half of each.
 */
export async function build() {
  const started = Date.now();
  const fingerprint = sourceFingerprint();
  const esbuild = await import('esbuild');
  fs.mkdirSync(DIST, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(DIST, '.build-'));
  try {
    await esbuild.build({
      absWorkingDir: SERVER,
      entryPoints: ENTRIES,
      outdir: scratch,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      sourcemap: 'linked',
      logLevel: 'warning',
      plugins: [
        {
          name: 'hifazat-packages',
          setup(b) {
            // The contract is a workspace package of TypeScript sources: compiled in, not imported.
            b.onResolve({ filter: /^@hifazat\/contract$/ }, () => ({ path: path.join(CONTRACT, 'src/index.ts') }));
            // Other packages stay imports from node_modules, except those in BUNDLED.
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              BUNDLED.some((name) => args.path === name || args.path.startsWith(`${name}/`)) ? undefined : { external: true },
            );
          },
        },
      ],
    });
    const made = fs.readdirSync(scratch);
    const isEntry = (file) => Object.keys(ENTRIES).some((name) => file === `${name}.js` || file === `${name}.js.map`);
    for (const file of made.filter((f) => !isEntry(f))) {
      // Chunk names carry a hash of their content: one already there is the same file.
      if (!fs.existsSync(path.join(DIST, file))) fs.renameSync(path.join(scratch, file), path.join(DIST, file));
    }
    for (const file of made.filter(isEntry)) fs.renameSync(path.join(scratch, file), path.join(DIST, file));
    const keep = new Set([...made, path.basename(STAMP)]);
    for (const file of fs.readdirSync(DIST)) {
      const full = path.join(DIST, file);
      if (!keep.has(file) && Date.now() - fs.statSync(full).mtimeMs > OLD_CHUNK_MS) fs.rmSync(full, { recursive: true, force: true });
    }
    fs.writeFileSync(`${STAMP}.${process.pid}`, `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString() })}\n`);
    fs.renameSync(`${STAMP}.${process.pid}`, STAMP);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return Date.now() - started;
}

/** Builds when stale, saying so on standard error (standard output stays the command's own). */
export async function ensureBuilt() {
  const fingerprint = sourceFingerprint();
  if (!isStale(fingerprint)) return false;
  process.stderr.write('hifazat: the server changed since it was last compiled; compiling it (packages/server/dist) … ');
  const ms = await build();
  process.stderr.write(`done in ${(ms / 1000).toFixed(1)} s\n`);
  return true;
}

/** For vitest's globalSetup: the tests that start the `hifazat` command get a current build. */
export async function setup() {
  await ensureBuilt();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    if (process.argv.includes('--if-stale')) await ensureBuilt();
    else console.log(`Compiled the server to packages/server/dist in ${((await build()) / 1000).toFixed(1)} s`);
  } catch (error) {
    // esbuild has printed the errors with their places already.
    console.error(`Compiling the server failed${error instanceof Error && !('errors' in error) ? `: ${error.message}` : ''}`);
    process.exitCode = 1;
  }
}
