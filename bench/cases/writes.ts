import { addParticipant, setAttendance, type Actor, type Db } from '../../packages/server/src/testing.js';
import { median, round, type Result } from '../lib/measure.js';
import type { RawDb } from '../lib/raw.js';

/**
 * What one write costs the app (issue 14: under 1 ms of CPU each, with the report aggregates and the
 * change counter kept by triggers in the same transaction): adding a participant to an event and one
 * attendance mark, each through its service function as the route calls it, on the full register.
 * A server writes again and again: the figure is the median of 500 pairs after 1,000 untimed ones.
 * The cost falls over the first thousand writes as the JIT compiles the query builder's paths
 * (measured on the small register: medians of 1.0 ms per 100 writes at first, 0.7 ms after 1,000).
 * Baseline: one statement by hand through the same triggers (a participation's `attended` turned
 * over: the report triggers remove or add its fact, both counters move), the floor of any write
 * that changes a report, commit included, timed in a loop of its own after the app's: a write
 * from the second connection in between would empty the app connection's page cache each time,
 * which no server sees. On SQLite the figures are CPU time of this process; on PostgreSQL, whose
 * work is in the server, wall time.
 */
export async function benchWrites(db: Db, raw: RawDb, actor: Actor, eventId: string, log: (line: string) => void): Promise<Result[]> {
  const warmup = 1000;
  const count = 500 + warmup;
  const people = (
    await raw.all('SELECT id FROM people WHERE id NOT IN (SELECT person_id FROM participations WHERE event_id = ?) LIMIT ?', [eventId, count])
  ).map((row) => String(row[0]));
  const start = String((await raw.all('SELECT start_date FROM events WHERE id = ?', [eventId]))[0]?.[0]);
  if (people.length < count) throw new Error(`only ${people.length} people are not yet at event ${eventId}`);
  const sqlite = raw.engine === 'sqlite';
  const cost = async (work: () => Promise<unknown>) => {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    await work();
    const used = process.cpuUsage(cpu0);
    return sqlite ? (used.user + used.system) / 1000 : performance.now() - wall0;
  };
  const add: number[] = [];
  const mark: number[] = [];
  const floor: number[] = [];
  const [existing] = await raw.all("SELECT id FROM participations WHERE event_id = ? AND role = 'participant' LIMIT 1", [eventId]);
  // Turned over an even number of times: the register is as it was.
  const touch = `UPDATE participations SET attended = NOT attended WHERE id = '${String(existing?.[0]).replace(/'/g, "''")}'`;
  for (const [i, personId] of people.entries()) {
    const added = await cost(() => addParticipant(db, actor, eventId, { personId, role: 'participant', attended: true }));
    const marked = await cost(() => setAttendance(db, actor, eventId, { personId, date: start, present: false }));
    if (i < warmup) continue;
    add.push(added);
    mark.push(marked);
  }
  for (let i = 0; i < count; i += 1) {
    const byHand = await cost(() => raw.exec(touch));
    if (i >= warmup) floor.push(byHand);
  }
  const unit = sqlite ? 'ms CPU' : 'ms';
  const results = [
    { name: 'write_participant_ms', value: median(add) },
    { name: 'write_attendance_ms', value: median(mark) },
  ].map(({ name, value }) => ({ name, value: round(value, 3), unit, baseline: round(median(floor), 3), ratio: round(value / median(floor), 3) }));
  for (const r of results)
    log(`${r.name}: ${r.value} ${unit} per write (one statement through the same triggers by hand: ${r.baseline}); ${add.length} writes`);
  return results;
}
