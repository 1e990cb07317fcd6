// The entry of an import worker thread when the server runs from its TypeScript sources (vitest,
// tsx): a worker does not inherit its parent's TypeScript loader, so register it here, then load the
// worker itself. The compiled server (dist/, which the `hifazat` bin runs) starts dist/imports.worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./imports.worker.ts');
