#!/usr/bin/env node
// Runs the command line compiled to JavaScript (packages/server/dist, built by `npm install`),
// compiling it first when the sources changed since.
import { ensureBuilt } from '../scripts/build.mjs';

await ensureBuilt();
await import('../dist/hifazat.js');
