import { describe, expect, it } from 'vitest';
import type { DemoProgress } from './demo.js';
import { demoProgressPrinter } from './demo-progress.js';

const steps: DemoProgress[] = [
  { step: 1, steps: 4, label: 'accounts', done: true, counts: { accounts: 4 } },
  { step: 4, steps: 4, label: 'events of 2019', done: false, counts: { events: 1, participations: 20, people: 18 } },
  { step: 4, steps: 4, label: 'events of 2019', done: false, counts: { events: 2, participations: 41, people: 37 } },
  { step: 4, steps: 4, label: 'events of 2019', done: true, counts: { events: 3, participations: 60, people: 1 } },
];

function run(isTTY: boolean): string {
  let text = '';
  let clock = 0;
  const print = demoProgressPrinter({ isTTY, write: (s: string) => (text += s) }, () => (clock += 1500));
  for (const step of steps) print(step);
  return text;
}

describe('the demo progress printer', () => {
  it('writes one plain line per finished step when the output is not a terminal', () => {
    const text = run(false);
    expect(text).toBe('[1/4] accounts: 4 accounts in 1.5 s\n[4/4] events of 2019: 3 events, 60 participations (1 person registered so far) in 1.5 s\n');
    expect(text.includes('\r') || text.includes('\x1b')).toBe(false);
  });

  it('on a terminal rewrites the running step in place, and ends each finished step with a new line', () => {
    const text = run(true);
    expect(text).toContain('\r\x1b[K[4/4] events of 2019: 2 events, 41 participations (37 people registered so far) …');
    expect(text.split('\n')).toHaveLength(3);
    expect(text.endsWith('\r\x1b[K[4/4] events of 2019: 3 events, 60 participations (1 person registered so far) in 1.5 s\n')).toBe(true);
  });
});
