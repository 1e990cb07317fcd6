import { donorReportText, type DonorReport, type LabelLanguage, type SexCounts } from '@hifazat/contract';
import PDFDocument from 'pdfkit';
import { hasArabicScript, pdfFonts, visualPieces, type PdfFontName } from '../certificates/index.js';
import { CHART_COLOURS, narrativeOf } from './donor-report.export.js';
import { periodLabel } from './donor-report.narrative.js';

/**
 * The donor report as a PDF (A4 portrait), in English or Urdu, drawn with pdfkit as the certificates
 * are: Noto Sans and Noto Nastaliq Urdu (parsed once per process, shared with the certificates), each
 * line laid out in display order by the bidi algorithm (certificate.bidi.ts) and tagged with its text
 * in reading order (/ActualText), so that the PDF's text can be searched and copied. Urdu pages run
 * right to left: the table's columns, the charts' labels and the text start at the right.
 *
 * Charts are vector drawings: target and actual per indicator (each on its own scale, the figures
 * written beside the bars) and the split by sex of the indicators that count people.
 */

// The charts' colours are the workbook's (donor-report.export.ts).
const hex = (colour: string) => `#${colour.toLowerCase()}`;
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const INK = '#1f2a37';
const ACCENT = hex(CHART_COLOURS.actual);
const MUTED = '#4b5563';
const RULE = '#d1d5db';
const TARGET = hex(CHART_COLOURS.target);
const SEX_COLOURS = {
  female: hex(CHART_COLOURS.sex.female),
  male: hex(CHART_COLOURS.sex.male),
  other: hex(CHART_COLOURS.sex.other),
  unknown: hex(CHART_COLOURS.sex.unknown),
} as const;
/** Nastaliq looks smaller than Latin at the same size and stands taller (as on the certificates). */
const URDU_SCALE = 1.12;

type Style = { size: number; bold?: boolean; color?: string };
type Align = 'start' | 'end' | 'centre';

class Canvas {
  readonly rtl: boolean;
  y = MARGIN;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly lang: LabelLanguage,
  ) {
    this.rtl = lang === 'ur';
  }

  private useFont(script: 'arabic' | 'latin', style: Style): void {
    const name: PdfFontName = script === 'arabic' ? (style.bold ? 'urduBold' : 'urdu') : style.bold ? 'latinBold' : 'latin';
    this.doc.font(name).fontSize(script === 'arabic' ? style.size * URDU_SCALE : style.size);
  }

  private measured(text: string, style: Style) {
    const pieces = visualPieces(text, this.rtl ? 'rtl' : 'ltr').map((piece) => {
      this.useFont(piece.script, style);
      const visible = piece.text.replace(/[\u2066-\u2069\u200e\u200f\u202a-\u202e]/g, '');
      // The fonts skip Noto Nastaliq's NULL mark anchors (shared/font-null-anchors.ts), so "شہباز" lays out.
      return { ...piece, text: visible, width: visible === '' ? 0 : this.doc.widthOfString(visible) };
    });
    return { pieces, width: pieces.reduce((sum, p) => sum + p.width, 0) };
  }

  width(text: string, style: Style): number {
    return this.measured(text, style).width;
  }

  /** The height a line of this text takes (Nastaliq stands much taller and deeper than Latin). */
  lineHeight(text: string, style: Style): number {
    return hasArabicScript(text) ? style.size * URDU_SCALE * 2.1 : style.size * 1.45;
  }

  /**
   * One line with its baseline at y, in the box [left, right]: `start` is the reading start (the left
   * in English, the right in Urdu).
   */
  line(text: string, y: number, style: Style, box: { left: number; right: number }, align: Align = 'start'): void {
    if (text === '') return;
    const { pieces, width } = this.measured(text, style);
    const startsLeft = (align === 'start' && !this.rtl) || (align === 'end' && this.rtl);
    let x = align === 'centre' ? (box.left + box.right - width) / 2 : startsLeft ? box.left : box.right - width;
    this.doc.fillColor(style.color ?? INK);
    const clean = text.replace(/[\u2066-\u2069]/g, '');
    this.doc.markContent('Span', { actual: clean, lang: hasArabicScript(clean) ? 'ur' : 'en' });
    for (const piece of pieces) {
      if (!piece.space && piece.text !== '') {
        this.useFont(piece.script, style);
        this.doc.text(piece.text, x, y, { lineBreak: false, baseline: 'alphabetic' });
      }
      x += piece.width;
    }
    this.doc.endMarkedContent();
  }

  /** Words into lines of at most `width`, in reading order. */
  wrap(text: string, style: Style, width: number): string[] {
    const lines: string[] = [];
    for (const word of text.split(/\s+/).filter((w) => w !== '')) {
      const last = lines[lines.length - 1];
      if (last !== undefined && this.width(`${last} ${word}`, style) <= width) lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
    }
    return lines;
  }

  /** Room for `height` more on this page, or a new page. */
  need(height: number): void {
    if (this.y + height > PAGE.height - MARGIN - 20) {
      this.doc.addPage();
      this.y = MARGIN;
    }
  }

  /** A paragraph across the page, line by line (pages turn as needed). */
  paragraph(text: string, style: Style, box = { left: MARGIN, right: PAGE.width - MARGIN }): void {
    for (const line of this.wrap(text, style, box.right - box.left)) {
      const h = this.lineHeight(line, style);
      this.need(h);
      this.y += h;
      this.line(line, this.y - h * 0.3, style, box);
    }
  }

  heading(text: string): void {
    const style = { size: 14, bold: true, color: ACCENT };
    const h = this.lineHeight(text, style) + 8;
    this.need(h + 40);
    this.y += h;
    this.line(text, this.y - 8, style, { left: MARGIN, right: PAGE.width - MARGIN });
    this.doc
      .moveTo(MARGIN, this.y - 2)
      .lineTo(PAGE.width - MARGIN, this.y - 2)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke();
    this.y += 6;
  }

  /** An x range measured from the reading start: [from, to] points from the left (English) or right (Urdu) margin. */
  span(from: number, to: number): { left: number; right: number } {
    return this.rtl ? { left: PAGE.width - MARGIN - to, right: PAGE.width - MARGIN - from } : { left: MARGIN + from, right: MARGIN + to };
  }
}

