import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readXlsxCharts } from '../../test/exports.js';
import { addBarCharts, chartXml, columnLetters, parseRangeRef, rangeRef, type BarChart } from './xlsx-charts.js';

const QUOTED = "It's & <x>";

/** A workbook with a sheet whose name needs quoting and escaping (with a link, a table and a footer), and an Urdu sheet. */
async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const data = book.addWorksheet(QUOTED);
  data.addRow(['Code', 'Target', 'Actual']);
  data.addRow(['OP1.1', 8, 5]);
  data.addRow(['OP1.2', null, 3]);
  data.addRow(['OP1.3', 4, 0]);
  data.getCell('E1').value = { text: 'guide', hyperlink: 'https://example.org/guide' };
  data.headerFooter.oddFooter = 'Page &P';
  data.addTable({ name: 'Later', ref: 'A10', columns: [{ name: 'x' }], rows: [[1]] });
  const urdu = book.addWorksheet('اشاریے', { views: [{ rightToLeft: true }] });
  urdu.addRow(['کوڈ', 'خواتین']);
  urdu.addRow(['OP1.1', 2]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const targetChart = (anchorRow: number): BarChart => ({
  sheetName: QUOTED,
  title: 'Target & actual',
  categories: { ref: rangeRef(QUOTED, { col: 0, row: 1 }, { col: 0, row: 3 }), values: ['OP1.1', 'OP1.2', 'OP1.3'] },
  series: [
    {
      name: { ref: rangeRef(QUOTED, { col: 1, row: 0 }), values: ['Target'] },
      values: { ref: rangeRef(QUOTED, { col: 1, row: 1 }, { col: 1, row: 3 }), values: [8, null, 4] },
      colour: '9CA3AF',
    },
    {
      name: { ref: rangeRef(QUOTED, { col: 2, row: 0 }), values: ['Actual'] },
      values: { ref: rangeRef(QUOTED, { col: 2, row: 1 }, { col: 2, row: 3 }), values: [5, 3, 0] },
      colour: '0B6E69',
    },
  ],
  anchor: { fromCol: 5, fromRow: anchorRow, toCol: 12, toRow: anchorRow + 12 },
});

const urduChart: BarChart = {
  sheetName: 'اشاریے',
  title: 'جنس کے لحاظ سے',
  categories: { ref: rangeRef('اشاریے', { col: 0, row: 1 }), values: ['OP1.1'] },
  series: [
    {
      name: { ref: rangeRef('اشاریے', { col: 1, row: 0 }), values: ['خواتین'] },
      values: { ref: rangeRef('اشاریے', { col: 1, row: 1 }), values: [2] },
      colour: 'B4427A',
    },
  ],
  anchor: { fromCol: 3, fromRow: 0, toCol: 10, toRow: 10 },
  grouping: 'percentStacked',
  rightToLeft: true,
  lang: 'ur-PK',
};

describe('references', () => {
  it('names columns past Z and quotes every sheet name, doubling its quotes', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
    expect(rangeRef("It's", { col: 0, row: 1 }, { col: 0, row: 8 })).toBe("'It''s'!$A$2:$A$9");
    expect(rangeRef('اشاریے', { col: 27, row: 0 })).toBe("'اشاریے'!$AB$1");
    expect(parseRangeRef("'It''s'!$A$2:$A$9")).toEqual({ sheetName: "It's", cells: 8 });
    expect(parseRangeRef("'x'!$B$3:$E$3")).toEqual({ sheetName: 'x', cells: 4 });
    expect(() => parseRangeRef("'x'!$A$1:$B$2")).toThrow(/one row or one column/);
    expect(() => parseRangeRef('Sheet1!A1:A3')).toThrow(/quoted absolute/);
  });
});

