import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { skipNullAnchors } from '../../shared/font-null-anchors.js';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { writeZip, type ZipEntry } from '../../shared/zip.js';
import { hasArabicScript, visualPieces } from './certificate.bidi.js';
import type { CertificateClaims, CertificateKind } from './certificate.payload.js';

/**
 * A certificate as a PDF (A4 landscape), in English or Urdu, drawn with pdfkit. Urdu follows
 * reference/deps.md "Urdu PDF findings": TrueType fonts only (WOFF2 crashes pdfkit's subsetter), and
 * each line laid out by us in display order (certificate.bidi.ts), since pdfkit puts right-to-left
 * words in the wrong order. Every line also carries its text in reading order as /ActualText
 * (PDF 32000-1 §14.9.4): Nastaliq glyphs share shapes across letters, so text copied or searched from
 * the glyphs alone would be garbled.
 *
 * The fonts come from npm packages that ship TTF files (Google's Noto fonts, SIL Open Font License),
 * so `npm install` is all a machine needs: Noto Nastaliq Urdu for Urdu, Noto Sans for the rest.
 */
export type CertificateLanguage = 'en' | 'ur';

export type CertificatePdfInput = {
  language: CertificateLanguage;
  claims: CertificateClaims;
  /** The event's title as printed (the claims carry the one signed into the QR). */
  eventTitle?: string;
  place?: string;
  /** The issuing programme's name. */
  programme: string;
  /** The installation's public address: the PDF says "Verify at <verifyUrl>/verify/<number>". */
  verifyUrl: string;
  /** The exact text of the QR code (encodeCertificateQr). */
  qrText: string;
  /** PNG or JPEG images of the programme's and partners' logos, left to right (at most 4 are shown). */
  logos?: readonly Buffer[];
};

const require = createRequire(import.meta.url);
const FONT_FILES = {
  latin: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  latinBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  urdu: '@expo-google-fonts/noto-nastaliq-urdu/400Regular/NotoNastaliqUrdu_400Regular.ttf',
  urduBold: '@expo-google-fonts/noto-nastaliq-urdu/700Bold/NotoNastaliqUrdu_700Bold.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
type Run = { glyphs: fontkit.Glyph[]; positions: Position[]; advanceWidth: number };
type Features = Parameters<fontkit.Font['layout']>[1];
const SHARED_RUNS = 4000;

/**
 * The font with its text layouts shared between documents: shaping Nastaliq (its contextual
 * substitution and positioning lookups) is most of a certificate's cost, and most words recur on
 * every certificate. pdfkit scales the positions of each run it gets in place, so each caller gets a
 * fresh copy of the positions; the glyphs are read only.
 */
function withSharedLayouts(font: fontkit.Font): fontkit.Font {
  const runs = new Map<string, Run>();
  const layout = (text: string, features?: Features): Run => {
    const key = features === undefined ? text : `${text}\u0000${JSON.stringify(features)}`;
    let run = runs.get(key);
    if (!run) {
      run = font.layout(text, features);
      if (runs.size >= SHARED_RUNS) runs.clear();
      runs.set(key, run);
    }
    const positions = run.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset }));
    return {
      glyphs: run.glyphs.slice(),
      positions,
      get advanceWidth() {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
  return new Proxy(font, { get: (target, property) => (property === 'layout' ? layout : Reflect.get(target, property, target)) });
}

export type PdfFontName = FontName;
let fontCache: Record<FontName, fontkit.Font> | null = null;
/**
 * Parsed once per process and handed to every document (pdfkit takes a fontkit font as a font
 * source), each of which embeds the subset it uses. Parsing Noto Nastaliq Urdu's large shaping
 * tables anew for each document made a certificate cost about a third of a second.
 */
export function fonts(): Record<FontName, fontkit.Font> {
  fontCache ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => [
      name,
      withSharedLayouts(skipNullAnchors(fontkit.create(fs.readFileSync(require.resolve(file))) as fontkit.Font)),
    ]),
  ) as Record<FontName, fontkit.Font>;
  return fontCache;
}

type Labels = {
  title: Record<CertificateKind, string>;
  certify: string;
  completed: Record<CertificateKind, string>;
  number: (n: string) => string;
  issued: (programme: string, date: string) => string;
  verify: (url: string) => string;
  locale: string;
};

// Isolates (U+2066 … U+2069) keep a URL or number in one piece inside an Urdu sentence (UAX #9).
const ltr = (text: string) => `\u2066${text}\u2069`;
// A name or place given by the user keeps its own direction whatever surrounds it (first strong isolate).
const isolate = (text: string) => `\u2068${text}\u2069`;

