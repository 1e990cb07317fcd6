// The entry of a certificate-drawing worker thread when the server runs from its TypeScript sources
// (vitest, tsx): a worker does not inherit its parent's TypeScript loader, so register it here, then
// load the worker itself. The compiled server (dist/) starts dist/certificates.worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./certificates.worker.ts');
