import type { ApiError, HistoryEntry, Person, Role } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { make } from '../../../test/factories.js';
import { createTestContext, json, signIn, TEST_PASSWORD, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { createUser } from '../users/users.service.js';
import { verifyAuditChain } from './audit.service.js';

const BOM = '\uFEFF';

/**
 * History names the records its entries refer to (the entries keep ids), hides those of countries the
 * reader does not work in, groups an import's participants into its one entry, and a merge keeps
 * the values the person chose. Every user but the administrator works in Pakistan only.
 */
describe.each(testEngines())('history read with names, on %s', (engine) => {
  let ctx: TestContext;
  let afCookie = '';
  const ids: Record<string, string> = {};

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: Role | 'af', payload?: Record<string, unknown>) =>
    ctx.app.inject({ method, url, headers: who === 'af' ? { cookie: afCookie } : ctx.as(who), ...(payload ? { payload } : {}) });
  const history = async (url: string, who: Role | 'af' = 'viewer') => {
    const response = await call('GET', url, who);
    expect(response.statusCode, response.body).toBe(200);
    return { body: response.body, items: json<{ items: HistoryEntry[] }>(response).items };
  };

  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
    const af = await createUser(ctx.db, null, {
      email: `af-manager-${engine}@test.example`,
      name: 'Kabul Manager',
      role: 'programme_manager',
      password: TEST_PASSWORD,
      countries: ['AF'],
    });
    ids.afManager = af.id;
    afCookie = await signIn(ctx.app, `af-manager-${engine}@test.example`);
    ids.programme = (await make.programme(ctx, { name: 'Border programme', countries: ['PK', 'AF'] })).id;
    ids.pp = (await make.organization(ctx, { name: 'Punjab Police', countryCode: 'PK' })).id;
    ids.unodc = (await make.organization(ctx, { name: 'UNODC', type: 'international', countryCode: null })).id;
    ids.ayesha = (await make.person(ctx, { fullName: 'Ayesha Pak', organizationId: ids.pp, countryCode: 'PK' })).id;
    ids.zarmina = (await make.person(ctx, { fullName: 'Zarmina Afghan', countryCode: 'AF' })).id;
    ids.bilal = (await make.person(ctx, { fullName: 'Bilal Gone', countryCode: 'PK' })).id;
    ids.event = (await make.event(ctx, { programmeId: ids.programme, title: 'Border workshop' })).id;
    for (const personId of [ids.ayesha, ids.zarmina, ids.bilal]) {
      const added = await call('POST', `/api/events/${ids.event}/participants`, 'admin', { personId });
      expect(added.statusCode, added.body).toBe(201);
    }
    // Bilal is taken off the list, then deleted: his history entries stay, his record is gone.
    expect((await call('DELETE', `/api/events/${ids.event}/participants/${ids.bilal}`, 'admin')).statusCode).toBe(204);
    expect((await call('DELETE', `/api/people/${ids.bilal}`, 'admin')).statusCode).toBe(204);
    // Ayesha is renamed after she was put on the list: the history names her as she is called today.
    expect((await call('PATCH', `/api/people/${ids.ayesha}`, 'admin', { fullName: 'Ayesha Bibi' })).statusCode).toBe(200);
    // The Afghan manager changes the programme of both countries, which Pakistani users see too.
    const patched = await call('PATCH', `/api/programmes/${ids.programme}`, 'af', { donor: 'Kabul donor' });
    expect(patched.statusCode, patched.body).toBe(200);
  });
  afterAll(async () => ctx.close());

  it("names an event's participants, programme and author, with 'deleted' for a record that is gone", async () => {
    const { items } = await history(`/api/events/${ids.event}/history`, 'admin');
    const all = Object.assign({}, ...items.map((e) => e.refs)) as HistoryEntry['refs'];
    expect(all[ids.ayesha!]).toEqual({ type: 'person', name: 'Ayesha Bibi', exists: true });
    expect(all[ids.zarmina!]).toEqual({ type: 'person', name: 'Zarmina Afghan', exists: true });
    expect(all[ids.bilal!]).toEqual({ type: 'person', name: null, exists: false });
    expect(all[ids.programme!]).toEqual({ type: 'programme', name: 'Border programme', exists: true });
    expect(all[ctx.users.admin.id]).toEqual({ type: 'user', name: 'Test admin', exists: true });
    // The entries themselves still hold what was written: ids, and the name at the time.
    const added = items.find((e) => `participant:${ids.ayesha}` in e.changes && e.changes[`participant:${ids.ayesha}`]?.from === null);
    expect(added?.changes[`participant:${ids.ayesha}`]?.to).toEqual({ name: 'Ayesha Pak', role: 'participant' });
  });

  it("shows a Pakistan-only reader no Afghan name or id: not in refs, changes, or as an entry's author", async () => {
    const event = await history(`/api/events/${ids.event}/history`);
    for (const secret of ['Zarmina', ids.zarmina!, 'Kabul Manager', ids.afManager!]) expect(event.body).not.toContain(secret);
    const refs = Object.assign({}, ...event.items.map((e) => e.refs)) as HistoryEntry['refs'];
    expect(refs[ids.ayesha!]?.name).toBe('Ayesha Bibi');
    expect(Object.values(refs).map((r) => r.name)).not.toContain('Zarmina Afghan');

    const programme = await history(`/api/programmes/${ids.programme}/history`);
    expect(programme.body).not.toContain('Kabul Manager');
    expect(programme.body).not.toContain(ids.afManager);
    expect(programme.items[0]).toMatchObject({ action: 'update', userId: null, userName: null, userHidden: true });
    // The administrator sees who it was.
    const admin = await history(`/api/programmes/${ids.programme}/history`, 'admin');
    expect(admin.items[0]).toMatchObject({ userId: ids.afManager, userName: 'Kabul Manager', userHidden: false });
    expect(admin.items[0]?.refs[ids.afManager!]).toEqual({ type: 'user', name: 'Kabul Manager', exists: true });
  });

  it("names a person's organisation in their history, and the event an import put them on", async () => {
    const { items } = await history(`/api/people/${ids.ayesha}/history`);
    const created = items.find((e) => e.action === 'create');
    expect(created?.refs[ids.pp!]).toEqual({ type: 'organization', name: 'Punjab Police', exists: true });
  });

  it('groups an import into one event entry listing every person added, and keeps the chain intact', async () => {
    const event = await make.event(ctx, { programmeId: ids.programme, title: 'Imported workshop' });
    const names = Array.from({ length: 24 }, (_, i) => `Imported Person ${i + 1}`);
    const csv = `${BOM}full_name,sex\r\n${names.map((n) => `${n},F`).join('\r\n')}\r\n`;
    const boundary = 'history-boundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const imported = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/participants/import?dryRun=false`,
      headers: { ...ctx.as('admin'), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const { items } = await history(`/api/events/${event.id}/history`);
    const imports = items.filter((e) => e.action === 'import');
    expect(imports).toHaveLength(1);
    const entry = imports[0]!;
    const placed = Object.keys(entry.changes).filter((k) => k.startsWith('participant:'));
    expect(placed).toHaveLength(24);
    expect(placed.map((k) => entry.refs[k.slice('participant:'.length)]?.name).sort()).toEqual([...names].sort());
    expect(entry.changes.participants).toEqual({ from: null, to: 24 });
    // No separate per-participant entries on the event.
    expect(items.filter((e) => e.action === 'participants')).toHaveLength(0);
    expect((await verifyAuditChain(ctx.db)).intact).toBe(true);
  });

  describe('merging with chosen values', () => {
    const merge = (keepId: string, payload: Record<string, unknown>) => call('POST', `/api/people/${keepId}/merge`, 'programme_manager', payload);

    it('keeps the values chosen from either record, and records them in the merge entry', async () => {
      const sindh = await make.organization(ctx, { name: 'Sindh Police', countryCode: 'PK' });
      const keep = await make.person(ctx, { fullName: 'Merge Kept', sex: 'female', birthYear: 1980, phone: '0300 1111111', organizationId: ids.pp });
      const dup = await make.person(ctx, {
        fullName: 'Merge Chosen Name',
        sex: 'male',
        birthYear: 1985,
        phone: '0300 2222222',
        email: 'chosen@example.pk',
        organizationId: sindh.id,
        designation: 'Inspector',
      });
      const response = await merge(keep.id, {
        duplicateId: dup.id,
        values: { fullName: 'Merge Chosen Name', birthYear: 1985, organizationId: sindh.id, phone: '0300 1111111' },
      });
      expect(response.statusCode, response.body).toBe(200);
      const person = json<{ person: Person }>(response).person;
      expect(person).toMatchObject({
        fullName: 'Merge Chosen Name',
        sex: 'female', // not chosen: the kept record's
        birthYear: 1985,
        phone: '0300 1111111',
        email: 'chosen@example.pk', // not chosen, kept record had none: the duplicate's
        designation: 'Inspector',
        organization: { id: sindh.id, name: 'Sindh Police' },
      });
      const row = await ctx.db.selectFrom('people').select(['name_normalized', 'phone_normalized']).where('id', '=', keep.id).executeTakeFirstOrThrow();
      expect(row.name_normalized).toBe('merge chosen name');
      const { items } = await history(`/api/people/${keep.id}/history`);
      expect(items[0]).toMatchObject({
        action: 'merge',
        changes: { fullName: { from: 'Merge Kept', to: 'Merge Chosen Name' }, birthYear: { from: 1980, to: 1985 } },
      });
      expect(items[0]?.refs[dup.id]).toEqual({ type: 'person', name: null, exists: false });
    });

    it('refuses a value neither record has (400) and changes nothing', async () => {
      const keep = await make.person(ctx, { fullName: 'Refuse Kept', birthYear: 1970 });
      const dup = await make.person(ctx, { fullName: 'Refuse Duplicate', birthYear: 1971 });
      const countBefore = (await ctx.db.selectFrom('audit_log').select('id').execute()).length;
      for (const values of [{ fullName: 'Someone Else' }, { birthYear: 1999 }, { organizationId: ids.unodc }, { sex: 'other' }]) {
        const response = await merge(keep.id, { duplicateId: dup.id, values });
        expect(response.statusCode, response.body).toBe(400);
        const error = json<ApiError>(response).error;
        expect(error.code).toBe('validation_failed');
        expect(error.details.map((d) => d.path)).toEqual([`values.${Object.keys(values)[0]}`]);
      }
      const unknownField = await merge(keep.id, { duplicateId: dup.id, values: { createdAt: '2020-01-01' } });
      expect(unknownField.statusCode).toBe(400);
      expect((await call('GET', `/api/people/${dup.id}`, 'admin')).statusCode).toBe(200);
      expect(json<Person>(await call('GET', `/api/people/${keep.id}`, 'admin'))).toMatchObject({ fullName: 'Refuse Kept', birthYear: 1970 });
      expect((await ctx.db.selectFrom('audit_log').select('id').execute()).length).toBe(countBefore);
    });

    it('still refuses a duplicate of another country to a Pakistan-only manager (404)', async () => {
      const keep = await make.person(ctx, { fullName: 'Country Kept' });
      const response = await merge(keep.id, { duplicateId: ids.zarmina, values: { fullName: 'Zarmina Afghan' } });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Zarmina');
    });
  });
});
