import {
  codeLabels,
  exportText,
  provinceName,
  type ExportText,
  type LabelLanguage,
  type ProgrammeReport,
  type ProgrammeReportQuery,
  type SexCounts,
} from '@hifazat/contract';
import { aboutRows, countryName, type ExportBook, type ExportSection } from '../../shared/export-book.js';
import type { Cell } from '../../shared/spreadsheet.js';

const sexKeys = ['female', 'male', 'other', 'unknown'] as const;

/** "Participations: Female" and the like: a measure's total and its split by sex. */
function measureHeadings(lang: LabelLanguage, measure: string): string[] {
  const text = exportText[lang];
  return [`${measure}: ${text.total}`, ...sexKeys.map((sex) => `${measure}: ${codeLabels[lang].sex[sex]}`)];
}
const counts = (c: SexCounts): Cell[] => [c.total, c.female, c.male, c.other, c.unknown];

/** "2026-Q4" → "Q4 2026" / "چوتھی سہ ماہی 2026", as the web's chart says it. */
export function quarterName(text: ExportText, quarter: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) return quarter;
  const template = { '1': text.quarter1, '2': text.quarter2, '3': text.quarter3, '4': text.quarter4 }[match[2] as '1' | '2' | '3' | '4'];
  return template.replace('{{year}}', match[1] ?? '');
}

/** The filters of a report query that were given, each with its label and its value's label. */
export function reportFilters(
  lang: LabelLanguage,
  query: Omit<ProgrammeReportQuery, 'from' | 'to' | 'status'>,
  programmeName: string | null,
): Array<[string, Cell]> {
  const text = exportText[lang];
  const filters: Array<[string, Cell]> = [];
  if (query.programmeId) filters.push([text.programme, programmeName ?? query.programmeId]);
  if (query.province) filters.push([text.province, provinceName(lang, query.province)]);
  if (query.type) filters.push([text.eventType, codeLabels[lang].eventType[query.type]]);
  if (query.topic) filters.push([text.topic, query.topic]);
  if (query.countryCode) filters.push([text.country, countryName(lang, query.countryCode)]);
  return filters;
}

/**
 * The programme report as a book: the about sheet (period, statuses counted, every filter, who and
 * when), then one sheet per breakdown, every code written as its label in the file's language.
 */
export function reportBook(
  report: ProgrammeReport,
  input: { lang: LabelLanguage; query: ProgrammeReportQuery; programmeName: string | null; madeBy: string; madeAt: Date },
): ExportBook {
  const { lang } = input;
  const text = exportText[lang];
  const labels = codeLabels[lang];
  const separator = lang === 'ur' ? '، ' : ', ';
  const parts = measureHeadings(lang, text.participations);
  const people = measureHeadings(lang, text.people);
  const notRecorded = text.notRecorded;
  const section = (title: string, header: string[], rows: Cell[][]): ExportSection => ({ title, header, rows, widths: [34, ...header.slice(1).map(() => 14)] });

  const about = aboutRows(text, {
    what: [
      [text.report, text.programmeReport],
      [text.period, `${report.from} – ${report.to}`],
      [text.statuses, report.statuses.map((s) => labels.eventStatus[s]).join(separator)],
    ],
    filters: reportFilters(lang, input.query, input.programmeName),
    madeBy: input.madeBy,
    madeAt: input.madeAt,
    notes: [text.peopleNote, text.districtNote, text.ageNote],
  });

  const sections: ExportSection[] = [
    section(
      text.total,
      [text.group, text.events, ...parts, ...people],
      [[text.total, report.events, ...counts(report.participations), ...counts(report.people)]],
    ),
    section(
      text.byOrganizationType,
      [text.group, ...parts, ...people],
      report.byOrganizationType.map((r) => [r.type ? labels.organizationType[r.type] : notRecorded, ...counts(r.participations), ...counts(r.people)]),
    ),
    section(
      text.byOrganization,
      [text.group, text.type, ...parts, ...people],
      report.byOrganization.map((r) => [
        r.hidden ? text.hiddenOrganization : r.name ? (r.acronym ? `${r.name} (${r.acronym})` : r.name) : notRecorded,
        r.type ? labels.organizationType[r.type] : null,
        ...counts(r.participations),
        ...counts(r.people),
      ]),
    ),
    section(
      text.byProvince,
      [text.group, text.events, ...parts, ...people],
      report.byProvince.map((r) => [r.province ? provinceName(lang, r.province) : notRecorded, r.events, ...counts(r.participations), ...counts(r.people)]),
    ),
    section(
      text.byDistrict,
      [text.group, ...parts, ...people],
      report.byDistrict.map((r) => [r.hidden ? text.hiddenOrganization : (r.district ?? notRecorded), ...counts(r.participations), ...counts(r.people)]),
    ),
    section(
      text.byAgeBand,
      [text.group, ...parts, ...people],
      report.byAgeBand.map((r) => [r.band ? labels.ageBand[r.band] : notRecorded, ...counts(r.participations), ...counts(r.people)]),
    ),
    section(
      text.byEventType,
      [text.group, text.events, ...parts],
      report.byEventType.map((r) => [labels.eventType[r.type], r.events, ...counts(r.participations)]),
    ),
    section(
      text.byQuarter,
      [text.group, text.events, ...parts],
      report.byQuarter.map((r) => [quarterName(text, r.quarter), r.events, ...counts(r.participations)]),
    ),
  ];
  return { lang, about, sections };
}
