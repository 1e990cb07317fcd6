/**
 * Recurring work inside the server process (the daily backup, the retention run): `check` once after
 * `firstAfterMs`, then every `everyMs`, on timers that do not keep the process alive. A check that is
 * still running when the next is due is not started twice. The caller decides inside `check` whether
 * there is anything to do (e.g. "the newest backup is a day old"), so that a computer that was asleep
 * catches up within one interval of waking. Returns a function that stops the timers and resolves
 * once a check in progress has finished.
 */
export function startRecurring(check: () => Promise<void>, timing: { firstAfterMs: number; everyMs: number }): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = check().finally(() => {
      running = null;
    });
  };
  const first = setTimeout(tick, timing.firstAfterMs);
  const every = setInterval(tick, timing.everyMs);
  first.unref();
  every.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(every);
    await running;
  };
}
