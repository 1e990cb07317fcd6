import { createIndicator, donorReport, programmeReport, renderDonorReportPdf, type Actor, type Db } from '../../packages/server/src/testing.js';
import { compareMs, timingResult, type Result } from '../lib/measure.js';
import type { RawDb } from '../lib/raw.js';

/**
 * `donor_report`: the donor report of one programme-year (the busiest year of the programme with the
 * most events) with four indicators — unique people, participations, workshops held, mean normalised
 * gain — as JSON and drawn as the English PDF, as the export route does. Baseline, measured in the same
 * run: the programme report of that programme and year (what the counts are read from). Target: < 2 s.
 */
export async function benchDonorReport(db: Db, raw: RawDb, actor: Actor, runs: number, log: (line: string) => void): Promise<Result[]> {
  const [busiest] = await raw.all(
    `SELECT programme_id, substr(start_date, 1, 4) AS y, count(*) AS n FROM events WHERE status = 'held' GROUP BY programme_id, y ORDER BY n DESC LIMIT 1`,
  );
  const programmeId = String(busiest?.[0]);
  const year = String(busiest?.[1]);
  log(`donor report: programme ${programmeId}, ${year} (${String(busiest?.[2])} held events)`);
  const indicators = [
    { code: 'B1', name: 'Practitioners trained', unit: 'people', computation: { kind: 'people_trained_unique' as const } },
    { code: 'B2', name: 'Participations', unit: 'participations', computation: { kind: 'participations' as const } },
    { code: 'B3', name: 'Workshops held', unit: 'events', computation: { kind: 'events_held' as const, eventType: 'workshop' as const } },
    { code: 'B4', name: 'Mean normalised gain', unit: 'ratio', computation: { kind: 'mean_normalised_gain' as const } },
  ];
  for (const i of indicators) await createIndicator(db, actor, programmeId, { ...i, targets: [{ period: year, value: 100 }] });
  const { app, baseline } = await compareMs(
    async () => {
      const report = await donorReport(db, actor, programmeId, year);
      await renderDonorReportPdf(report, { lang: 'en', madeBy: actor.name, madeAt: new Date() });
    },
    () => programmeReport(db, actor, { from: `${year}-01-01`, to: `${year}-12-31`, programmeId }),
    runs,
    1,
  );
  return [timingResult('donor_report', app, baseline)];
}
