export type Result = { name: string; value: number; unit: string; baseline: number; ratio: number };

/** Median wall time in milliseconds of `runs` calls after `warmup` untimed ones. */
export async function medianMs(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
}

/**
 * Interleaves the app and its baseline run by run, so that both see the same state of caches and
 * of the machine; returns both medians.
 */
export async function compareMs(
  app: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  runs: number,
  warmup = 2,
): Promise<{ app: number; baseline: number }> {
  for (let i = 0; i < warmup; i += 1) {
    await baseline();
    await app();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let start = performance.now();
    await baseline();
    b.push(performance.now() - start);
    start = performance.now();
    await app();
    a.push(performance.now() - start);
  }
  return { app: median(a), baseline: median(b) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A timing row: lower is better, so the ratio is app / baseline. */
export function timingResult(name: string, app: number, baseline: number, unit = 'ms'): Result {
  return { name, value: round(app), unit, baseline: round(baseline), ratio: round(app / baseline, 3) };
}

/** A throughput row: higher is better; the ratio is still app / baseline (1 = as fast as the baseline). */
export function throughputResult(name: string, app: number, baseline: number, unit: string): Result {
  return { name, value: round(app, 0), unit, baseline: round(baseline, 0), ratio: round(app / baseline, 3) };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Deep equality of plain JSON values, for checking that the app and its baseline give the same numbers. */
export function assertSameJson(what: string, actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i += 1;
    throw new Error(
      `${what}: the app and the hand-written SQL disagree near …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`,
    );
  }
}
