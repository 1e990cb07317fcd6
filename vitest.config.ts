import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { PREACT_ALIASES } from './packages/web/preact-aliases';

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
  'packages/server/src/modules/cases/cases.at-rest.test.ts',
  'packages/server/src/modules/cases/cases.audit-chain.test.ts',
  'packages/server/src/modules/cases/cases.key-rotation.test.ts',
  'packages/server/src/modules/cases/cases.retention.test.ts',
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
        resolve: {
          alias: [
            ...PREACT_ALIASES,
            // Its ES module build, which Vite transforms (the CommonJS one would require the real react-dom).
            { find: /^@testing-library\/react$/, replacement: '@testing-library/react/dist/@testing-library/react.esm.js' },
            // Packages without an exports map (react-remove-scroll and its helpers) resolve to CommonJS
            // in Node, which requires the real React; their ES module builds, as the app bundles them.
            ...['react-remove-scroll', 'react-remove-scroll-bar', 'use-callback-ref', 'use-sidecar', 'react-style-singleton'].map((name) => ({
              find: new RegExp(`^${name}$`),
              replacement: path.resolve(import.meta.dirname, 'node_modules', name, 'dist/es2015/index.js'),
            })),
            { find: /^react-router$/, replacement: path.resolve(import.meta.dirname, 'packages/web/node_modules/react-router/dist/development/index.mjs') },
          ],
        },

        test: {
          name: 'web',
          // Libraries that import React are bundled by Vite, so that the aliases reach them too.
          server: { deps: { inline: true } },
          include: ['packages/web/src/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['packages/web/src/test/setup.ts'],
        },
      },
    ],
  },
});
