import { RateLimitedError } from '../http/errors.js';

export type Turns = {
  /** Waits for a turn, first come first served; past `maxWaiting` in line, or after `waitMs`, a 429. */
  take(): Promise<void>;
  /** Ends a turn: it passes straight to the next in line (so the count of turns in use stays as it is). */
  release(): void;
  /** Turns in use and jobs waiting in line, now (for tests and the System page's figures). */
  load(): { busy: number; waiting: number };
};

/**
 * At most `max` jobs at once (worker threads: imports, certificate drawing), the rest waiting in line
 * for a while and then refused with `busyMessage`: a busy server answers "try again", never stalls.
 */
export function turns({ max, maxWaiting, waitMs, busyMessage }: { max: number; maxWaiting: number; waitMs: number; busyMessage: string }): Turns {
  let busy = 0;
  const waiting: Array<() => void> = [];
  return {
    async take() {
      if (busy < max) {
        busy += 1;
        return;
      }
      const busyError = () => new RateLimitedError(busyMessage, 30);
      if (waiting.length >= maxWaiting) throw busyError();
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(turn), 1);
          reject(busyError());
        }, waitMs);
        waiting.push(turn);
      });
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else busy -= 1;
    },
    load: () => ({ busy, waiting: waiting.length }),
  };
}
