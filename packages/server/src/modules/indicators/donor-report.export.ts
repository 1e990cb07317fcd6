import { donorReportText, exportText, type DonorReport, type LabelLanguage } from '@hifazat/contract';
import { aboutRows, type ExportBook } from '../../shared/export-book.js';
import type { Cell } from '../../shared/spreadsheet.js';
import { periodLabel } from './donor-report.narrative.js';

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
export function donorReportBook(report: DonorReport, input: { lang: LabelLanguage; madeBy: string; madeAt: Date }): ExportBook {
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
