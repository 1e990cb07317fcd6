import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { csv, IMPORT_HEADER, multipart } from './files.js';
import { FORMULAS } from './payloads.js';
import type { Route } from './routes.js';
import type { Seeder } from './seed.js';
import type { Sender } from './sender.js';

/** A cell a spreadsheet program would run: starts with = + - @ tab or CR. A plain number is data. */
const RUNNABLE = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

export type ExportFigures = { files: number; cells: number; unneutralised: number; neutralisedSeen: number; examples: string[] };

/** Every route that offers a download: a `format` query parameter with a list of formats. */
export function exportRoutes(routes: Route[]): Array<{ route: Route; formats: string[] }> {
  return routes
    .filter((r) => r.method === 'GET')
    .map((route) => ({ route, formats: (route.query.find((q) => q.name === 'format')?.schema.enum ?? []).map(String) }))
    .filter((e) => e.formats.length > 0);
}

/**
 * Stores formula-like text wherever a person can type it (programme, organisation and person names,
 * event titles and provinces, imported rows), then downloads every export in every format and reads
 * every cell back.
 */
export async function exportChecks(
  seeder: Seeder,
  sendFor: (route: Route) => Sender,
  routes: Route[],
  importRoute: Route | undefined,
  ids: { event: string | undefined; case: string | undefined },
  resync: () => Promise<void>,
): Promise<ExportFigures> {
  const figures: ExportFigures = { files: 0, cells: 0, unneutralised: 0, neutralisedSeen: 0, examples: [] };
  const programme = await seeder.programme(`${FORMULAS[0]} programme`);
  // An export of one event (its participants) is asked for the last of these events, whose list holds a formula name.
  let formulaEvent = '';
  for (const [i, formula] of FORMULAS.entries()) {
    const org = await seeder.organization(`${formula} agency ${i}`);
    const person = await seeder.person(`${formula} ${i}`, i % 2 ? 'female' : 'male', String(org.id));
    // The province is what the report groups by: it reaches the export cells as typed.
    const event = await seeder.event(String(programme.id), {
      title: formula,
      province: `${formula}`,
      city: formula,
      venue: formula,
      startDate: '2025-05-05',
      endDate: '2025-05-06',
    });
    await seeder.participant(String(event.id), String(person.id));
    formulaEvent = String(event.id);
  }
  // Those writes were the harness's own, not requests under test.
  await resync();
  if (importRoute && ids.event) {
    const url = importRoute.path.replace(/\{[^}]+\}/g, ids.event);
    const body = multipart([
      {
        field: 'file',
        filename: 'formulas.csv',
        contentType: 'text/csv',
        content: csv([IMPORT_HEADER, ...FORMULAS.map((f, i) => [`${f} imported ${i}`, 'F', `${f} org`, f, f, f, '', '', '', '', 'yes'])]),
      },
    ]);
    await sendFor(importRoute)(
      { method: 'POST', url: `${url}?dryRun=false`, headers: { 'content-type': body.contentType }, payload: body.body },
      'import of formula names',
    );
  }
  const expected = new Set(FORMULAS.map((f) => `'${f.trim()}`));
  for (const { route, formats } of exportRoutes(routes)) {
    for (const format of formats) {
      const query = route.query
        .filter((q) => q.required && q.name !== 'format')
        .map((q) => `${q.name}=${q.schema.format === 'date' ? (/(^to$|end)/i.test(q.name) ? '2099-12-31' : '2000-01-01') : ''}`);
      // One case's export is asked for the harness's case file; every other for the formula event.
      const id = route.path.startsWith('/api/cases/') ? (ids.case ?? formulaEvent) : formulaEvent;
      const url = `${route.path.replace(/\{[^}]+\}/g, id)}?${[...query, `format=${format}`].join('&')}`;
      const response = await sendFor(route)({ method: 'GET', url }, `export ${format}`);
      if (response.status !== 200) {
        figures.examples.push(`${url} answered ${response.status} ${response.body.slice(0, 200)}`);
        figures.unneutralised += 1;
        continue;
      }
      figures.files += 1;
      // JSON (HTCDS) is data for another system, never opened as a sheet: no cell of it runs.
      if (response.contentType.includes('json')) continue;
      const cells = response.contentType.includes('csv') ? csvCells(response.body) : await xlsxCells(response.rawPayload);
      for (const cell of cells) {
        figures.cells += 1;
        if (expected.has(cell.text)) figures.neutralisedSeen += 1;
        if (cell.formula || (RUNNABLE.test(cell.text) && !NUMBER.test(cell.text))) {
          figures.unneutralised += 1;
          if (figures.examples.length < 5)
            figures.examples.push(`${url}: cell ${cell.where} = ${JSON.stringify(cell.text)}${cell.formula ? ' (a formula)' : ''}`);
        }
      }
    }
  }
  return figures;
}

type Cell = { where: string; text: string; formula: boolean };

function csvCells(text: string): Cell[] {
  const rows = parseCsv(text, { bom: true, relax_column_count: true }) as string[][];
  return rows.flatMap((row, r) => row.map((text, c) => ({ where: `row ${r + 1} column ${c + 1}`, text, formula: false })));
}

async function xlsxCells(bytes: Buffer): Promise<Cell[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: Cell[] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value;
        const formula = cell.type === ExcelJS.ValueType.Formula;
        const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : (cell.text ?? '');
        cells.push({ where: `${sheet.name}!${cell.address}`, text, formula });
      });
    });
  }
  return cells;
}
