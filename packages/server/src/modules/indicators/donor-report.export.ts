import {
  codeLabels,
  donorReportText,
  exportText,
  indicatorUnits,
  type DonorReport,
  type DonorReportRow,
  type IndicatorUnit,
  type LabelLanguage,
  type SexCounts,
} from '@hifazat/contract';
import { aboutRows, bookXlsx, sheetName, type ExportBook, type ExportFile, type ExportSection } from '../../shared/export-book.js';
import { neutralizeFormula, type Cell } from '../../shared/spreadsheet.js';
import { addBarCharts, rangeRef, type BarChart, type BarSeries } from '../../shared/xlsx-charts.js';
import { periodLabel } from './donor-report.narrative.js';

/** The charts' colours, the PDF's and the workbook's alike (hex, without "#"). */
export const CHART_COLOURS = {
  target: '9CA3AF',
  actual: '0B6E69',
  sex: { female: 'B4427A', male: '2F6FB0', other: 'C58B1C', unknown: '9CA3AF' },
} as const;

/** The narrative to print: as saved after editing, or as drafted. */
export const narrativeOf = (report: DonorReport, lang: LabelLanguage) => {
  const saved = report.narrative.saved?.[lang];
  return saved && saved.trim() !== '' ? saved : report.narrative.drafted[lang];
};

/**
 * The donor report as a book (shared/export-book.ts): the about sheet (programme, donor, period,
 * locked or not, who and when), then the indicators, the highlights and the narrative, in the
 * file's language.
 */
export function donorReportBook(report: DonorReport, input: Input): ExportBook {
  const { lang } = input;
  const text = exportText[lang];
  const words = donorReportText[lang];
  const about = aboutRows(text, {
    what: [
      [text.report, words.title],
      [text.programme, report.programme.name],
      [words.donor, report.programme.donor ?? text.none],
      [text.period, `${periodLabel(lang, report.period)} (${report.from} – ${report.to})`],
      ['', report.locked && report.lockedAt ? words.locked(report.lockedAt.slice(0, 10)) : words.open],
    ],
    filters: [],
    madeBy: input.madeBy,
    madeAt: input.madeAt,
  });
  const indicatorRows: Cell[][] = report.rows.map((r) => [
    r.code,
    lang === 'en' ? r.name.en : r.name.ur,
    r.resultCode,
    r.unit,
    r.baseline,
    r.target,
    r.actual,
    r.now,
    r.difference,
    r.percentAchieved,
    r.bySex?.female ?? null,
    r.bySex?.male ?? null,
  ]);
  return {
    lang,
    about,
    sections: [
      {
        title: words.indicators,
        header: [
          words.code,
          words.indicator,
          words.result,
          words.unit,
          words.baseline,
          words.target,
          words.actual,
          words.now,
          words.difference,
          words.achieved,
          words.female,
          words.male,
        ],
        rows: indicatorRows,
        widths: [10, 48, 10, 12, 11, 11, 11, 11, 11, 12, 10, 10],
      },
      { title: words.highlights, header: [words.highlights], rows: report.highlights[lang].map((h) => [h]), widths: [100] },
      {
        title: words.narrative,
        header: [words.narrative],
        rows: narrativeOf(report, lang)
          .split(/\n\s*\n/)
          .map((p) => [p.trim()]),
        widths: [120],
      },
    ],
  };
}

type Input = { lang: LabelLanguage; madeBy: string; madeAt: Date };
type Rows = { rows: Cell[][]; strong: number[]; breaks: number[] };
const SEXES = ['female', 'male', 'other', 'unknown'] as const;

/** Where the charts start, beside the tables (column G), and how many columns wide they are. */
const CHART_COL = 6;
const CHART_WIDTH = 9;
/**
 * Rows a printed page holds at least (landscape, one page wide: Excel prints about 36 of them,
 * LibreOffice more); a table and its chart that would cross the foot of a page start the next one.
 */
const PAGE_ROWS = 34;

/**
 * The sheet of charts: its rows (a table per chart, each headed by the chart's title) and the charts
 * drawn beside them, each reading its table's cells. Target and actual get a chart per unit (people
 * and per cent on one axis would hide one of them, as the PDF draws each row on its own scale); the
 * split by sex is one chart of the indicators that count people, each bar a whole. Null when no
 * indicator has a figure to draw.
 */
