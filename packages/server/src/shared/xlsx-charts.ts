import JSZip from 'jszip';

/**
 * Native Excel bar charts added to a workbook that exceljs wrote (exceljs writes no charts): each
 * chart is a DrawingML part (ECMA-376 part 1, §21.2) whose categories and series point at ranges of
 * the workbook's cells, so Excel or LibreOffice redraw it when a figure changes and a reader can
 * restyle it. Every reference carries the values it points at (strCache/numCache), so a viewer that
 * does not recalculate still shows the bars.
 */

/** A cell range of one row or one column and the values it holds, in order. */
export type CellValues<T> = { ref: string; values: T[] };

export type BarSeries = {
  /** The cell that names the series (a column's heading), with its text. */
  name: CellValues<string>;
  values: CellValues<number | null>;
  /** Fill, as six hex digits ("0B6E69"). */
  colour: string;
};

/** Cells of the sheet, counted from 0: the chart covers from the top-left corner of `from*` to that of `to*`. */
export type ChartAnchor = { fromCol: number; fromRow: number; toCol: number; toRow: number };

export type BarChart = {
  /** The sheet the chart is drawn on. */
  sheetName: string;
  title: string;
  categories: CellValues<string>;
  series: BarSeries[];
  anchor: ChartAnchor;
  /** Side by side (the default), or stacked to 100 % (each bar a whole split into its series). */
  grouping?: 'clustered' | 'percentStacked';
  /** Bars grow from the right and the category labels stand at the right (a right-to-left sheet). */
  rightToLeft?: boolean;
  /** The language of the chart's text (BCP 47, "en-GB", "ur-PK"). */
  lang?: string;
};

// ---------------------------------------------------------------- references

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A sheet's name as a reference writes it: always quoted, a quote doubled ('It''s'). */
export const quotedSheet = (sheetName: string) => `'${sheetName.replace(/'/g, "''")}'`;

/** An absolute reference to a range of a sheet, cells counted from 0: `'Charts'!$B$3:$B$7`. */
export function rangeRef(sheetName: string, from: { col: number; row: number }, to: { col: number; row: number } = from): string {
  const cell = (c: { col: number; row: number }) => `$${columnLetters(c.col)}$${c.row + 1}`;
  const same = from.col === to.col && from.row === to.row;
  return `${quotedSheet(sheetName)}!${cell(from)}${same ? '' : `:${cell(to)}`}`;
}

const REF = /^'((?:[^']|'')+)'!\$([A-Z]{1,3})\$(\d+)(?::\$([A-Z]{1,3})\$(\d+))?$/;

const columnIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** Reads back what rangeRef writes: the sheet and how many cells (one row or one column) the range holds. */
export function parseRangeRef(ref: string): { sheetName: string; cells: number } {
  const m = REF.exec(ref);
  if (!m) throw new Error(`Not a quoted absolute range: ${ref}`);
  const [, quoted = '', c1 = '', r1 = '', c2 = c1, r2 = r1] = m;
  const cols = Math.abs(columnIndex(c2) - columnIndex(c1)) + 1;
  const rows = Math.abs(Number(r2) - Number(r1)) + 1;
  if (cols > 1 && rows > 1) throw new Error(`A chart's range is one row or one column: ${ref}`);
  return { sheetName: quoted.replace(/''/g, "'"), cells: cols * rows };
}

// ---------------------------------------------------------------- XML of the parts

/** For an attribute's value. */
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch);
/** For an element's text: quotes stay as they are, so a reference reads as written ('It''s'!$A$1). */
const escapeText = (text: string) => text.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch] ?? ch);

const unescapeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
const REL_TYPE = {
  drawing: `${NS.r}/drawing`,
  chart: `${NS.r}/chart`,
};
export const CONTENT_TYPE = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
};
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Numbers as a spreadsheet stores them: no exponent for ordinary figures, never NaN. */
const numberText = (n: number) => (Number.isFinite(n) ? String(n) : '0');

