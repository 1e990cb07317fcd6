import type { ApiError, CreateServiceBody, ServiceImportReport } from '@hifazat/contract';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute } from '../../../test/factories.js';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { multipartFile } from '../../../test/png.js';
import { testEngines } from '../../db/test-db.js';
import { sealedColumns } from '../../shared/sealed-columns.js';
import { createUser } from '../users/index.js';

const SHELTER_ADDRESS = 'House 7, Street 12, Model Town';

const shelter = (extra: Partial<CreateServiceBody> = {}): CreateServiceBody => ({
  name: 'Dar-ul-Aman Lahore',
  type: 'shelter',
  countryCode: 'PK',
  province: 'Punjab',
  district: 'Lahore',
  eligibility: { sexes: ['female'], minimumAge: 18, maximumAge: 60, caseKinds: ['trafficking'] },
  languages: ['ur', 'pa'],
  openingHours: [{ days: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '09:00', closesAt: '17:00' }],
  open24Hours: true,
  referralContact: { name: 'Intake desk', phone: '+924299990000', email: 'intake@shelter.example' },
  address: { address1: SHELTER_ADDRESS, city: 'Lahore', postalCode: '54000' },
  bedsTotal: 20,
  ...extra,
});

async function exportZip(ctx: TestContext, query = 'format=hsds&addresses=include'): Promise<{ buffer: Buffer; zip: JSZip }> {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/services/export?${query}`, headers: ctx.as('admin') });
  expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
  expect(response.headers['content-type']).toContain('application/zip');
  const buffer = response.rawPayload;
  return { buffer, zip: await JSZip.loadAsync(buffer) };
}

async function importZip(ctx: TestContext, buffer: Buffer, dryRun: boolean) {
  const upload = multipartFile('directory.zip', 'application/zip', buffer);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/services/import?dryRun=${dryRun}`,
    headers: { ...ctx.as('admin'), 'content-type': upload.contentType },
    payload: upload.payload,
  });
}

