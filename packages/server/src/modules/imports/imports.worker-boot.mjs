// The entry of an import worker thread. A worker does not inherit the TypeScript loader (tsx) of the
// thread that starts it, in the `hifazat` bin or under vitest alike: register it here, then load the
// worker itself from its TypeScript source.
import { register } from 'tsx/esm/api';

register();
await import('./imports.worker.ts');
