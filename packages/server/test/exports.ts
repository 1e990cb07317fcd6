import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export type ReadSection = { header: string[]; rows: string[][] };
/** A CSV export read back: its "about" lines as label → value, and each section by its title. */
export type ReadCsv = { title: string; about: Map<string, string>; notes: string[]; sections: Map<string, ReadSection>; lines: string[][] };

/**
 * Reads a sectioned CSV export as a spreadsheet would: a byte-order mark, the about block (title
 * line, then label,value lines, ended by an empty line), then sections (title, headings, rows, empty line).
 */
export function readCsvExport(body: Buffer): ReadCsv {
  if (!(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf)) throw new Error('no byte-order mark');
  const lines = parse(body.subarray(3).toString('utf8'), { relaxColumnCount: true, skipEmptyLines: false }) as string[][];
  const blocks: string[][][] = [[]];
  for (const line of lines) {
    if (line.length === 0 || (line.length === 1 && line[0] === '')) blocks.push([]);
    else blocks[blocks.length - 1]?.push(line);
  }
  const [aboutBlock = [], ...rest] = blocks.filter((b) => b.length > 0);
  const about = new Map<string, string>();
  const notes: string[] = [];
  for (const [label = '', value = ''] of aboutBlock.slice(1)) {
    if (label === '') notes.push(value);
    else about.set(label, value);
  }
  const sections = new Map<string, ReadSection>();
  for (const [title, header, ...rows] of rest) sections.set(title?.[0] ?? '', { header: header ?? [], rows });
  return { title: aboutBlock[0]?.[0] ?? '', about, notes, sections, lines };
}

export type ReadSheet = { name: string; rows: Array<Array<string | number | null>>; rightToLeft: boolean };

/** An XLSX export read back with exceljs: every sheet in order, each as rows of plain values. */
export async function readXlsxExport(body: Buffer): Promise<ReadSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: Array<Array<string | number | null>> = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      // exceljs leaves holes for empty cells: every cell up to the last is read, empty ones as null.
      const values = row.values as ExcelJS.CellValue[];
      rows.push(
        Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1]).map((v) => (typeof v === 'string' || typeof v === 'number' ? v : null)),
      );
    });
    return { name: sheet.name, rows, rightToLeft: sheet.views[0]?.rightToLeft ?? false };
  });
}

/** The about sheet of a workbook as label → value. */
export function aboutOf(sheet: ReadSheet | undefined): Map<string, string | number | null> {
  return new Map((sheet?.rows.slice(1) ?? []).filter((r) => r[0]).map((r) => [String(r[0]), r[1] ?? null]));
}

export type ReadChart = {
  /** The sheet it is drawn on, and the cells its frame spans (from, to: column and row counted from 0). */
  sheet: string;
  anchor: { fromCol: number; fromRow: number; toCol: number; toRow: number };
  part: string;
  title: string;
  grouping: string;
  /** The value axis's direction: maxMin when bars grow from the right. */
  valueOrientation: string;
  categories: { ref: string; values: string[] };
  series: Array<{ name: { ref: string; values: string[] }; values: { ref: string; values: Array<number | null> }; colour: string }>;
};

const unescapeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1] ?? '') : undefined;
};
const rels = (xml: string) =>
  new Map(
    [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id') ?? '', { type: attr(m[0], 'Type') ?? '', target: attr(m[0], 'Target') ?? '' }]),
  );
const resolve = (folder: string, target: string) => {
  const parts = folder.split('/').filter(Boolean);
  for (const piece of target.split('/'))
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  return parts.join('/');
};
const relsOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');
const folder = (part: string) => part.slice(0, part.lastIndexOf('/'));

/** A cache's points by index (a missing point is an empty cell). */
function cache<T>(xml: string, read: (v: string) => T): T[] {
  const count = Number(/<c:ptCount val="(\d+)"\/>/.exec(xml)?.[1] ?? 0);
  const values = Array.from({ length: count }, () => null as T | null);
  for (const m of xml.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)) values[Number(m[1])] = read(unescapeXml(m[2] ?? ''));
  return values as T[];
}
const strRef = (xml: string) => ({ ref: unescapeXml(/<c:f>([^<]*)<\/c:f>/.exec(xml)?.[1] ?? ''), values: cache(xml, (v) => v) });
const numRef = (xml: string) => ({ ref: unescapeXml(/<c:f>([^<]*)<\/c:f>/.exec(xml)?.[1] ?? ''), values: cache<number | null>(xml, Number) });

/**
 * The charts of an XLSX, found as a reader finds them: from the workbook's sheets through each
 * sheet's relationships to its drawing, and from the drawing's frames to their charts. Throws when a
 * relationship points at a missing part or a part has no content type.
 */
