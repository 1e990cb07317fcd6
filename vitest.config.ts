import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Tests that start child processes (the `hifazat` command, backups by pg_dump or a child server
 * process): a project of their own, so that `npm run test:fast` leaves them out while you work.
 * `npm test` runs every project.
 */
const PROCESS_TESTS = [
  'packages/server/test/cli.test.ts',
  'packages/server/test/cli-certificate.test.ts',
  'packages/server/src/modules/operations/backup.test.ts',
  'packages/server/src/modules/operations/doctor.test.ts',
  'packages/server/src/modules/operations/system.routes.test.ts',
];

export default defineConfig({
  test: {
    // Each file has its own database; two workers fit the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: PROCESS_TESTS,
          environment: 'node',
        },
      },
      {
        extends: true,
        // They start the `hifazat` command, which runs the compiled server: compiled first when stale.
        test: { name: 'processes', include: PROCESS_TESTS, environment: 'node', globalSetup: ['packages/server/scripts/build.mjs'] },
      },
      {
        // The web app's components, in a simulated browser.
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['packages/web/src/test/setup.ts'],
        },
      },
    ],
  },
});
