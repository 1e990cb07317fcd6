// The web app runs on Preact's React-compatible layer (issue 9: react-dom alone was 60 kB gzip of the
// 120 kB first-load budget). Vite resolves `react` to this file (preact-aliases.ts); the app's own
// code is still type-checked against React's types. JavaScript, because preact/compat's types are
// declared with `export =`, which TypeScript cannot re-export with `export *`.
export * from 'preact/compat';
export { default } from 'preact/compat';

/**
 * React 19.2's <Activity>, which Mantine uses for panels kept mounted while hidden. Preact has no
 * hidden trees: a hidden one is unmounted instead, and mounts again when shown.
 * @param {{ mode?: 'visible' | 'hidden', children?: import('preact').ComponentChildren }} props
 */
export function Activity({ mode, children }) {
  return mode === 'hidden' ? null : children;
}