describe('addBarCharts', () => {
  it('adds charts that read their ranges, carry the cells’ values, and leave the workbook readable', async () => {
    const file = await addBarCharts(await workbook(), [targetChart(0), { ...targetChart(14), title: 'Second' }, urduChart]);
    const charts = await readXlsxCharts(file);
    expect(charts.map((c) => [c.sheet, c.title, c.part])).toEqual([
      [QUOTED, 'Target & actual', 'xl/charts/chart1.xml'],
      [QUOTED, 'Second', 'xl/charts/chart2.xml'],
      ['اشاریے', 'جنس کے لحاظ سے', 'xl/charts/chart3.xml'],
    ]);
    const [first, , urdu] = charts;
    expect(first).toMatchObject({
      anchor: { fromCol: 5, fromRow: 0, toCol: 12, toRow: 12 },
      grouping: 'clustered',
      valueOrientation: 'minMax',
      categories: { ref: "'It''s & <x>'!$A$2:$A$4", values: ['OP1.1', 'OP1.2', 'OP1.3'] },
      series: [
        { name: { ref: "'It''s & <x>'!$B$1", values: ['Target'] }, values: { ref: "'It''s & <x>'!$B$2:$B$4", values: [8, null, 4] }, colour: '9CA3AF' },
        { name: { ref: "'It''s & <x>'!$C$1", values: ['Actual'] }, values: { ref: "'It''s & <x>'!$C$2:$C$4", values: [5, 3, 0] }, colour: '0B6E69' },
      ],
    });
    expect(urdu).toMatchObject({ grouping: 'percentStacked', valueOrientation: 'maxMin', categories: { ref: "'اشاریے'!$A$2", values: ['OP1.1'] } });

    const zip = await JSZip.loadAsync(file);
    const part = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
    // The empty cell is no point at all (a gap), not a zero; the quoted name is escaped in the XML.
    expect(await part('xl/charts/chart1.xml')).toContain(
      `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/><c:pt idx="0"><c:v>8</c:v></c:pt><c:pt idx="2"><c:v>4</c:v></c:pt></c:numCache>`,
    );
    expect(await part('xl/charts/chart1.xml')).toContain(`<c:f>'It''s &amp; &lt;x&gt;'!$B$2:$B$4</c:f>`);
    expect(await part('xl/charts/chart3.xml')).toMatch(/<a:pPr rtl="1">/);
    // Bars start at zero (a viewer left alone may start the axis near the smallest value), unless one is below it.
    expect(await part('xl/charts/chart1.xml')).toContain('<c:orientation val="minMax"/><c:min val="0"/></c:scaling>');
    const below = targetChart(0).series.map((s, k) => ({ ...s, values: { ...s.values, values: k === 0 ? [8, null, -2] : s.values.values } }));
    expect(chartXml({ ...targetChart(0), series: below })).toContain('<c:orientation val="minMax"/></c:scaling>');
    // One drawing per sheet; the sheet's own relationships (the link, the table) are kept beside it.
    const sheet1 = await part('xl/worksheets/sheet1.xml');
    const sheetRels = await part('xl/worksheets/_rels/sheet1.xml.rels');
    expect(sheetRels).toContain('https://example.org/guide');
    expect(sheetRels).toContain('TargetMode="External"');
    expect(sheetRels).toContain('Target="../drawings/drawing1.xml"');
    expect((await part('xl/worksheets/_rels/sheet2.xml.rels')).match(/<Relationship /g)).toHaveLength(1);
    expect((await part('xl/drawings/drawing1.xml')).match(/<xdr:twoCellAnchor /g)).toHaveLength(2);
    // <drawing> after the footer and before the table parts, as CT_Worksheet orders them; its id is the sheet's drawing relationship.
    const drawingAt = sheet1.indexOf('<drawing ');
    expect(drawingAt).toBeGreaterThan(sheet1.indexOf('<headerFooter'));
    expect(drawingAt).toBeLessThan(sheet1.indexOf('<tableParts'));
    const relId = /<drawing r:id="([^"]+)"\/>/.exec(sheet1)?.[1];
    expect(sheetRels).toMatch(new RegExp(`Id="${relId}" Type="[^"]+/drawing"`));
    expect((await part('[Content_Types].xml')).match(/drawingml\.chart\+xml/g)).toHaveLength(3);

    // exceljs still reads it: the cells, the link and the right-to-left view as they were.
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(file as unknown as ArrayBuffer);
    const data = read.getWorksheet(QUOTED);
    expect(data?.getCell('B2').value).toBe(8);
    expect(data?.getCell('E1').value).toMatchObject({ hyperlink: 'https://example.org/guide' });
    expect(read.getWorksheet('اشاریے')?.views[0]?.rightToLeft).toBe(true);
  });

  it('refuses a range of another size than its values, an unknown sheet, a bad colour, and a sheet with pictures', async () => {
    const book = await workbook();
    const short = { ...targetChart(0), categories: { ...targetChart(0).categories, values: ['OP1.1'] } };
    await expect(addBarCharts(book, [short])).rejects.toThrow(/holds 3 cells, not 1/);
    await expect(addBarCharts(book, [{ ...targetChart(0), sheetName: 'Nowhere' }])).rejects.toThrow(/No sheet named Nowhere/);
    const elsewhere = { ...targetChart(0), categories: { ref: "'Nowhere'!$A$2:$A$4", values: ['a', 'b', 'c'] } };
    await expect(addBarCharts(book, [elsewhere])).rejects.toThrow(/No sheet named Nowhere/);
    const pink = targetChart(0).series.map((s) => ({ ...s, colour: '#fff' }));
    await expect(addBarCharts(book, [{ ...targetChart(0), series: pink }])).rejects.toThrow(/six hex/);

    const pictured = new ExcelJS.Workbook();
    const sheet = pictured.addWorksheet('Pictured');
    sheet.addRow(['a', 1]);
    // A 1×1 PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    sheet.addImage(pictured.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'C3:D4');
    const withPicture = Buffer.from(await pictured.xlsx.writeBuffer());
    const chart: BarChart = {
      sheetName: 'Pictured',
      title: 't',
      categories: { ref: rangeRef('Pictured', { col: 0, row: 0 }), values: ['a'] },
      series: [
        {
          name: { ref: rangeRef('Pictured', { col: 0, row: 0 }), values: ['a'] },
          values: { ref: rangeRef('Pictured', { col: 1, row: 0 }), values: [1] },
          colour: '000000',
        },
      ],
      anchor: { fromCol: 0, fromRow: 5, toCol: 5, toRow: 15 },
    };
    await expect(addBarCharts(withPicture, [chart])).rejects.toThrow(/has a drawing already/);
    // No charts: the bytes as they were.
    expect(await addBarCharts(book, [])).toBe(book);
  });
});