function strRef(cells: CellValues<string>): string {
  const points = cells.values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeText(v)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${escapeText(cells.ref)}</c:f><c:strCache><c:ptCount val="${cells.values.length}"/>${points}</c:strCache></c:strRef>`;
}

function numRef(cells: CellValues<number | null>): string {
  // An empty cell has no point: the chart leaves a gap, not a zero.
  const points = cells.values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${numberText(v)}</c:v></c:pt>`)).join('');
  return `<c:numRef><c:f>${escapeText(cells.ref)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cells.values.length}"/>${points}</c:numCache></c:numRef>`;
}

/** Text properties: size in hundredths of a point, the language, right to left when asked. */
const textProps = (size: number, lang: string, rtl: boolean, colour = '1F2A37', bold = false) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr${rtl ? ' rtl="1"' : ''}><a:defRPr sz="${size}" b="${bold ? 1 : 0}" lang="${escapeXml(lang)}">` +
  `<a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="${escapeXml(lang)}"/></a:p></c:txPr>`;

const line = (colour: string) => `<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr>`;

/** The chart part (c:chartSpace): one bar chart, its two axes, a title and a legend. */
export function chartXml(chart: BarChart): string {
  const lang = chart.lang ?? 'en-US';
  const rtl = chart.rightToLeft ?? false;
  const stacked = chart.grouping === 'percentStacked';
  // A bar's length is its value: the axis starts at zero (left alone, a viewer may start it at 61
  // for 64.5 against 70), unless a value is below it.
  const fromZero = !stacked && chart.series.every((s) => s.values.values.every((v) => v === null || v >= 0));
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strRef(s.name)}</c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${s.colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
        // Stacked, a zero has no segment to label: the format's third part (zero) is empty.
        `<c:dLbls><c:numFmt formatCode="${stacked ? '#,##0;-#,##0;;' : 'General'}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
        textProps(800, lang, false, stacked ? 'FFFFFF' : '4B5563') +
        `<c:dLblPos val="${stacked ? 'ctr' : 'outEnd'}"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>` +
        `<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
        `<c:cat>${strRef(chart.categories)}</c:cat><c:val>${numRef(s.values)}</c:val></c:ser>`,
    )
    .join('');
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr${rtl ? ' rtl="1"' : ''}><a:defRPr sz="1200" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="${escapeXml(lang)}" sz="1200" b="1"/><a:t>${escapeText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  // Bars across the page, the first category on top (categories in reverse order, the value axis at
  // the last one, so at the foot); right to left, the values run leftwards from the labels at the right.
  const catAx =
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${rtl ? 'r' : 'l'}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${line('9CA3AF')}${textProps(900, lang, false)}<c:crossAx val="1002"/>` +
    `<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="${rtl ? 'maxMin' : 'minMax'}"/>${fromZero ? '<c:min val="0"/>' : ''}</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines>${line('E5E7EB')}</c:majorGridlines>` +
    `<c:numFmt formatCode="${stacked ? '0%' : 'General'}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>${textProps(800, lang, false, '4B5563')}<c:crossAx val="1001"/>` +
    `<c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:date1904 val="0"/><c:lang val="${escapeXml(lang)}"/>` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="${stacked ? 'percentStacked' : 'clustered'}"/><c:varyColors val="0"/>${series}` +
    `<c:gapWidth val="${stacked ? 60 : 80}"/>${stacked ? '<c:overlap val="100"/>' : ''}<c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    `${catAx}${valAx}</c:plotArea><c:legend><c:legendPos val="t"/><c:overlay val="0"/>${textProps(900, lang, rtl)}</c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="D1D5DB"/></a:solidFill></a:ln></c:spPr>` +
    `${textProps(900, lang, false)}</c:chartSpace>`
  );
}