// An isolate keeps dates and times in one left-to-right piece inside an Urdu line (UAX #9).
const ltr = (text: string) => `\u2066${text}\u2069`;

const numberFormat = (lang: LabelLanguage) => new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ur-PK', { maximumFractionDigits: 3 });

function drawTable(c: Canvas, report: DonorReport, words: (typeof donorReportText)[LabelLanguage]): void {
  const fmt = numberFormat(c.lang).format;
  const n = (v: number | null) => (v === null ? '—' : fmt(v));
  const width = PAGE.width - 2 * MARGIN;
  // Columns from the reading start: code, indicator, baseline, target, actual, %, female, male.
  const widths = [40, width - 40 - 6 * 52, 52, 52, 52, 52, 52, 52];
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((s, w) => s + w, 0));
  const head = { size: 8, bold: true, color: MUTED };
  const body = { size: 9 };
  const headers = [words.code, words.indicator, words.baseline, words.target, words.actual, words.achieved, words.female, words.male];
  const headHeight = Math.max(...headers.map((h) => c.lineHeight(h, head))) + 4;
  const drawHead = () => {
    c.need(headHeight + 30);
    c.y += headHeight;
    headers.forEach((h, i) =>
      c.line(h, c.y - 6, head, c.span(starts[i] as number, (starts[i] as number) + (widths[i] as number) - 4), i < 2 ? 'start' : 'end'),
    );
    c.doc
      .moveTo(MARGIN, c.y)
      .lineTo(PAGE.width - MARGIN, c.y)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
  };
  drawHead();
  if (report.rows.length === 0) {
    c.paragraph(words.noIndicators, { size: 10, color: MUTED });
    return;
  }
  for (const row of report.rows) {
    const name = c.lang === 'en' ? row.name.en : row.name.ur;
    const nameLines = c.wrap(name, body, (widths[1] as number) - 8).slice(0, 3);
    const lineH = Math.max(...nameLines.map((l) => c.lineHeight(l, body)), c.lineHeight('0', body));
    const changed = row.now !== null && row.actual !== null ? words.reportedNow(fmt(row.actual), fmt(row.now)) : null;
    const rowHeight = nameLines.length * lineH + (changed ? c.lineHeight(changed, { size: 7.5 }) : 0) + 6;
    if (c.y + rowHeight > PAGE.height - MARGIN - 20) {
      c.doc.addPage();
      c.y = MARGIN;
      drawHead();
    }
    const top = c.y;
    const first = top + lineH - lineH * 0.3 + 2;
    const cells = [
      row.code,
      null,
      n(row.baseline),
      n(row.target),
      n(row.actual),
      row.percentAchieved === null ? '—' : `${fmt(row.percentAchieved)}%`,
      n(row.bySex?.female ?? null),
      n(row.bySex?.male ?? null),
    ];
    cells.forEach((cell, i) => {
      if (cell !== null)
        c.line(
          cell,
          first,
          { ...body, bold: i === 4 },
          c.span(starts[i] as number, (starts[i] as number) + (widths[i] as number) - 4),
          i < 2 ? 'start' : 'end',
        );
    });
    nameLines.forEach((l, k) => c.line(l, first + k * lineH, body, c.span(starts[1] as number, (starts[1] as number) + (widths[1] as number) - 8)));
    if (changed)
      c.line(
        changed,
        top + nameLines.length * lineH + c.lineHeight(changed, { size: 7.5 }) - 2,
        { size: 7.5, color: '#b45309' },
        c.span(starts[1] as number, width),
      );
    c.y = top + rowHeight;
    c.doc
      .moveTo(MARGIN, c.y)
      .lineTo(PAGE.width - MARGIN, c.y)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
  }
  c.y += 6;
}