describe.each(testEngines())('service directory on %s', (engine) => {
  let ctx: TestContext;
  let otherProviderId: string;
  beforeAll(async () => {
    // Everyone but the administrator works in Pakistan only.
    ctx = await createTestContext(engine, { caseRoles: true, countries: ['PK'], env: { LOG_LEVEL: 'error' } });
    const other = await createUser(ctx.db, null, {
      email: 'other-provider@test.example',
      name: 'Other provider',
      role: 'service_provider',
      password: 'correct horse battery',
      countries: ['PK'],
    });
    otherProviderId = other.id;
  });
  afterAll(() => ctx.close());

  const count = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('services')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a supervisor adds a shelter with its provider: the address is sealed and confidential', async () => {
    const created = await callRoute(ctx, 'createService', { body: shelter({ providerUserIds: [ctx.users.service_provider.id] }) }, 'supervisor');
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({ type: 'shelter', addressConfidential: true, status: 'active', open24Hours: true });
    expect(created.body.address?.address1).toBe(SHELTER_ADDRESS);
    expect(created.body.providers.map((p) => p.id)).toEqual([ctx.users.service_provider.id]);
    const stored = await ctx.db.selectFrom('services').select(['address_sealed']).where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(stored.address_sealed).not.toBeNull();
    expect(stored.address_sealed).not.toContain('Model Town');
    // `npx hifazat keys rotate` re-encrypts it with the other sealed columns.
    expect(sealedColumns().map((c) => `${c.table}.${c.column}`)).toContain('services.address_sealed');
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'changes']).where('entity_id', '=', created.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(JSON.stringify(audit)).not.toContain('Model Town');
    expect(JSON.stringify(audit)).not.toContain('Intake desk');
  });

  it('withholds a confidential address from a data officer and shows it to the provider and the keepers', async () => {
    const id = (
      await callRoute(ctx, 'createService', { body: shelter({ name: 'Withheld shelter', providerUserIds: [ctx.users.service_provider.id] }) }, 'admin')
    ).body.id;
    const officer = await callRoute(ctx, 'getService', { params: { id } }, 'data_officer');
    expect(officer.status).toBe(200);
    expect(officer.body.address).toBeNull();
    expect(officer.body.addressWithheld).toBe(true);
    expect(officer.raw).not.toContain('Model Town');
    const listed = await callRoute(ctx, 'listServices', { query: { need: 'shelter' } }, 'data_officer');
    expect(listed.raw).not.toContain('Model Town');
    for (const role of ['service_provider', 'supervisor', 'admin'] as const) {
      const seen = await callRoute(ctx, 'getService', { params: { id } }, role);
      expect(seen.body.address?.address1, role).toBe(SHELTER_ADDRESS);
      expect(seen.body.addressWithheld).toBe(false);
    }
    // A medical centre's address is not confidential: everyone who reads the directory sees it.
    const clinic = await callRoute(
      ctx,
      'createService',
      { body: { name: 'Open clinic', type: 'medical', countryCode: 'PK', address: { address1: 'Mall Road 1' } } },
      'admin',
    );
    expect((await callRoute(ctx, 'getService', { params: { id: clinic.body.id } }, 'data_officer')).body.address?.address1).toBe('Mall Road 1');
  });

  it('finds services by need, province, sex, age and language, with capacity', async () => {
    const make = async (body: CreateServiceBody) => (await callRoute(ctx, 'createService', { body }, 'admin')).body.id;
    const women = await make(shelter({ name: 'Filter shelter', province: 'Sindh' }));
    const children = await make({
      name: 'Filter child protection',
      type: 'child_protection',
      countryCode: 'PK',
      province: 'Sindh',
      eligibility: { minimumAge: 0, maximumAge: 17 },
      languages: ['ps', 'ur'],
    });
    const national = await make({ name: 'Filter legal aid', type: 'legal_aid', countryCode: 'PK', languages: ['ur'] });
    const find = async (query: Record<string, string>) =>
      (await callRoute(ctx, 'listServices', { query: { province: 'Sindh', ...query } }, 'data_officer')).body.items.map((s) => s.id);
    expect(await find({ need: 'shelter', sex: 'female', age: '25', language: 'ur' })).toEqual([women]);
    expect(await find({ need: 'shelter', sex: 'male' })).toEqual([]);
    expect(await find({ need: 'shelter', age: '70' })).toEqual([]);
    expect(await find({ need: 'shelter', age: '17' })).toEqual([]);
    expect(await find({ need: 'child_protection', age: '12', language: 'ps' })).toEqual([children]);
    expect(await find({ need: 'child_protection', age: '18' })).toEqual([]);
    expect(await find({ need: 'child_protection', language: 'bal' })).toEqual([]);
    // A service of no province serves the whole country.
    expect(await find({ need: 'legal_aid' })).toEqual([national]);
    expect(await find({ need: 'shelter', province: 'Balochistan' })).toEqual([]);
    const all = (await callRoute(ctx, 'listServices', { query: { province: 'Sindh', need: 'shelter' } }, 'supervisor')).body.items;
    expect(all[0]?.capacity).toMatchObject({ bedsTotal: 20, bedsFree: null });
    expect((await callRoute(ctx, 'listServices', { query: { age: 'old' } }, 'data_officer')).status).toBe(400);
    expect((await callRoute(ctx, 'listServices', { query: { need: 'spa' } }, 'data_officer')).status).toBe(400);
  });

  it('lets a provider update its own service’s capacity, and answers 404 on another’s and 403 to a data officer', async () => {
    const own = (
      await callRoute(ctx, 'createService', { body: shelter({ name: 'Own shelter', providerUserIds: [ctx.users.service_provider.id] }) }, 'supervisor')
    ).body.id;
    const others = (await callRoute(ctx, 'createService', { body: shelter({ name: 'Their shelter', providerUserIds: [otherProviderId] }) }, 'supervisor')).body
      .id;
    const updated = await callRoute(ctx, 'updateServiceCapacity', { params: { id: own }, body: { bedsFree: 3 } }, 'service_provider');
    expect(updated.status, updated.raw).toBe(200);
    expect(updated.body.capacity).toMatchObject({ bedsFree: 3, bedsTotal: 20, updatedBy: { id: ctx.users.service_provider.id } });
    expect(updated.body.capacity.updatedAt).not.toBeNull();
    expect((await callRoute(ctx, 'updateServiceCapacity', { params: { id: others }, body: { bedsFree: 1 } }, 'service_provider')).status).toBe(404);
    expect((await callRoute(ctx, 'getService', { params: { id: others } }, 'service_provider')).status).toBe(404);
    expect((await callRoute(ctx, 'updateServiceCapacity', { params: { id: own }, body: { bedsFree: 1 } }, 'data_officer')).status).toBe(403);
    expect((await callRoute(ctx, 'updateService', { params: { id: own }, body: { name: 'Renamed' } }, 'service_provider')).status).toBe(403);
    // More free beds than beds: refused, nothing changed.
    expect((await callRoute(ctx, 'updateServiceCapacity', { params: { id: own }, body: { bedsFree: 21 } }, 'service_provider')).status).toBe(422);
    expect((await callRoute(ctx, 'updateServiceCapacity', { params: { id: own }, body: {} }, 'service_provider')).status).toBe(400);
    const unchanged = (await callRoute(ctx, 'getService', { params: { id: own } }, 'supervisor')).body;
    expect(unchanged.capacity.bedsFree).toBe(3);
    expect((await callRoute(ctx, 'updateServiceCapacity', { params: { id: others }, body: { bedsFree: 5 } }, 'supervisor')).status).toBe(200);
    // The provider's list holds only its own services.
    const mine = (await callRoute(ctx, 'listServices', { query: { need: 'shelter' } }, 'service_provider')).body.items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.providers.some((p) => p.id === ctx.users.service_provider.id))).toBe(true);
    const audit = await ctx.db.selectFrom('audit_log').select(['changes', 'user_id']).where('entity_id', '=', own).where('action', '=', 'update').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.user_id).toBe(ctx.users.service_provider.id);
  });

  it('keeps providerUserIds to existing service_provider accounts (422, nothing changed)', async () => {
    const id = (await callRoute(ctx, 'createService', { body: shelter({ name: 'Provider check' }) }, 'supervisor')).body.id;
    const notProvider = await callRoute(ctx, 'updateService', { params: { id }, body: { providerUserIds: [ctx.users.data_officer.id] } }, 'supervisor');
    expect(notProvider.status).toBe(422);
    expect((JSON.parse(notProvider.raw) as ApiError).error.details[0]?.path).toBe('providerUserIds.0');
    const unknown = await callRoute(
      ctx,
      'updateService',
      { params: { id }, body: { providerUserIds: ['00000000-0000-7000-8000-000000000000'], name: 'Changed' } },
      'supervisor',
    );
    expect(unknown.status).toBe(422);
    const after = (await callRoute(ctx, 'getService', { params: { id } }, 'supervisor')).body;
    expect(after.providers).toEqual([]);
    expect(after.name).toBe('Provider check');
    // Naming an account hands it the confidential address: not to an account of another country, nor a deactivated one.
    const afghanProvider = await createUser(ctx.db, null, {
      email: 'kabul-provider@test.example',
      name: 'Kabul provider',
      role: 'service_provider',
      password: 'correct horse battery',
      countries: ['AF'],
    });
    const gone = await createUser(ctx.db, null, {
      email: 'gone-provider@test.example',
      name: 'Gone provider',
      role: 'service_provider',
      password: 'correct horse battery',
      countries: ['PK'],
    });
    await ctx.db.updateTable('users').set({ active: false }).where('id', '=', gone.id).execute();
    for (const refused of [afghanProvider.id, gone.id]) {
      const answer = await callRoute(
        ctx,
        'updateService',
        { params: { id }, body: { providerUserIds: [ctx.users.service_provider.id, refused] } },
        'supervisor',
      );
      expect(answer.status).toBe(422);
      expect((JSON.parse(answer.raw) as ApiError).error.details[0]?.path).toBe('providerUserIds.1');
    }
    expect((await callRoute(ctx, 'getService', { params: { id } }, 'supervisor')).body.providers).toEqual([]);
    const accounts = await callRoute(ctx, 'listProviderAccounts', {}, 'supervisor');
    expect(accounts.body.items.map((a) => a.id).sort()).toEqual([ctx.users.service_provider.id, otherProviderId].sort());
    expect((await callRoute(ctx, 'listProviderAccounts', {}, 'data_officer')).status).toBe(403);
    const assigned = await callRoute(ctx, 'updateService', { params: { id }, body: { providerUserIds: [otherProviderId] } }, 'supervisor');
    expect(assigned.status).toBe(200);
    expect(assigned.body.providers.map((p) => p.id)).toEqual([otherProviderId]);
    const audit = await ctx.db.selectFrom('audit_log').select(['changes']).where('entity_id', '=', id).where('action', '=', 'update').execute();
    expect(JSON.stringify(audit[0]?.changes)).toContain(otherProviderId);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await count();
    expect((await callRoute(ctx, 'createService', { body: { ...shelter(), type: 'spa' as 'shelter' } }, 'admin')).status).toBe(400);
    expect((await callRoute(ctx, 'createService', { body: shelter({ eligibility: { minimumAge: 30, maximumAge: 20 } }) }, 'admin')).status).toBe(400);
    expect((await callRoute(ctx, 'createService', { body: shelter({ languages: ['Urdu language'] }) }, 'admin')).status).toBe(400);
    expect((await callRoute(ctx, 'createService', { body: shelter({ countryCode: 'XX' }) }, 'admin')).status).toBe(400);
    expect(
      (await callRoute(ctx, 'createService', { body: shelter({ openingHours: [{ days: ['MO'], opensAt: '25:00', closesAt: '10:00' }] }) }, 'admin')).status,
    ).toBe(400);
    expect((await callRoute(ctx, 'createService', { body: shelter() }, 'data_officer')).status).toBe(403);
    expect(await count()).toBe(before);
    const id = (await callRoute(ctx, 'listServices', { query: {} }, 'admin')).body.items[0]?.id ?? '';
    expect((await callRoute(ctx, 'updateService', { params: { id }, body: {} }, 'admin')).status).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/services/not-an-id', headers: ctx.as('admin') })).statusCode).toBe(400);
  });

  it('hides another country’s services (404) from a user limited to Pakistan', async () => {
    const afghan = await callRoute(ctx, 'createService', { body: shelter({ name: 'Kabul shelter', countryCode: 'AF', province: 'Kabul' }) }, 'admin');
    expect(afghan.status).toBe(201);
    const id = afghan.body.id;
    expect((await callRoute(ctx, 'getService', { params: { id } }, 'supervisor')).status).toBe(404);
    expect((await callRoute(ctx, 'getService', { params: { id } }, 'data_officer')).status).toBe(404);
    expect((await callRoute(ctx, 'updateService', { params: { id }, body: { name: 'Moved' } }, 'supervisor')).status).toBe(404);
    expect((await callRoute(ctx, 'updateServiceCapacity', { params: { id }, body: { bedsFree: 1 } }, 'supervisor')).status).toBe(404);
    const listed = (await callRoute(ctx, 'listServices', { query: { need: 'shelter' } }, 'supervisor')).body.items;
    expect(listed.map((s) => s.id)).not.toContain(id);
    expect((await callRoute(ctx, 'listServices', { query: { countryCode: 'AF' } }, 'supervisor')).body.items).toEqual([]);
    expect((await callRoute(ctx, 'createService', { body: shelter({ countryCode: 'AF' }) }, 'supervisor')).status).toBe(403);
    expect((await callRoute(ctx, 'getService', { params: { id } }, 'admin')).body.name).toBe('Kabul shelter');
  });

  it('exports HSDS CSV files, withholding confidential addresses unless asked', async () => {
    const { zip } = await exportZip(ctx, 'format=hsds');
    const names = Object.keys(zip.files).sort();
    for (const file of [
      'organizations.csv',
      'services.csv',
      'locations.csv',
      'addresses.csv',
      'service_at_locations.csv',
      'languages.csv',
      'schedules.csv',
      'attributes.csv',
    ])
      expect(names).toContain(file);
    const services = (await zip.file('services.csv')?.async('string')) ?? '';
    expect(services.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
      'id,organization_id,name,alternate_name,description,email,status,eligibility_description,minimum_age,maximum_age,last_modified',
    );
    expect(services).toContain('Dar-ul-Aman Lahore');
    expect((await zip.file('addresses.csv')?.async('string')) ?? '').not.toContain('Model Town');
    expect((await zip.file('addresses.csv')?.async('string')) ?? '').toContain('Mall Road 1');
    const included = await exportZip(ctx);
    expect((await included.zip.file('addresses.csv')?.async('string')) ?? '').toContain('Model Town');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/services/export?format=hsds', headers: ctx.as('data_officer') })).statusCode).toBe(403);
  });

  it('an import dry run reports what would change and changes nothing; applied, it changes all or nothing', async () => {
    const { buffer, zip } = await exportZip(ctx);
    const total = await count();
    const same = await importZip(ctx, buffer, true);
    expect(same.statusCode, same.body.slice(0, 300)).toBe(200);
    const sameReport = json<ServiceImportReport>(same);
    expect(sameReport).toMatchObject({ dryRun: true, applied: false, created: [], changed: [], errors: [] });
    expect(sameReport.unchanged).toBe(total);
    // Rename one service and add another.
    const csv = ((await zip.file('services.csv')?.async('string')) ?? '').replace('Dar-ul-Aman Lahore', 'Dar-ul-Aman Lahore (new wing)');
    const newId = '01900000-0000-7000-8000-00000000abcd';
    const extraAttributes = `\n${['01900000-0000-7000-8000-0000000000a1', newId, '', 'service_type', 'service', 'interpretation', ''].join(',')}\n${['01900000-0000-7000-8000-0000000000a2', newId, '', 'country', 'service', 'PK', ''].join(',')}\n`;
    zip.file('services.csv', `${csv.trimEnd()}\n${newId},,Imported interpreters,,,,active,,,,\n`);
    zip.file('attributes.csv', `${((await zip.file('attributes.csv')?.async('string')) ?? '').trimEnd()}${extraAttributes}`);
    const changedZip = await zip.generateAsync({ type: 'nodebuffer' });
    const dry = json<ServiceImportReport>(await importZip(ctx, changedZip, true));
    expect(dry.errors).toEqual([]);
    expect(dry.created.map((c) => c.name)).toEqual(['Imported interpreters']);
    expect(dry.changed.map((c) => c.fields)).toEqual([['name']]);
    expect(await count()).toBe(total);
    expect((await callRoute(ctx, 'getService', { params: { id: newId } }, 'admin')).status).toBe(404);
    // A bad row: applied, the whole file is refused.
    zip.file('services.csv', `${csv.trimEnd()}\n${newId},,Imported interpreters,,,,nonsense,,,,\n`);
    const refused = await importZip(ctx, await zip.generateAsync({ type: 'nodebuffer' }), false);
    expect(refused.statusCode).toBe(422);
    expect(json<ApiError>(refused).error.code).toBe('import_invalid');
    expect(await count()).toBe(total);
    const names = (await ctx.db.selectFrom('services').select('name').execute()).map((r) => r.name);
    expect(names).not.toContain('Dar-ul-Aman Lahore (new wing)');
    const applied = json<ServiceImportReport>(await importZip(ctx, changedZip, false));
    expect(applied).toMatchObject({ applied: true, dryRun: false });
    expect(await count()).toBe(total + 1);
    expect((await callRoute(ctx, 'getService', { params: { id: newId } }, 'admin')).body).toMatchObject({
      type: 'interpretation',
      name: 'Imported interpreters',
    });
    // Not a ZIP: 422, nothing changed.
    expect((await importZip(ctx, Buffer.from('name,type\nx,y\n'), false)).statusCode).toBe(422);
  });

  it('round-trips: an export imported into another installation exports the same directory', async () => {
    const first = await exportZip(ctx);
    const other = await createTestContext(engine);
    try {
      const imported = await importZip(other, first.buffer, false);
      expect(imported.statusCode, imported.body.slice(0, 300)).toBe(200);
      expect(json<ServiceImportReport>(imported).errors).toEqual([]);
      const second = await exportZip(other);
      for (const file of [
        'services.csv',
        'attributes.csv',
        'addresses.csv',
        'languages.csv',
        'schedules.csv',
        'contacts.csv',
        'phones.csv',
        'organizations.csv',
        'locations.csv',
      ]) {
        const lines = async (z: JSZip) =>
          ((await z.file(file)?.async('string')) ?? '')
            .split('\n')
            // last_modified differs: the second installation made its rows now.
            .map((line) => (file === 'services.csv' ? line.replace(/,[^,]*$/, '') : line))
            .sort();
        expect(await lines(second.zip), file).toEqual(await lines(first.zip));
      }
      const reimport = json<ServiceImportReport>(await importZip(other, second.buffer, true));
      expect(reimport.changed).toEqual([]);
      expect(reimport.created).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('an import names no new organisation for a supervisor (who may not add one), and types a new one "other" for an administrator', async () => {
    // One service (typed and placed through HSDS attributes) of an organisation this installation does not know.
    const orgId = '0190f0a0-0000-7000-8000-00000000abcd';
    const serviceId = '0190f0a0-0000-7000-8000-00000000abce';
    const zip = new JSZip();
    zip.file('organizations.csv', `id,name,alternate_name,description,email,website\n${orgId},Police Station Saddar,,,,\n`);
    zip.file('services.csv', `id,organization_id,name,status,description\n${serviceId},${orgId},Saddar desk,active,\n`);
    zip.file(
      'attributes.csv',
      `id,link_id,taxonomy_term_id,link_type,link_entity,value\n,${serviceId},,service_type,service,legal_aid\n,${serviceId},,country,service,PK\n`,
    );
    const buffer = await zip.generateAsync({ type: 'nodebuffer' });
    const upload = multipartFile('directory.zip', 'application/zip', buffer);
    const bySupervisor = await ctx.app.inject({
      method: 'POST',
      url: '/api/services/import?dryRun=true',
      headers: { ...ctx.as('supervisor'), 'content-type': upload.contentType },
      payload: upload.payload,
    });
    const refused = json<ServiceImportReport>(bySupervisor);
    expect(refused.errors.map((e) => e.field)).toEqual(['organization_id']);
    expect(bySupervisor.body).toContain('Police Station Saddar');
    const byAdmin = await importZip(ctx, buffer, true);
    const report = json<ServiceImportReport>(byAdmin);
    expect(report.errors, byAdmin.body.slice(0, 300)).toEqual([]);
    expect(report.organizationsCreated.map((o) => o.name)).toEqual(['Police Station Saddar']);
  });
});