/** The drawing part of a sheet: one anchored frame per chart, each pointing at its chart by relationship id. */
function drawingXml(charts: Array<{ chart: BarChart; relId: string }>): string {
  const anchors = charts
    .map(({ chart, relId }, i) => {
      const { fromCol, fromRow, toCol, toRow } = chart.anchor;
      const corner = (col: number, row: number) => `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${corner(fromCol, fromRow)}</xdr:from><xdr:to>${corner(toCol, toRow)}</xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${escapeXml(chart.title)}"/>` +
        `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="${relId}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join('');
  return XML_HEAD + `<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors}</xdr:wsDr>`;
}

type Relationship = { id: string; type: string; target: string };

const relationshipXml = (r: Relationship) => `<Relationship Id="${escapeXml(r.id)}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`;

const relationshipsXml = (rels: Relationship[]) => XML_HEAD + `<Relationships xmlns="${NS.rels}">${rels.map(relationshipXml).join('')}</Relationships>`;

// ---------------------------------------------------------------- reading the package

/** The attributes of an element's start tag, by qualified name, unescaped. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) found.set(m[1] ?? '', unescapeXml(m[3] ?? m[4] ?? ''));
  return found;
}

const relationships = (xml: string) =>
  [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '' };
  });

/** A part's name from a relationship's target, relative to the folder of the part that holds the relationship. */
function resolvePart(fromFolder: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromFolder.split('/').filter(Boolean);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

const folderOf = (part: string) => part.slice(0, part.lastIndexOf('/'));

/** The target of a relationship from a part in `fromFolder` to `part`, relative as Excel writes it ("../drawings/drawing1.xml"). */
function relativeTarget(fromFolder: string, part: string): string {
  const from = fromFolder.split('/').filter(Boolean);
  const to = part.split('/');
  let same = 0;
  while (same < from.length && same < to.length - 1 && from[same] === to[same]) same += 1;
  return [...from.slice(same).map(() => '..'), ...to.slice(same)].join('/');
}

const relsPathOf = (part: string) => {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

/** A relationship id not yet used in the list: rId1, rId2… */
const freeRelId = (taken: Array<{ id: string }>) => {
  const ids = new Set(taken.map((r) => r.id));
  let n = taken.length + 1;
  while (ids.has(`rId${n}`)) n += 1;
  return `rId${n}`;
};

/** The first number N for which `folder/prefixN.xml` is not a part yet. */
function freePartNumber(zip: JSZip, folder: string, prefix: string, from = 1): number {
  let n = from;
  while (zip.file(`${folder}/${prefix}${n}.xml`)) n += 1;
  return n;
}

// In CT_Worksheet (ECMA-376 part 1, §18.3.1.99), <drawing> follows headerFooter, rowBreaks, colBreaks,
// customProperties, cellWatches, ignoredErrors and smartTags, and comes before these.
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** The worksheet's XML with `<drawing r:id>` where the schema puts it. */
export function withDrawing(sheetXml: string, relId: string): string {
  if (/<(\w+:)?drawing\b/.test(sheetXml)) throw new Error('The sheet has a drawing already');
  const root = /<(\w+:)?worksheet\b[^>]*>/.exec(sheetXml);
  if (!root) throw new Error('Not a worksheet');
  const prefix = root[1] ?? '';
  // The r: prefix must be bound on the element; exceljs binds it on the root.
  const rAttr = new RegExp(`xmlns:r\\s*=\\s*["']${NS.r.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}["']`).test(root[0]) ? '' : ` xmlns:r="${NS.r}"`;
  const element = `<${prefix}drawing r:id="${escapeXml(relId)}"${rAttr}/>`;
  let at = sheetXml.lastIndexOf(`</${prefix}worksheet>`);
  for (const name of AFTER_DRAWING) {
    const m = new RegExp(`<${prefix}${name}\\b`).exec(sheetXml);
    if (m && m.index < at) at = m.index;
  }
  if (at < 0) throw new Error('Not a worksheet');
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

/** The content types with an override for each new part. */
function withOverrides(typesXml: string, parts: Array<{ part: string; type: string }>): string {
  const overrides = parts.map((p) => `<Override PartName="/${escapeXml(p.part)}" ContentType="${p.type}"/>`).join('');
  return typesXml.replace('</Types>', `${overrides}</Types>`);
}

async function text(zip: JSZip, part: string): Promise<string> {
  const file = zip.file(part);
  if (!file) throw new Error(`The workbook has no part ${part}`);
  return file.async('string');
}

/**
 * Adds the charts to the workbook (an XLSX's bytes) and gives the new bytes. Every reference must
 * name a sheet of the workbook and hold as many cells as its values; a sheet that already has a
 * drawing (pictures) is refused rather than having them replaced.
 */
export async function addBarCharts(xlsx: Buffer, charts: BarChart[]): Promise<Buffer> {
  if (charts.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const workbookPart = 'xl/workbook.xml';
  const workbookRels = relationships(await text(zip, relsPathOf(workbookPart)));
  const sheetParts = new Map<string, string>();
  for (const m of (await text(zip, workbookPart)).matchAll(/<(\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const rel = workbookRels.find((r) => r.id === a.get('r:id'));
    if (rel) sheetParts.set(a.get('name') ?? '', resolvePart('xl', rel.target));
  }

  for (const chart of charts) {
    if (!sheetParts.has(chart.sheetName)) throw new Error(`No sheet named ${chart.sheetName}`);
    for (const cells of [chart.categories, ...chart.series.flatMap((s) => [s.name, s.values])] as Array<CellValues<unknown>>) {
      const range = parseRangeRef(cells.ref);
      if (!sheetParts.has(range.sheetName)) throw new Error(`No sheet named ${range.sheetName} (${cells.ref})`);
      if (range.cells !== cells.values.length) throw new Error(`${cells.ref} holds ${range.cells} cells, not ${cells.values.length}`);
    }
    if (chart.series.some((s) => !/^[0-9A-Fa-f]{6}$/.test(s.colour))) throw new Error('A colour is six hex digits');
  }

  const newParts: Array<{ part: string; type: string }> = [];
  let chartNumber = freePartNumber(zip, 'xl/charts', 'chart');
  let drawingNumber = freePartNumber(zip, 'xl/drawings', 'drawing');
  const bySheet = new Map<string, BarChart[]>();
  for (const chart of charts) bySheet.set(chart.sheetName, [...(bySheet.get(chart.sheetName) ?? []), chart]);

  for (const [sheetName, onSheet] of bySheet) {
    const sheetPart = sheetParts.get(sheetName) as string;
    const drawingPart = `xl/drawings/drawing${drawingNumber}.xml`;
    drawingNumber = freePartNumber(zip, 'xl/drawings', 'drawing', drawingNumber + 1);
    const drawingRels: Relationship[] = [];
    const framed = onSheet.map((chart) => {
      const chartPart = `xl/charts/chart${chartNumber}.xml`;
      chartNumber = freePartNumber(zip, 'xl/charts', 'chart', chartNumber + 1);
      zip.file(chartPart, chartXml(chart));
      newParts.push({ part: chartPart, type: CONTENT_TYPE.chart });
      const relId = freeRelId(drawingRels);
      drawingRels.push({ id: relId, type: REL_TYPE.chart, target: relativeTarget(folderOf(drawingPart), chartPart) });
      return { chart, relId };
    });
    zip.file(drawingPart, drawingXml(framed));
    zip.file(relsPathOf(drawingPart), relationshipsXml(drawingRels));
    newParts.push({ part: drawingPart, type: CONTENT_TYPE.drawing });

    // The sheet's relationships (hyperlinks among them) are kept as written; the drawing's is added.
    const sheetRelsPart = relsPathOf(sheetPart);
    const sheetRelsXml = zip.file(sheetRelsPart) ? await text(zip, sheetRelsPart) : relationshipsXml([]);
    const relId = freeRelId(relationships(sheetRelsXml));
    const drawingRel = relationshipXml({ id: relId, type: REL_TYPE.drawing, target: relativeTarget(folderOf(sheetPart), drawingPart) });
    zip.file(sheetRelsPart, sheetRelsXml.replace(/<\/Relationships>\s*$/, `${drawingRel}</Relationships>`));
    zip.file(sheetPart, withDrawing(await text(zip, sheetPart), relId));
  }

  zip.file('[Content_Types].xml', withOverrides(await text(zip, '[Content_Types].xml'), newParts));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
