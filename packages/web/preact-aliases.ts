import path from 'node:path';
import type { Alias } from 'vite';

/**
 * React's API on Preact (src/app/react-on-preact.js): a tenth of react-dom's size, for slow links
 * (issue 9). Used by the build and by the web app's unit tests, so that both run the same renderer.
 */
export const PREACT_ALIASES: Alias[] = [
  { find: /^react$/, replacement: path.resolve(import.meta.dirname, 'src/app/react-on-preact.js') },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  // react-i18next's CommonJS shim for useSyncExternalStore: Preact has the hook, and requiring `react`
  // from CommonJS would make the bundler wrap Preact in a lazy initialiser.
  { find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: 'preact/compat' },
];