export function donorReportCharts(report: DonorReport, lang: LabelLanguage): { section: ExportSection; charts: BarChart[] } | null {
  const words = donorReportText[lang];
  const sheet = sheetName(words.charts);
  const rtl = lang === 'ur';
  const body: Rows = { rows: [[]], strong: [], breaks: [] };
  // Rows on the page being filled: the heading and the empty row under it.
  let onPage = 2;
  // Section rows start on the sheet's second row (the first is the heading), so row i of the section is sheet row i + 1.
  const sheetRow = (i: number) => i + 1;
  const charts: BarChart[] = [];

  type Figures = { code: string; figures: Array<number | null> };
  const block = (title: string, header: string[], rows: Figures[], colours: string[], grouping: BarChart['grouping'], barsPerRow: number) => {
    const top = body.rows.length;
    const height = Math.max(12, 5 + Math.ceil(rows.length * barsPerRow * 1.2));
    const span = Math.max(rows.length + 2, height);
    if (onPage + span > PAGE_ROWS && onPage > 2) {
      body.breaks.push(top);
      onPage = 0;
    }
    onPage += span + 2;
    body.rows.push([title], header, ...rows.map((r) => [r.code, ...r.figures]));
    body.strong.push(top, top + 1);
    const first = sheetRow(top + 2);
    const last = first + rows.length - 1;
    const series: BarSeries[] = colours.map((colour, k) => ({
      name: { ref: rangeRef(sheet, { col: k + 1, row: sheetRow(top + 1) }), values: [header[k + 1] ?? ''] },
      values: { ref: rangeRef(sheet, { col: k + 1, row: first }, { col: k + 1, row: last }), values: rows.map((r) => r.figures[k] ?? null) },
      colour,
    }));
    charts.push({
      sheetName: sheet,
      title,
      categories: { ref: rangeRef(sheet, { col: 0, row: first }, { col: 0, row: last }), values: rows.map((r) => String(neutralizeFormula(r.code))) },
      series,
      anchor: { fromCol: CHART_COL, fromRow: sheetRow(top), toCol: CHART_COL + CHART_WIDTH, toRow: sheetRow(top) + height },
      grouping,
      rightToLeft: rtl,
      lang: lang === 'ur' ? 'ur-PK' : 'en-GB',
    });
    // The next table starts below this chart, or below this table if it is the taller.
    const next = top + span + 2;
    while (body.rows.length < next) body.rows.push([]);
  };

  const drawn = report.rows.filter((r) => r.target !== null || r.actual !== null);
  const units = [...new Set(drawn.map((r) => r.unit))];
  const unitName = (unit: string) => ((indicatorUnits as readonly string[]).includes(unit) ? words.units[unit as IndicatorUnit] : unit);
  for (const unit of units) {
    const rows = drawn.filter((r) => r.unit === unit).map((r) => ({ code: r.code, figures: [r.target, r.actual] }));
    const title = unit === '' ? words.targetVsActual : `${words.targetVsActual} (${unitName(unit)})`;
    block(title, [words.code, words.target, words.actual], rows, [CHART_COLOURS.target, CHART_COLOURS.actual], 'clustered', 2);
  }
  const bySex = report.rows.filter((r): r is DonorReportRow & { bySex: SexCounts } => r.bySex !== null && r.bySex.total > 0);
  if (bySex.length > 0) {
    // Female and male as the indicators sheet heads them; the others as the screen names them.
    const names = { ...codeLabels[lang].sex, female: words.female, male: words.male };
    block(
      words.bySex,
      [words.code, ...SEXES.map((s) => names[s])],
      bySex.map((r) => ({ code: r.code, figures: SEXES.map((s) => r.bySex[s]) })),
      SEXES.map((s) => CHART_COLOURS.sex[s]),
      'percentStacked',
      1,
    );
  }
  if (charts.length === 0) return null;
  while (body.rows.length > 0 && (body.rows[body.rows.length - 1] ?? []).length === 0) body.rows.pop();
  return {
    section: {
      title: words.charts,
      header: [words.chartsNote],
      rows: body.rows,
      widths: [14, 13, 13, 13, 14, 3],
      layout: { strongRows: body.strong, printWide: true, pageBreaksBefore: body.breaks },
    },
    charts,
  };
}

/**
 * The donor report's workbook: the book's sheets with the sheet of charts after the indicators,
 * the charts native to Excel (shared/xlsx-charts.ts), so that they can be restyled and follow the cells.
 */
export async function donorReportXlsx(report: DonorReport, input: Input, baseName: string): Promise<ExportFile> {
  const book = donorReportBook(report, input);
  const drawn = donorReportCharts(report, input.lang);
  const [indicators, ...rest] = book.sections;
  const sections = drawn && indicators ? [indicators, drawn.section, ...rest] : book.sections;
  const xlsx = await bookXlsx({ ...book, sections });
  return {
    body: drawn ? await addBarCharts(xlsx, drawn.charts) : xlsx,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${baseName}.xlsx`,
  };
}