const LABELS: Record<CertificateLanguage, Labels> = {
  en: {
    title: { training: 'Training certificate', participation: 'Certificate of participation' },
    certify: 'This is to certify that',
    completed: { training: 'has successfully completed the training', participation: 'has participated in' },
    number: (n) => `Certificate No. ${n}`,
    issued: (programme, date) => `Issued by ${programme} on ${date}`,
    verify: (url) => `Verify at ${url}`,
    locale: 'en-GB',
  },
  ur: {
    title: { training: 'تربیتی سرٹیفکیٹ', participation: 'سرٹیفکیٹ برائے شرکت' },
    certify: 'تصدیق کی جاتی ہے کہ',
    completed: { training: 'نے درج ذیل تربیت کامیابی سے مکمل کی', participation: 'نے درج ذیل تقریب میں شرکت کی' },
    number: (n) => `سرٹیفکیٹ نمبر: ${ltr(n)}`,
    issued: (programme, date) => `${programme} کی جانب سے ${date} کو جاری کیا گیا`,
    verify: (url) => `تصدیق کے لیے دیکھیں: ${ltr(url)}`,
    locale: 'ur-PK',
  },
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** Making an Intl.DateTimeFormat costs more than a page of text: one per locale. */
function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return format;
}

function formatDate(date: string, locale: string): string {
  return dateFormat(locale).format(new Date(`${date}T00:00:00Z`));
}