/** Target and actual of each indicator with a target: two bars on the row's own scale, the figures beside them. */
function drawTargetChart(c: Canvas, report: DonorReport, words: (typeof donorReportText)[LabelLanguage]): void {
  const rows = report.rows.filter((r) => r.target !== null || r.actual !== null);
  if (rows.length === 0) return;
  const fmt = numberFormat(c.lang).format;
  c.heading(words.targetVsActual);
  const labelW = 70;
  const plotW = PAGE.width - 2 * MARGIN - labelW - 60;
  const legend = { size: 8, color: MUTED };
  // Legend
  c.need(20);
  c.y += 14;
  let at = 0;
  for (const [label, colour] of [
    [words.target, TARGET],
    [words.actual, ACCENT],
  ] as const) {
    const box = c.span(at, at + 10);
    c.doc.rect(box.left, c.y - 8, 10, 8).fill(colour);
    c.line(label, c.y - 1, legend, c.span(at + 14, at + 90));
    at += 90;
  }
  c.y += 6;
  for (const row of rows) {
    const rowH = 30;
    c.need(rowH);
    const max = Math.max(row.target ?? 0, row.actual ?? 0, 1e-9);
    const labelLines = c.wrap(row.code, { size: 9, bold: true }, labelW - 6);
    c.line(labelLines[0] ?? '', c.y + 17, { size: 9, bold: true }, c.span(0, labelW - 6));
    const bars: Array<[number | null, string]> = [
      [row.target, TARGET],
      [row.actual, ACCENT],
    ];
    bars.forEach(([value, colour], k) => {
      const top = c.y + 4 + k * 12;
      const w = value === null ? 0 : Math.max(1, (value / max) * plotW);
      const box = c.span(labelW, labelW + w);
      if (value !== null) c.doc.rect(box.left, top, box.right - box.left, 10).fill(colour);
      c.line(value === null ? '—' : fmt(value), top + 8.5, { size: 8, color: MUTED }, c.span(labelW + w + 4, labelW + w + 60));
    });
    c.y += rowH;
  }
  c.y += 6;
}

