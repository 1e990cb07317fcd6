// Runs the Playwright suite and ends with the plain closing line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const report = 'test-results/e2e.json';
fs.rmSync(report, { force: true });
const run = spawnSync('npx', ['playwright', 'test', '--config', 'e2e/playwright.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NO_COLOR: '1' },
});
let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const stats = JSON.parse(fs.readFileSync(report, 'utf8')).stats ?? {};
  passed = stats.expected ?? 0;
  failed = (stats.unexpected ?? 0) + (stats.flaky ?? 0);
} else {
  failed = 1;
}
fs.mkdirSync('test-results', { recursive: true });
fs.writeFileSync('test-results/e2e-counts.json', JSON.stringify({ passed, failed }));
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status ?? 1);
