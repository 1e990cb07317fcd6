import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

// Random bytes drawn 64 KiB at a time: uuid asks the system for 16 bytes per id otherwise, which
// is most of the cost of a 50,000-row import's ids.
const pool = new Uint8Array(64 * 1024);
let offset = pool.length;
function pooledRandom(): Uint8Array {
  if (offset + 16 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

/**
 * Ids are made by the application, never by the database: UUIDv7, time-ordered to the
 * millisecond, so inserts stay index-friendly on both engines.
 */
export const newId = (): string => uuidv7({ rng: pooledRandom });

export const nowIso = (): string => new Date().toISOString();