/** Each indicator that counts people: one bar split by sex, with the counts in the legend's colours. */
function drawSexChart(c: Canvas, report: DonorReport, words: (typeof donorReportText)[LabelLanguage]): void {
  const rows = report.rows.filter((r): r is typeof r & { bySex: SexCounts } => r.bySex !== null && r.bySex.total > 0);
  if (rows.length === 0) return;
  const fmt = numberFormat(c.lang).format;
  c.heading(words.bySex);
  const labelW = 70;
  const plotW = PAGE.width - 2 * MARGIN - labelW;
  const names: Record<keyof typeof SEX_COLOURS, string> =
    c.lang === 'en'
      ? { female: 'Female', male: 'Male', other: 'Other', unknown: 'Not recorded' }
      : { female: 'خواتین', male: 'مرد', other: 'دیگر', unknown: 'غیر درج شدہ' };
  c.need(24);
  c.y += 16;
  let at = 0;
  for (const key of Object.keys(SEX_COLOURS) as Array<keyof typeof SEX_COLOURS>) {
    const box = c.span(at, at + 10);
    c.doc.rect(box.left, c.y - 8, 10, 8).fill(SEX_COLOURS[key]);
    c.line(names[key], c.y - 1, { size: 8, color: MUTED }, c.span(at + 14, at + 100));
    at += 100;
  }
  c.y += 8;
  for (const row of rows) {
    c.need(26);
    c.line(row.code, c.y + 12, { size: 9, bold: true }, c.span(0, labelW - 6));
    let from = labelW;
    for (const key of Object.keys(SEX_COLOURS) as Array<keyof typeof SEX_COLOURS>) {
      const n = row.bySex[key];
      if (n === 0) continue;
      const w = (n / row.bySex.total) * plotW;
      const box = c.span(from, from + w);
      c.doc.rect(box.left, c.y + 2, box.right - box.left, 14).fill(SEX_COLOURS[key]);
      const label = fmt(n);
      if (c.width(label, { size: 8 }) + 6 < w) c.line(label, c.y + 12.5, { size: 8, color: '#ffffff' }, box, 'centre');
      from += w;
    }
    c.y += 24;
  }
  c.y += 4;
}

/** Renders the donor report; the promise gives the PDF's bytes. */
export function renderDonorReportPdf(report: DonorReport, input: { lang: LabelLanguage; madeBy: string; madeAt: Date }): Promise<Buffer> {
  const { lang } = input;
  const words = donorReportText[lang];
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    font: fonts.latin as unknown as string,
    lang,
    displayTitle: true,
    info: { Title: `${words.title}: ${report.programme.name} ${report.period}`, Author: report.programme.name, Creator: 'Hifazat', CreationDate: input.madeAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // @types/pdfkit lists only files and bytes as font sources; pdfkit also takes a fontkit font.
  for (const name of Object.keys(fonts) as PdfFontName[]) doc.registerFont(name, fonts[name] as unknown as Buffer);

  const c = new Canvas(doc, lang);
  const full = { left: MARGIN, right: PAGE.width - MARGIN };
  // The head: what, whose, which period, whether locked.
  c.doc.rect(0, 0, PAGE.width, 6).fill(ACCENT);
  c.y = MARGIN - 8;
  c.paragraph(words.title, { size: 22, bold: true, color: ACCENT }, full);
  c.paragraph(report.programme.name, { size: 14, bold: true }, full);
  const donor = report.programme.donor ? ` · ${words.donor}: ${report.programme.donor}` : '';
  c.paragraph(`${periodLabel(lang, report.period)} (${ltr(`${report.from} – ${report.to}`)})${donor}`, { size: 10, color: MUTED }, full);
  c.paragraph(
    report.locked && report.lockedAt ? words.locked(report.lockedAt.slice(0, 10)) : words.open,
    { size: 9, color: report.locked ? ACCENT : '#b45309' },
    full,
  );
  c.y += 4;

  c.heading(words.highlights);
  for (const h of report.highlights[lang]) c.paragraph(`•  ${h}`, { size: 10 }, full);
  c.y += 4;

  c.heading(words.indicators);
  drawTable(c, report, words);
  drawTargetChart(c, report, words);
  drawSexChart(c, report, words);

  c.heading(words.narrative);
  for (const p of narrativeOf(report, lang).split(/\n\s*\n/)) {
    c.paragraph(p.trim(), { size: 10.5 }, full);
    c.y += 6;
  }

  // The foot of every page: the page number, and when and by whom it was made.
  const range = doc.bufferedPageRange();
  const made = `${ltr(`${input.madeAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`)} · ${input.madeBy}`;
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    c.line(words.page(i + 1, range.count), PAGE.height - 24, { size: 8, color: MUTED }, full, 'end');
    c.line(made, PAGE.height - 24, { size: 8, color: MUTED }, full, 'start');
  }
  doc.end();
  return done;
}
