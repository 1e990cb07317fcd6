import type { ProgrammeReport, SexCounts } from '@hifazat/contract';
import type { Cell } from '../../shared/spreadsheet.js';

const sexColumns = (prefix: string) => ['total', 'female', 'male', 'other', 'not_recorded'].map((c) => `${prefix}_${c}`);
const counts = (c: SexCounts | null): Cell[] => (c ? [c.total, c.female, c.male, c.other, c.unknown] : [null, null, null, null, null]);

export const REPORT_HEADER = ['breakdown', 'group', 'events', ...sexColumns('participations'), ...sexColumns('people')];

/** The programme report as one flat table: a row for the totals and one for every group of every breakdown. */
export function reportRows(report: ProgrammeReport): Cell[][] {
  const rows: Cell[][] = [
    // Which events the figures count, so that a sheet read on its own says so.
    ['events_counted', `status: ${report.statuses.join(', ')}`, null, ...counts(null), ...counts(null)],
    [`total ${report.from} to ${report.to}`, '', report.events, ...counts(report.participations), ...counts(report.people)],
  ];
  for (const r of report.byOrganizationType) rows.push(['organization_type', r.type ?? 'not recorded', null, ...counts(r.participations), ...counts(r.people)]);
  for (const r of report.byProvince) rows.push(['province', r.province ?? 'not recorded', r.events, ...counts(r.participations), ...counts(r.people)]);
  for (const r of report.byEventType) rows.push(['event_type', r.type, r.events, ...counts(r.participations), ...counts(null)]);
  for (const r of report.byQuarter) rows.push(['quarter', r.quarter, r.events, ...counts(r.participations), ...counts(null)]);
  return rows;
}
