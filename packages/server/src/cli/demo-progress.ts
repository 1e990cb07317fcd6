import type { DemoProgress } from './demo.js';

export type ProgressOutput = { isTTY?: boolean; write: (text: string) => unknown };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describe(counts: DemoProgress['counts']): string {
  const parts: string[] = [];
  if (counts.accounts !== undefined) parts.push(plural(counts.accounts, 'account', 'accounts'));
  if (counts.organisations !== undefined) parts.push(plural(counts.organisations, 'organisation', 'organisations'));
  if (counts.programmes !== undefined) parts.push(plural(counts.programmes, 'programme', 'programmes'));
  if (counts.events !== undefined) parts.push(plural(counts.events, 'event', 'events'));
  if (counts.participations !== undefined) parts.push(plural(counts.participations, 'participation', 'participations'));
  const people = counts.people !== undefined ? ` (${plural(counts.people, 'person', 'people')} registered so far)` : '';
  return parts.join(', ') + people;
}

/**
 * Prints the demo loader's progress. On a terminal, the running step's line is rewritten as it
 * counts up; anywhere else (a pipe, a log file, CI) each step is one line once it is done, so that
 * the output reads as a plain list with no control characters.
 */
export function demoProgressPrinter(out: ProgressOutput, now: () => number = Date.now): (progress: DemoProgress) => void {
  let stepStarted = now();
  return (progress) => {
    const line = `[${progress.step}/${progress.steps}] ${progress.label}: ${describe(progress.counts)}`;
    if (!progress.done) {
      if (out.isTTY) out.write(`\r\x1b[K${line} …`);
      return;
    }
    const seconds = ((now() - stepStarted) / 1000).toFixed(1);
    stepStarted = now();
    out.write(`${out.isTTY ? '\r\x1b[K' : ''}${line} in ${seconds} s\n`);
  };
}
