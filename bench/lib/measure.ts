/**
 * One figure. `baseline` is the best known design measured in the same run and `ratio` is value ÷
 * baseline. Figures that also have a `naive` form (the straightforward query the app would run
 * without hand-tuned structures: the programme reports) carry it with `naiveRatio` = value ÷ naive.
 * `cpuMs` (SQLite query figures): the median CPU time of this process per app run, and likewise
 * `baselineCpuMs` and `naiveCpuMs`: on SQLite the query runs in this process, so on a loaded machine
 * the CPU time says what a run costs whatever else ran.
 */
export type Result = {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  naive?: number;
  naiveRatio?: number;
  cpuMs?: number;
  baselineCpuMs?: number;
  naiveCpuMs?: number;
};

/** Medians of wall and CPU time (ms) of one form of a query. */
export type Timing = { wallMs: number; cpuMs: number };

/**
 * Interleaves several forms of the same query run by run (each run: every form once, in the order
 * given), so that all see the same state of caches and of the machine; returns each form's median
 * wall time and median CPU time of this process (process.cpuUsage, user + system). `check` gets
 * every form's answer of the first round: a warm-up when there is one (so nothing is timed before
 * the answers agree), else the first timed run (so a slow form is not run once more only to check).
 */
export async function compareForms<K extends string>(
  forms: Record<K, () => Promise<unknown>>,
  runs: number,
  warmup = 2,
  check?: (answers: Record<K, unknown>) => void,
): Promise<Record<K, Timing>> {
  const keys = Object.keys(forms) as K[];
  const wall = new Map<K, number[]>(keys.map((k) => [k, []]));
  const cpu = new Map<K, number[]>(keys.map((k) => [k, []]));
  for (let i = 0; i < warmup + runs; i += 1) {
    const answers = {} as Record<K, unknown>;
    for (const k of keys) {
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      answers[k] = await forms[k]();
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu0);
      if (i >= warmup) {
        wall.get(k)?.push(ms);
        cpu.get(k)?.push((used.user + used.system) / 1000);
      }
    }
    if (i === 0) check?.(answers);
  }
  return Object.fromEntries(keys.map((k) => [k, { wallMs: median(wall.get(k) ?? []), cpuMs: median(cpu.get(k) ?? []) }])) as Record<K, Timing>;
}

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

/** A timing row with its naive form: ratio = app ÷ baseline, naiveRatio = app ÷ naive; CPU times when given. */
export function timingWithNaive(name: string, app: Timing, baseline: Timing, naive: Timing, withCpu: boolean): Result {
  const result: Result = { ...timingResult(name, app.wallMs, baseline.wallMs), naive: round(naive.wallMs), naiveRatio: round(app.wallMs / naive.wallMs, 3) };
  if (withCpu) {
    result.cpuMs = round(app.cpuMs);
    result.baselineCpuMs = round(baseline.cpuMs);
    result.naiveCpuMs = round(naive.cpuMs);
  }
  return result;
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