export async function readXlsxCharts(body: Buffer): Promise<ReadChart[]> {
  const zip = await JSZip.loadAsync(body);
  const read = async (part: string) => {
    const file = zip.file(part);
    if (!file) throw new Error(`missing part ${part}`);
    return file.async('string');
  };
  const types = await read('[Content_Types].xml');
  const typeOf = (part: string) => [...types.matchAll(/<Override\b[^>]*>/g)].map((m) => m[0]).find((t) => attr(t, 'PartName') === `/${part}`);
  const workbookRels = rels(await read('xl/_rels/workbook.xml.rels'));
  const charts: ReadChart[] = [];
  for (const m of (await read('xl/workbook.xml')).matchAll(/<sheet\b[^>]*>/g)) {
    const sheet = attr(m[0], 'name') ?? '';
    const sheetPart = resolve('xl', workbookRels.get(attr(m[0], 'r:id') ?? '')?.target ?? '');
    const drawingTag = /<drawing r:id="([^"]+)"\/>/.exec(await read(sheetPart));
    if (!drawingTag) continue;
    const drawingRel = rels(await read(relsOf(sheetPart))).get(drawingTag[1] ?? '');
    if (!drawingRel?.type.endsWith('/drawing')) throw new Error(`${sheetPart}: no drawing relationship`);
    const drawingPart = resolve(folder(sheetPart), drawingRel.target);
    if (!typeOf(drawingPart)?.includes('drawing+xml')) throw new Error(`${drawingPart}: no content type`);
    const drawingRels = rels(await read(relsOf(drawingPart)));
    for (const anchor of (await read(drawingPart)).matchAll(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
      const corner = (which: string) => {
        const c = new RegExp(`<xdr:${which}><xdr:col>(\\d+)</xdr:col><xdr:colOff>\\d+</xdr:colOff><xdr:row>(\\d+)</xdr:row>`).exec(anchor[0]);
        return [Number(c?.[1]), Number(c?.[2])] as const;
      };
      const [fromCol, fromRow] = corner('from');
      const [toCol, toRow] = corner('to');
      const chartRel = drawingRels.get(/<c:chart [^>]*r:id="([^"]+)"/.exec(anchor[0])?.[1] ?? '');
      if (!chartRel?.type.endsWith('/chart')) throw new Error(`${drawingPart}: no chart relationship`);
      const part = resolve(folder(drawingPart), chartRel.target);
      if (!typeOf(part)?.includes('drawingml.chart+xml')) throw new Error(`${part}: no content type`);
      const xml = await read(part);
      charts.push({
        sheet,
        anchor: { fromCol, fromRow, toCol, toRow },
        part,
        title: [...(/<c:title>[\s\S]*?<\/c:title>/.exec(xml)?.[0] ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => unescapeXml(t[1] ?? '')).join(''),
        grouping: /<c:grouping val="(\w+)"/.exec(xml)?.[1] ?? '',
        valueOrientation: /<c:valAx>[\s\S]*?<c:orientation val="(\w+)"/.exec(xml)?.[1] ?? '',
        categories: strRef(/<c:cat>([\s\S]*?)<\/c:cat>/.exec(xml)?.[1] ?? ''),
        series: [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((s) => ({
          name: strRef(/<c:tx>([\s\S]*?)<\/c:tx>/.exec(s[1] ?? '')?.[1] ?? ''),
          values: numRef(/<c:val>([\s\S]*?)<\/c:val>/.exec(s[1] ?? '')?.[1] ?? ''),
          colour: /<c:spPr><a:solidFill><a:srgbClr val="(\w+)"/.exec(s[1] ?? '')?.[1] ?? '',
        })),
      });
    }
  }
  return charts;
}

/** The values of the cells a chart's reference ('Charts'!$B$5:$B$7) names, read from the sheets as exceljs reads them. */
export function cellsOf(sheets: ReadSheet[], ref: string): Array<string | number | null> {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not a reference: ${ref}`);
  const sheet = sheets.find((s) => s.name === (m[1] ?? '').replace(/''/g, "'"));
  if (!sheet) throw new Error(`no sheet in ${ref}`);
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const [c1, r1, c2, r2] = [col(m[2] ?? ''), Number(m[3]) - 1, col(m[4] ?? m[2] ?? ''), Number(m[5] ?? m[3]) - 1];
  const values: Array<string | number | null> = [];
  for (let r = r1; r <= r2; r += 1) for (let c = c1; c <= c2; c += 1) values.push(sheet.rows[r]?.[c] ?? null);
  return values;
}