function formatPeriod(start: string, end: string, locale: string): string {
  const format = dateFormat(locale);
  return start === end ? format.format(new Date(`${start}T00:00:00Z`)) : format.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`));
}

/** The document information entry that holds the QR's text. */
export const PDF_QR_INFO_KEY = 'HifazatCertificate';

/**
 * The QR text a certificate PDF of ours carries in its document information, or null. Content
 * streams are compressed, so the only plain "(HZC1:…)" string is that entry; the base45 alphabet has
 * no character a PDF string would escape.
 */
export function qrTextFromPdf(pdf: Buffer): string | null {
  const found = new Set([...pdf.toString('latin1').matchAll(/\((HZC1:[0-9A-Z $%*+\-./:]+)\)/g)].map((m) => m[1] as string));
  return found.size === 1 ? ([...found][0] as string) : null;
}

/** The web address a certificate's verification page has. */
export function certificateVerifyAddress(verifyUrl: string, number: string): string {
  return `${verifyUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(number)}`;
}

const PAGE = { width: 841.89, height: 595.28 };
const INK = '#1f2a37';
const ACCENT = '#0b6e69';
const MUTED = '#4b5563';
/** Nastaliq looks smaller than Latin at the same size and stands taller: drawn larger, lines further apart. */
const URDU_SCALE = 1.12;

type Style = { size: number; bold?: boolean; color?: string };

class CertificateCanvas {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly direction: 'ltr' | 'rtl',
  ) {}

  private useFont(script: 'arabic' | 'latin', style: Style): void {
    const name: FontName = script === 'arabic' ? (style.bold ? 'urduBold' : 'urdu') : style.bold ? 'latinBold' : 'latin';
    this.doc.font(name).fontSize(script === 'arabic' ? style.size * URDU_SCALE : style.size);
  }

  private measured(text: string, style: Style) {
    const clean = text.replace(/[\u2066-\u2069]/g, '');
    const pieces = visualPieces(text, this.direction).map((piece) => {
      this.useFont(piece.script, style);
      const visible = piece.text.replace(/[\u2066-\u2069\u200e\u200f\u202a-\u202e]/g, '');
      return { ...piece, text: visible, width: visible === '' ? 0 : this.doc.widthOfString(visible) };
    });
    return { clean, pieces, width: pieces.reduce((sum, p) => sum + p.width, 0) };
  }

  width(text: string, style: Style): number {
    return this.measured(text, style).width;
  }

  /** One line at baseline y, centred on `centre` (or from `left`, or ending at `right`). */
  line(text: string, y: number, style: Style, at: { centre: number } | { left: number } | { right: number }): void {
    const { clean, pieces, width } = this.measured(text, style);
    let x = 'centre' in at ? at.centre - width / 2 : 'left' in at ? at.left : at.right - width;
    this.doc.fillColor(style.color ?? INK);
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

  /**
   * Breaks text into at most `maxLines` lines of at most `maxWidth`, in reading order (each line is
   * reordered for display on its own), shrinking the size down to `minSize` when it does not fit.
   */
  fit(text: string, style: Style, maxWidth: number, maxLines: number, minSize: number): { lines: string[]; style: Style } {
    for (let size = style.size; ; size = Math.max(minSize, size * 0.92)) {
      const sized = { ...style, size };
      const words = text.split(/\s+/).filter((w) => w !== '');
      let lines: string[] = [];
      for (const word of words) {
        const last = lines[lines.length - 1];
        if (last !== undefined && this.width(`${last} ${word}`, sized) <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
        else lines.push(word);
      }
      // Two lines of about equal width read better than a full line and one stray word.
      if (lines.length === 2) {
        let best = lines;
        let bestWidth = Number.POSITIVE_INFINITY;
        for (let cut = 1; cut < words.length; cut += 1) {
          const pair = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
          const widest = Math.max(...pair.map((l) => this.width(l, sized)));
          if (widest < bestWidth) [best, bestWidth] = [pair, widest];
        }
        lines = best;
      }
      const fits = lines.length <= maxLines && lines.every((l) => this.width(l, sized) <= maxWidth);
      if (fits) return { lines, style: sized };
      if (size === minSize) {
        // Still too long at the smallest size: the last line keeps the rest, scaled to the width.
        const kept = [...lines.slice(0, maxLines - 1), lines.slice(maxLines - 1).join(' ')];
        const widest = Math.max(...kept.map((l) => this.width(l, sized)));
        return { lines: kept, style: { ...sized, size: widest > maxWidth ? (size * maxWidth) / widest : size } };
      }
    }
  }
}

/** The QR code as vector squares (sharp at any printer resolution), `size` points wide. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  // A certificate text is all QR-alphanumeric: say so, rather than have qrcode search for the best
  // mix of modes (a shortest-path search that cost more than the rest of the code).
  const segments = /^[0-9A-Z $%*+\-./:]+$/.test(text) ? [{ data: text, mode: 'alphanumeric' as const }] : text;
  const qr = QRCode.create(segments, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  for (let row = 0; row < n; row += 1) {
    for (let col = 0; col < n; col += 1) {
      if (!qr.modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < n && qr.modules.get(row, end + 1)) end += 1;
      // A hair of overlap so that anti-aliasing leaves no seams between squares.
      doc.rect(x + col * cell, y + row * cell, (end - col + 1) * cell + 0.05, cell + 0.05);
      col = end;
    }
  }
  doc.fillColor('#000000').fill();
}

function drawFrame(doc: PDFKit.PDFDocument): void {
  doc
    .lineWidth(3)
    .strokeColor(ACCENT)
    .rect(18, 18, PAGE.width - 36, PAGE.height - 36)
    .stroke();
  doc
    .lineWidth(0.8)
    .strokeColor(ACCENT)
    .rect(26, 26, PAGE.width - 52, PAGE.height - 52)
    .stroke();
}

function drawLogos(doc: PDFKit.PDFDocument, logos: readonly Buffer[], top: number): boolean {
  const shown = logos.slice(0, 4);
  if (shown.length === 0) return false;
  const box = { width: 130, height: 58, gap: 24 };
  const total = shown.length * box.width + (shown.length - 1) * box.gap;
  shown.forEach((logo, i) => {
    doc.image(logo, PAGE.width / 2 - total / 2 + i * (box.width + box.gap), top, { fit: [box.width, box.height], align: 'center', valign: 'center' });
  });
  return true;
}

/** Renders one certificate; the promise gives the PDF's bytes. */
export function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const labels = LABELS[input.language];
  const { claims } = input;
  const eventTitle = input.eventTitle ?? claims.eventTitle;
  const title = labels.title[claims.kind];
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    // Our own Latin font from the start: pdfkit's default, Helvetica, is parsed from its metrics file per document.
    font: fonts().latin as unknown as string,
    lang: input.language,
    displayTitle: true,
    info: {
      Title: `${title}: ${claims.holderName}`,
      Author: input.programme,
      Subject: eventTitle,
      Creator: 'Hifazat',
      CreationDate: new Date(`${claims.issuedOn}T00:00:00Z`),
      // The QR's text in the document information too, so that `hifazat certificate verify` can
      // check a PDF file without a camera (pdfkit writes every info entry; the types list the usual ones).
      [PDF_QR_INFO_KEY]: input.qrText,
    } as PDFKit.DocumentInfo,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const font = fonts();
  // @types/pdfkit lists only files and bytes as font sources; pdfkit 0.20 also takes a fontkit font.
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, font[name] as unknown as Buffer);

  const rtl = input.language === 'ur';
  const canvas = new CertificateCanvas(doc, rtl ? 'rtl' : 'ltr');
  const centre = PAGE.width / 2;
  const textWidth = PAGE.width - 170;
  drawFrame(doc);

  // The body, top to bottom: each row's baseline goes at least `gap` below the one before, and
  // further when the letters need it: Nastaliq stands much taller and deeper than Latin (measured on
  // these lines with fontkit: up to about 1.7 em above the baseline and 0.45 em below, against
  // 0.75 and 0.25 em for Noto Sans). If the rows would reach the foot, all shrink alike.
  const hasLogos = drawLogos(doc, input.logos ?? [], 46);
  type Row = { text: string; style: Style; gap: number };
  const rows: Row[] = [];
  const reach = (row: Row) =>
    hasArabicScript(row.text)
      ? { up: 1.45 * row.style.size * URDU_SCALE, down: 0.45 * row.style.size * URDU_SCALE }
      : { up: 0.75 * row.style.size, down: 0.25 * row.style.size };
  const add = (text: string, style: Style, gap: number) => {
    const row = { text, style, gap };
    const before = rows[rows.length - 1];
    if (before) row.gap = Math.max(gap, reach(before).down + reach(row).up + 0.3 * style.size);
    rows.push(row);
  };
  if (hasLogos) add(input.programme, { size: 13, color: MUTED }, 20);
  // No logo: the programme's name stands in the logo's place.
  else add(input.programme, { size: 17, bold: true, color: ACCENT }, 20);
  add(title, { size: 34, bold: true, color: ACCENT }, 52);
  add(labels.certify, { size: 14, color: MUTED }, 40);
  const name = canvas.fit(claims.holderName, { size: 28, bold: true }, textWidth, 1, 16);
  add(name.lines[0] ?? '', name.style, 42);
  add(labels.completed[claims.kind], { size: 14, color: MUTED }, 34);
  const event = canvas.fit(eventTitle, { size: 21, bold: true }, textWidth, 2, 13);
  event.lines.forEach((line, i) => add(line, event.style, i === 0 ? 34 : event.style.size * 1.4));
  const when = formatPeriod(claims.startDate, claims.endDate, labels.locale);
  add(input.place ? `${when} · ${isolate(input.place)}` : when, { size: 13, color: MUTED }, 30);
  add(labels.issued(isolate(input.programme), formatDate(claims.issuedOn, labels.locale)), { size: 11, color: MUTED }, 24);
  const first = rows[0] as Row;
  first.gap = reach(first).up + (hasLogos ? 14 : 24);

  const qrSize = 96;
  const foot = PAGE.height - 44 - qrSize;
  const top = hasLogos ? 46 + 58 : 46;
  const needed = rows.reduce((sum, row) => sum + row.gap, 0);
  const room = foot - 12 - top;
  const shrink = needed > room ? room / needed : 1;
  // Room to spare goes partly above, so that a short certificate does not hang from the top.
  let y = top + Math.min(Math.max(0, (room - needed) / 2), 50);
  for (const row of rows) {
    y += row.gap * shrink;
    canvas.line(row.text, y, { ...row.style, size: row.style.size * Math.max(shrink, 0.8) }, { centre });
  }

  // The foot: the QR code in the corner where reading ends (right in English, left in Urdu), the
  // certificate's number and its verification address beside it.
  const qrX = rtl ? 48 : PAGE.width - 48 - qrSize;
  drawQr(doc, input.qrText, qrX, foot, qrSize);
  const besideQr = rtl ? { left: qrX + qrSize + 16 } : { right: qrX - 16 };
  canvas.line(labels.number(claims.number), foot + qrSize - 26, { size: 11, bold: true }, besideQr);
  canvas.line(labels.verify(certificateVerifyAddress(input.verifyUrl, claims.number)), foot + qrSize - 6, { size: 10, color: MUTED }, besideQr);
  doc.end();
  return done;
}

/** A file name from a certificate number: path separators and characters Windows refuses become "_". */
function fileNameOf(number: string): string {
  return number.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').replace(/^\.+/, '_') || '_';
}

/**
 * Renders many certificates into a zip, streamed as it goes (pipe it to a response or a file with
 * Readable.from): one PDF is in memory at a time, plus the zip's directory. Each PDF is named after
 * its certificate number, or `fileName` (without ".pdf"). `onProgress` hears the count after each
 * one. `render` draws each PDF (default renderCertificatePdf; the server's routes draw in a worker
 * thread, certificates.render.ts).
 */
export async function* renderCertificatesZip<I extends CertificatePdfInput>(
  inputs: AsyncIterable<I> | Iterable<I>,
  options: { onProgress?: (done: number) => void; modified?: Date; render?: (input: I) => Promise<Buffer>; fileName?: (input: I) => string } = {},
): AsyncGenerator<Buffer> {
  const taken = new Set<string>();
  const render = options.render ?? renderCertificatePdf;
  let done = 0;
  async function* entries(): AsyncGenerator<ZipEntry> {
    for await (const input of inputs) {
      const base = fileNameOf(options.fileName?.(input) ?? input.claims.number);
      let name = `${base}.pdf`;
      for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}.pdf`;
      taken.add(name);
      const data = await render(input);
      yield { name, data };
      options.onProgress?.((done += 1));
    }
  }
  yield* writeZip(entries(), options.modified);
}
