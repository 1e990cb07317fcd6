// The entry of the WAL checkpointer's thread when the server runs from its TypeScript sources
// (vitest, tsx): a worker does not inherit its parent's TypeScript loader, so register it here. The
// compiled server (dist/) starts dist/wal-checkpointer.worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./wal-checkpointer.worker.ts');
