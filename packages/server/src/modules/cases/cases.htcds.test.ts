import { htcdsColumns, type HtcdsCase, type Role } from '@hifazat/contract';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { make } from '../../../test/factories.js';
import { createTestContext, enrolSecondFactor, json, type TestContext } from '../../../test/helpers.js';
import { multipartFile } from '../../../test/png.js';
import { testEngines } from '../../db/test-db.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** HTCDS v2.0 exchange (issue 13): JSON and the Excel case sheet out, the sheet back in with a dry run. */
describe.each(testEngines())('HTCDS exchange on %s', (engine) => {
  let ctx: TestContext;
  let screenedId: string;
  let plainId: string;
  const NAME = 'Rukhsana Parveen Bibi';

  const as = (role: Role | { cookie: string }, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method,
      url,
      headers: { ...(typeof role === 'string' ? ctx.as(role) : role), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const upload = (bytes: Buffer, dryRun: boolean, role: Role = 'data_officer') => {
    const form = multipartFile('cases.xlsx', XLSX, bytes);
    return as(role, 'POST', `/api/cases/import?dryRun=${dryRun}`, form.payload, { 'content-type': form.contentType });
  };
  const caseCount = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditCount = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sheetOf = async (bytes: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Case Sheet');
    if (!sheet) throw new Error('no Case Sheet');
    return { workbook, sheet };
  };

  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true });
    const open = async (payload: Record<string, unknown>) => {
      const opened = await as('data_officer', 'POST', '/api/cases', payload);
      if (opened.statusCode !== 201) throw new Error(opened.body);
      return json<{ id: string }>(opened).id;
    };
    screenedId = await open({
      countryCode: 'PK',
      province: 'Punjab',
      district: 'Kasur',
      identifiedOn: '2025-06-02',
      victim: { fullName: NAME, sex: 'female', birthDate: '2001-04-09', citizenship: 'PK', phone: '+923001234567', address: 'Mohalla Islampura, Kasur' },
    });
    const screened = await as('data_officer', 'POST', `/api/cases/${screenedId}/screenings`, {
      countryCode: 'PK',
      elements: { act: true, means: true, purpose: true },
      decision: { traffickingStatus: 'ActualVictimOfTrafficking', decisionMakingOrg: 'Police' },
    });
    expect(screened.statusCode, screened.body).toBe(201);
    const care = await as('data_officer', 'PUT', `/api/cases/${screenedId}/care-file`, {
      exploitationTypes: ['ForcedLabour', 'ChildLabour'],
      forcedLabourIndustries: ['C_Manufacturing'],
      methodsOfControl: ['DebtBondage', 'WithholdsDocuments'],
      recruitmentMethods: ['ThroughFamilyOrFamilyEvents'],
      places: [
        { kind: 'Recruitment', countryCode: 'PK', province: 'Punjab' },
        { kind: 'Transit', countryCode: 'PK', province: null },
        { kind: 'Exploitation', countryCode: 'AE', province: null },
      ],
      recruitedOn: '2024-01-10',
      exploitationStartedOn: '2024-02-01',
      exploitationEndedOn: '2025-05-30',
      perpetrators: [
        { name: 'Kiln owner Aslam', role: 'Exploiter' },
        { name: 'Agent Javed', role: 'RecruiterOrIntermediary' },
      ],
    });
    expect(care.statusCode, care.body).toBe(200);
    plainId = await open({ countryCode: 'PK', province: 'Sindh', victim: { fullName: 'Shabnam', sex: 'unknown', estimatedAge: 15 } });
  });
  afterAll(() => ctx.close());

  it('exports one case as HTCDS JSON, pseudonymised unless identity=include, and audits it with the id only', async () => {
    const before = await auditCount();
    const answer = await as('data_officer', 'GET', `/api/cases/${screenedId}/export?format=htcds-json`);
    expect(answer.statusCode, answer.body).toBe(200);
    const one = json<HtcdsCase>(answer);
    expect(one).toMatchObject({
      cas_Status: 'Active',
      prs_Gender: 'Feminine',
      prs_Citizenship: ['PK'],
      prs_FirstName: null,
      prs_Birthdate: null,
      prs_MobilePhone: null,
      vic_TraffickingStatus: 'ActualVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'Police',
      vic_TypeOfExploitation: ['ForcedLabour', 'ChildLabour'],
      vic_ForcedLabourIndustry: ['C_Manufacturing'],
      vic_MethodsOfControl: ['DebtBondage', 'WithholdsDocuments'],
      vic_LocationOfRecruitment: ['PK:Punjab'],
      vic_LocationOfExploitation: ['AE'],
      per_RoleInProcess: ['Exploiter', 'RecruiterOrIntermediary'],
      hte_RecruitmentDate: '2024-01-10',
    });
    expect(answer.body).not.toContain('Rukhsana');
    expect(answer.body).not.toContain('3001234567');
    // The perpetrators' names are never exported: their roles only.
    expect(answer.body).not.toContain('Aslam');
    const named = json<HtcdsCase>(await as('supervisor', 'GET', `/api/cases/${screenedId}/export?format=htcds-json&identity=include`));
    expect(named).toMatchObject({ prs_FirstName: 'Rukhsana', prs_SecondName: 'Parveen Bibi', prs_Birthdate: '2001-04-09', prs_MobilePhone: '+923001234567' });
    expect(await auditCount()).toBe(before + 2);
    const entries = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').where('entity_id', '=', screenedId).execute();
    expect(entries.map((e) => e.note)).toEqual(expect.arrayContaining([`htcds, pseudonymised: ${screenedId}`, `htcds, with identity: ${screenedId}`]));
    expect(JSON.stringify(entries)).not.toContain('Rukhsana');
    // The person's request export (encrypted ZIP) is still the POST of the same address.
    expect((await as('supervisor', 'POST', `/api/cases/${screenedId}/export`)).statusCode).toBe(201);
  });

  it('exports the list with its filters; the sheet opens with the template’s names in row 1 and only pick-list values', async () => {
    const all = await as('data_officer', 'GET', '/api/cases/export?format=htcds-json');
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-disposition']).toContain('attachment');
    const listed = json<{ standard: string; version: string; cases: HtcdsCase[] }>(all);
    expect(listed).toMatchObject({ standard: 'HTCDS', version: '2.0' });
    expect(listed.cases.map((c) => c.hfz_CaseReference)).toHaveLength(2);
    const children = json<{ cases: HtcdsCase[] }>(await as('data_officer', 'GET', '/api/cases/export?format=htcds-json&childrenOnly=true'));
    expect(children.cases.map((c) => c.vic_AgeWhenTrafficked)).toEqual([15]);
    const screening = json<{ cases: HtcdsCase[] }>(await as('data_officer', 'GET', '/api/cases/export?format=htcds-json&status=screening'));
    expect(screening.cases.map((c) => c.vic_TraffickingStatus)).toEqual(['ActualVictimOfTrafficking']);

    const file = await as('data_officer', 'GET', '/api/cases/export?format=htcds-xlsx&identity=include');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const { workbook, sheet } = await sheetOf(file.rawPayload);
    const row1 = htcdsColumns.map((_, i) => String(sheet.getRow(1).getCell(i + 1).value ?? ''));
    expect(row1.slice(0, 37)).toContain('vic_TraffickinStatusDecisionMakingOrg');
    expect(row1[19]).toBe('vic_TraffickinStatusDecisionMakingOrg'); // column T
    expect(row1[13]).toBe('prs_MailingCity'); // column N, labelled "Mailing Street" as in the template
    expect(String(sheet.getRow(2).getCell(14).value)).toBe('Mailing Street');
    expect(sheet.getRow(1).hidden).toBe(true);
    expect(sheet.rowCount).toBe(4);
    let checked = 0;
    htcdsColumns.forEach((column, i) => {
      if (!column.values) return;
      for (let line = 3; line <= sheet.rowCount; line += 1) {
        const text = String(sheet.getRow(line).getCell(i + 1).value ?? '');
        for (const value of text.split('; ').filter(Boolean)) {
          expect(column.values, `${column.name} row ${line}`).toContain(value);
          checked += 1;
        }
      }
    });
    expect(checked).toBeGreaterThan(10);
    // The drop-down lists: a list validation on the pick-list columns, from the hidden Lists sheet.
    const validation = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model.S3;
    expect(validation?.type).toBe('list');
    expect(validation?.formulae[0]).toMatch(/^Lists!/);
    expect(workbook.getWorksheet('Lists')?.state).toBe('hidden');
  });

  it('imports the exported sheet: a dry run changes nothing, the import round-trips the values', async () => {
    const file = (await as('data_officer', 'GET', '/api/cases/export?format=htcds-xlsx&identity=include')).rawPayload;
    const [cases, audits] = [await caseCount(), await auditCount()];
    const dry = await upload(file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(json<{ dryRun: boolean; rows: number; created: number; cases: unknown[] }>(dry)).toMatchObject({ dryRun: true, rows: 2, created: 2, cases: [] });
    expect(await caseCount()).toBe(cases);
    expect(await auditCount()).toBe(audits);

    const done = await upload(file, false);
    expect(done.statusCode, done.body).toBe(200);
    const report = json<{ created: number; cases: Array<{ id: string; line: number }>; notKept: Array<{ column: string }> }>(done);
    expect(report.created).toBe(2);
    expect(await caseCount()).toBe(cases + 2);
    expect(report.notKept.map((n) => n.column)).toContain('AL hfz_CaseReference');
    const original = json<{ cases: HtcdsCase[] }>(await as('data_officer', 'GET', `/api/cases/export?format=htcds-json&identity=include`)).cases;
    for (const made of report.cases) {
      const back = json<HtcdsCase>(await as('data_officer', 'GET', `/api/cases/${made.id}/export?format=htcds-json&identity=include`));
      const source = original.find(
        (c) => c.hfz_IdentifiedOn === back.hfz_IdentifiedOn && c.prs_FirstName === back.prs_FirstName && c.hfz_CaseReference !== back.hfz_CaseReference,
      );
      expect(source, JSON.stringify(back)).toBeDefined();
      const { hfz_CaseReference: a, ...sameA } = back;
      const { hfz_CaseReference: b, ...sameB } = source as HtcdsCase;
      expect(a).not.toBe(b);
      expect(sameA).toEqual(sameB);
    }
    // The imported cases are the officer's agency's, with the identity sealed and searchable.
    const found = await as('data_officer', 'GET', `/api/cases?query=${encodeURIComponent('Rukhsana')}`);
    expect(json<{ items: unknown[] }>(found).items).toHaveLength(2);
    const raw = await ctx.db
      .selectFrom('cases')
      .select('identity_sealed')
      .where('id', '=', report.cases[0]?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(raw.identity_sealed).not.toContain('Rukhsana');
  });

  it('a bad cell answers 422 naming its row and column, and nothing is changed', async () => {
    const file = (await as('data_officer', 'GET', '/api/cases/export?format=htcds-xlsx&identity=include')).rawPayload;
    const { workbook, sheet } = await sheetOf(file);
    const exploitation = htcdsColumns.findIndex((c) => c.key === 'vic_TypeOfExploitation') + 1;
    sheet.getRow(4).getCell(exploitation).value = 'ForcedLabour; Slavery';
    const decision = htcdsColumns.findIndex((c) => c.key === 'vic_TraffickingStatus') + 1;
    sheet.getRow(3).getCell(decision).value = 'Victim';
    const bad = Buffer.from(await workbook.xlsx.writeBuffer());
    const [cases, audits] = [await caseCount(), await auditCount()];
    for (const dryRun of [true, false]) {
      const refused = await upload(bad, dryRun);
      expect(refused.statusCode).toBe(422);
      const details = json<{ error: { code: string; details: Array<{ line: number; column: string; message: string }> } }>(refused).error;
      expect(details.code).toBe('import_invalid');
      expect(details.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ line: 4, column: 'Y vic_TypeOfExploitation', message: expect.stringContaining('Slavery') }),
          expect.objectContaining({ line: 3, column: 'S vic_TraffickingStatus' }),
        ]),
      );
    }
    // In Urdu for an Urdu reader: the column stays as the sheet names it.
    const form = multipartFile('cases.xlsx', XLSX, bad);
    const urdu = await as('data_officer', 'POST', '/api/cases/import?dryRun=true', form.payload, { 'content-type': form.contentType, 'accept-language': 'ur' });
    expect(json<{ error: { details: Array<{ column: string; message: string }> } }>(urdu).error.details).toEqual(
      expect.arrayContaining([{ line: 4, column: 'Y vic_TypeOfExploitation', message: '"Slavery" HTCDS کی فہرست میں نہیں' }]),
    );
    expect(await caseCount()).toBe(cases);
    expect(await auditCount()).toBe(audits);
    // A sheet from elsewhere: the field list's spelling of T, no name in a row → the row and column named.
    const other = new ExcelJS.Workbook();
    const s = other.addWorksheet('Case Sheet');
    s.addRow(['prs_FirstName', 'prs_Gender', 'vic_TraffickingStatus', 'vic_TraffickingStatusDecisionMakingOrg', 'hfz_CountryCode']);
    s.addRow(['First Name', 'Gender', 'Trafficking Status', 'Decision', 'Country']);
    s.addRow(['Naseem', 'Masculine', 'PossibleVictimOfTrafficking', 'NGO', 'PK']);
    s.addRow(['', 'Feminine', '', '', 'PK']);
    const answer = await upload(Buffer.from(await other.xlsx.writeBuffer()), true);
    expect(answer.statusCode).toBe(422);
    expect(json<{ error: { details: Array<{ line: number; column: string }> } }>(answer).error.details).toEqual([
      expect.objectContaining({ line: 4, column: 'A prs_FirstName' }),
    ]);
    s.spliceRows(4, 1);
    const fine = await upload(Buffer.from(await other.xlsx.writeBuffer()), false);
    expect(fine.statusCode, fine.body).toBe(200);
    const made = json<{ cases: Array<{ id: string }> }>(fine).cases[0]?.id ?? '';
    const back = json<HtcdsCase>(await as('data_officer', 'GET', `/api/cases/${made}/export?format=htcds-json`));
    expect(back).toMatchObject({
      prs_Gender: 'Masculine',
      vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'NGO',
    });
    // Not a spreadsheet at all: a clear 4xx.
    expect((await upload(Buffer.from('not a zip'), true)).statusCode).toBe(422);
  });

  it('only a data officer or supervisor of the case’s agency exports: 403 to other roles, 404 and an empty list to another agency', async () => {
    for (const role of ['service_provider', 'analyst', 'admin', 'viewer'] as const) {
      expect((await as(role, 'GET', `/api/cases/${screenedId}/export?format=htcds-json`)).statusCode, role).toBe(403);
      expect((await as(role, 'GET', '/api/cases/export?format=htcds-xlsx')).statusCode, role).toBe(403);
    }
    expect((await upload(Buffer.from('x'), true, 'supervisor')).statusCode).toBe(403);
    const otherAgency = await make.organization(ctx, { name: `Other agency ${engine}` });
    const outsider = await make.user(ctx, { role: 'supervisor', organizationId: otherAgency.id, countries: ['PK'] });
    const officer = await make.user(ctx, { role: 'data_officer', organizationId: otherAgency.id, countries: ['PK'] });
    const supervisor = { cookie: (await enrolSecondFactor(ctx.app, outsider.email)).cookie };
    const stranger = { cookie: (await enrolSecondFactor(ctx.app, officer.email)).cookie };
    expect((await as(stranger, 'GET', `/api/cases/${screenedId}/export?format=htcds-json`)).statusCode).toBe(404);
    expect(json<{ cases: unknown[] }>(await as(stranger, 'GET', '/api/cases/export?format=htcds-json')).cases).toEqual([]);
    // Break-glass opens a case for reading, never for an export.
    expect((await as(supervisor, 'POST', `/api/cases/${screenedId}/break-glass`, { reason: 'She came to our shelter tonight' })).statusCode).toBe(201);
    expect((await as(supervisor, 'GET', `/api/cases/${screenedId}`)).statusCode).toBe(200);
    expect((await as(supervisor, 'GET', `/api/cases/${screenedId}/export?format=htcds-json`)).statusCode).toBe(404);
    const listed = await as(supervisor, 'GET', '/api/cases/export?format=htcds-json&identity=include');
    expect(json<{ cases: unknown[] }>(listed).cases).toEqual([]);
    expect(listed.body).not.toContain('Rukhsana');
    // Cases the other officer imports are their agency's, not ours.
    expect(plainId).toBeTruthy();
  });

  it("fills the outgoing referral from the case's latest referral (the service, the day; never the sealed reason)", async () => {
    const service = await as('admin', 'POST', '/api/services', { name: 'Legal aid desk Sindh', type: 'legal_aid', countryCode: 'PK', province: 'Sindh' });
    expect(service.statusCode, service.body).toBe(201);
    const serviceId = json<{ id: string }>(service).id;
    const consent = await as('data_officer', 'POST', `/api/cases/${plainId}/consents`, {
      purpose: 'Legal advice',
      serviceId,
      givenBy: 'guardian',
      explainedInLanguage: 'sd',
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const sent = await as('data_officer', 'POST', `/api/cases/${plainId}/referrals`, { serviceId, reason: 'Sealed reason text', urgency: 'normal' });
    expect(sent.statusCode, sent.body).toBe(201);
    const answer = await as('data_officer', 'GET', `/api/cases/${plainId}/export?format=htcds-json`);
    const one = json<HtcdsCase>(answer);
    expect(one).toMatchObject({
      cas_ReferredOrganisation: 'Legal aid desk Sindh',
      cas_ReasonForOutgoingReferral: 'AdditionalServicesRequired',
      cas_OutgoingReferralDate: new Date().toISOString().slice(0, 10),
    });
    expect(answer.body).not.toContain('Sealed reason text');
  });

  it('refuses, before reading it, a sheet of far more cells than its rows of HTCDS columns; a bad birth date is not echoed; no day before 1900', async () => {
    // 300 rows of 700 cells: a small upload that would make a large workbook in memory.
    const wide = new ExcelJS.Workbook();
    const sheet = wide.addWorksheet('Case Sheet');
    for (let r = 0; r < 300; r += 1) sheet.addRow(Array.from({ length: 700 }, (_, c) => c));
    const tooWide = await upload(Buffer.from(await wide.xlsx.writeBuffer()), true);
    expect(tooWide.statusCode).toBe(413);

    const dates = new ExcelJS.Workbook();
    const d = dates.addWorksheet('Case Sheet');
    d.addRow(['prs_FirstName', 'prs_Gender', 'prs_Birthdate', 'hfz_IdentifiedOn', 'hfz_CountryCode']);
    d.addRow(['First Name', 'Gender', 'Birthdate', 'Identified on', 'Country']);
    d.addRow(['Kiran', 'Feminine', 'SECRET-DOB-Kiran', '2025-01-01', 'PK']);
    d.addRow(['Kiran', 'Feminine', '2001-01-01', '1800-01-01', 'PK']);
    const refused = await upload(Buffer.from(await dates.xlsx.writeBuffer()), true);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).not.toContain('SECRET-DOB');
    expect(json<{ error: { details: Array<{ line: number; message: string }> } }>(refused).error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, message: 'Not a date (YYYY-MM-DD)' }),
        expect.objectContaining({ line: 4, message: 'Before 1900-01-01' }),
      ]),
    );
  });

  it('writes a name a spreadsheet would run as text with a leading apostrophe, and reads it back without', async () => {
    const created = await as('data_officer', 'POST', '/api/cases', {
      countryCode: 'PK',
      province: 'Punjab',
      victim: { fullName: '=cmd Kiran', sex: 'female' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const file = (await as('data_officer', 'GET', '/api/cases/export?format=htcds-xlsx&identity=include&query=Kiran')).rawPayload;
    const { sheet } = await sheetOf(file);
    const first = htcdsColumns.findIndex((c) => c.key === 'prs_FirstName') + 1;
    const values = [3, 4, 5].map((r) => sheet.getRow(r).getCell(first).value);
    expect(values).toContain("'=cmd");
    const checked = await upload(file, true);
    expect(checked.statusCode, checked.body.slice(0, 300)).toBe(200);
    expect(checked.body).not.toContain("'=cmd");
  });
});
