// `npm start`'s first half: compiles the server and builds the web app only when their sources
// changed since their last build (a stamp of the sources' sizes and modification times), so that a
// second `npm start` goes straight to serving.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuilt } from '../packages/server/scripts/build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB = path.join(ROOT, 'packages/web');
const WEB_DIST = path.join(WEB, 'dist');
// Outside dist/ (which the server serves) and outside git.
const WEB_STAMP = path.join(ROOT, 'node_modules/.cache/hifazat/web-build.json');

function listFiles(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else if (!/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The web app's sources, the contract it imports, and the installed packages (the lock file). */
function webFingerprint() {
  const files = [...listFiles(WEB, []), ...listFiles(path.join(ROOT, 'packages/contract/src'), []), path.join(ROOT, 'package-lock.json')].sort();
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    hash.update(`${path.relative(ROOT, file)}\0${stat ? `${stat.size}\0${stat.mtimeMs}` : 'missing'}\n`);
  }
  return hash.digest('hex');
}

function webStamp() {
  try {
    return JSON.parse(fs.readFileSync(WEB_STAMP, 'utf8')).fingerprint;
  } catch {
    return null;
  }
}

await ensureBuilt();

const before = webFingerprint();
if (webStamp() === before && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
  console.log('The web app is up to date (packages/web/dist); not rebuilding it.');
} else {
  const build = spawnSync('npm', ['run', 'build', '-w', '@hifazat/web'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  fs.mkdirSync(path.dirname(WEB_STAMP), { recursive: true });
  // The fingerprint taken before the build: a file changed while it ran makes the next start build again.
  fs.writeFileSync(WEB_STAMP, `${JSON.stringify({ fingerprint: before, builtAt: new Date().toISOString() })}\n`);
}
