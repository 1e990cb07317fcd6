// Runs vitest and ends with the plain closing line CI reads: "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const report = 'vitest.json';
fs.rmSync(report, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } });
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  // A file that fails before any test runs (an import error) has no failed test: counted as one failure.
  const brokenFiles = r.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (r.numTotalTests === 0) process.exit(1);
} else {
  console.log('0 passed, 1 failed');
}
process.exit(run.status ?? 1);
