import type { CreatePersonBody, OrganizationType, Sex } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { createTestDatabase, testEngines } from '../../db/test-db.js';
import { newId } from '../../shared/ids.js';
import { normalizeEmail, normalizePhone, normalizeText, personNameKey } from '../../shared/normalize.js';
import { insertOrganization } from '../organizations/organizations.repository.js';
import { personRowFrom } from '../people/people.service.js';
import * as repo from './people.repository.js';

const NOW = '2025-01-02T03:04:05.000Z';

async function organization(db: Db, name: string, type: OrganizationType, countryCode: string | null = 'PK'): Promise<string> {
  const id = newId();
  await insertOrganization(db, {
    id,
    name,
    name_normalized: normalizeText(name),
    acronym: null,
    acronym_normalized: null,
    type,
    country_code: countryCode,
    province: null,
    created_at: NOW,
    updated_at: NOW,
  });
  return id;
}

async function person(db: Db, body: Partial<CreatePersonBody> & { fullName: string }, countryCode: string | null = 'PK'): Promise<string> {
  const id = newId();
  await repo.insertPerson(db, personRowFrom({ sex: 'unknown' as Sex, ...body }, { id, now: NOW, countryCode }));
  return id;
}

describe.each(testEngines())('people repository on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let police: string;
  let ngo: string;
  const ids: Record<string, string> = {};

  const list = async (q: string | undefined, extra: Partial<Parameters<typeof repo.listPeople>[1]> = {}) => {
    const rows = await repo.listPeople(db, {
      limit: 100,
      qNormalized: q === undefined ? undefined : normalizeText(q),
      qEmail: q === undefined ? undefined : normalizeEmail(q),
      qPhone: q === undefined ? undefined : normalizePhone(q),
      countries: null,
      ...extra,
    });
    // Sorted here: the order itself (which follows the server's collation) is tested on its own below.
    return rows.map((r) => r.full_name).sort();
  };

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    db = handle.db;
    police = await organization(db, 'Punjab Police', 'law_enforcement');
    ngo = await organization(db, 'Sahil', 'civil_society');
    ids.aliKhan = await person(db, { fullName: 'Ali Khan', sex: 'male', organizationId: police, province: 'Punjab', phone: '0300-1234567' });
    ids.muhammadAli = await person(db, { fullName: 'Muhammad Ali', sex: 'male', organizationId: ngo, province: 'Sindh', email: 'M.Ali@Example.org' });
    ids.alia = await person(db, { fullName: 'Alia Bibi', sex: 'female', province: 'Punjab' });
    ids.khalid = await person(db, { fullName: 'Khalid Mahmood', sex: 'male', organizationId: police });
    ids.urdu = await person(db, { fullName: 'فاطمہ علی', sex: 'female', organizationId: ngo });
    ids.afghan = await person(db, { fullName: 'Ali Ahmadzai', sex: 'male' }, 'AF');
    ids.shakeel = await person(db, { fullName: 'Shakeel Akhtar', sex: 'male', phone: '+92 321 7654321' });
  });
  afterAll(async () => handle.destroy());

  it('finds people by the start of their name and of any later word, not inside a word', async () => {
    expect(await list('ali')).toEqual(['Ali Ahmadzai', 'Ali Khan', 'Alia Bibi', 'Muhammad Ali']);
    expect(await list('kha')).toEqual(['Ali Khan', 'Khalid Mahmood']);
    expect(await list('muhammad a')).toEqual(['Muhammad Ali']);
    expect(await list('akh')).toEqual(['Shakeel Akhtar']);
    expect(await list('mahmood')).toEqual(['Khalid Mahmood']);
    expect(await list('hali')).toEqual([]);
  });

  it('searches case- and accent-blind and in Urdu, Arabic keyboard letters included', async () => {
    expect(await list('ALÍ KH')).toEqual(['Ali Khan']);
    expect(await list('علی')).toEqual(['فاطمہ علی']);
    expect(await list('فاطمه')).toEqual(['فاطمہ علی']);
  });

  it('finds a person by e-mail written in any case', async () => {
    expect(await list('m.ali@example.org')).toEqual(['Muhammad Ali']);
    expect(await list('M.ALI@EXAMPLE.ORG')).toEqual(['Muhammad Ali']);
  });

  it('finds a person by phone written nationally or internationally', async () => {
    expect(await list('03001234567')).toEqual(['Ali Khan']);
    expect(await list('+92 300 1234567')).toEqual(['Ali Khan']);
    expect(await list('0321-7654321')).toEqual(['Shakeel Akhtar']);
  });

  it('filters by organisation, sex, province and the countries the user sees', async () => {
    expect(await list(undefined, { organizationId: police })).toEqual(['Ali Khan', 'Khalid Mahmood']);
    expect(await list(undefined, { sex: 'female' })).toEqual(['Alia Bibi', 'فاطمہ علی']);
    expect(await list('ali', { province: 'Punjab' })).toEqual(['Ali Khan', 'Alia Bibi']);
    expect(await list('ali', { countries: ['AF'] })).toEqual(['Ali Ahmadzai']);
    expect(await list('ali', { countries: ['PK'] })).toEqual(['Ali Khan', 'Alia Bibi', 'Muhammad Ali']);
  });

  it('orders by normalised name then id, and reads the organisation along', async () => {
    const rows = await repo.listPeople(db, { limit: 100, countries: null, organizationId: police });
    expect(rows.map((r) => [r.full_name, r.org_name, r.org_type])).toEqual([
      ['Ali Khan', 'Punjab Police', 'law_enforcement'],
      ['Khalid Mahmood', 'Punjab Police', 'law_enforcement'],
    ]);
  });

  it('returns limit + 1 rows so that the caller knows another page exists', async () => {
    expect(await repo.listPeople(db, { limit: 2, countries: null })).toHaveLength(3);
  });

  it('pages with a keyset cursor through many people of the same name without losing or repeating one', async () => {
    const twins: string[] = [];
    for (let i = 0; i < 11; i += 1) twins.push(await person(db, { fullName: i % 2 === 0 ? 'Zara Twin' : 'ZARA  twin', sex: 'female' }));
    twins.push(await person(db, { fullName: 'Zara Twin-Extra', sex: 'female' }));
    const seen: string[] = [];
    let after: { sort: string; id: string } | undefined;
    for (let page = 0; page < 20; page += 1) {
      const rows = await repo.listPeople(db, { limit: 4, countries: null, qNormalized: 'zara', after });
      const pageRows = rows.slice(0, 4);
      seen.push(...pageRows.map((r) => r.id));
      const last = pageRows[pageRows.length - 1];
      if (rows.length <= 4 || !last) break;
      after = { sort: last.name_normalized, id: last.id };
    }
    expect(seen).toHaveLength(twins.length);
    expect(new Set(seen)).toEqual(new Set(twins));
    const all = await repo.listPeople(db, { limit: 100, countries: null, qNormalized: 'zara' });
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it('matches people on name key, phone or e-mail, each on its own', async () => {
    const byName = await repo.findPeopleMatching(db, { nameKey: personNameKey('Dr. Mohd Ali') });
    expect(byName.map((r) => r.id)).toEqual([ids.muhammadAli]);
    const byPhone = await repo.findPeopleMatching(db, { phone: normalizePhone('0092 300 1234567') });
    expect(byPhone.map((r) => r.id)).toEqual([ids.aliKhan]);
    const byEmail = await repo.findPeopleMatching(db, { email: normalizeEmail('m.ali@EXAMPLE.org') });
    expect(byEmail.map((r) => r.id)).toEqual([ids.muhammadAli]);
    const any = await repo.findPeopleMatching(db, { nameKey: personNameKey('Alia Bibi'), phone: normalizePhone('0321 7654321') });
    expect(any.map((r) => r.id).sort()).toEqual([ids.alia, ids.shakeel].sort());
    expect(await repo.findPeopleMatching(db, {})).toEqual([]);
  });

  it('lists everybody’s match keys for an import', async () => {
    const keys = await repo.listPersonMatchKeys(db);
    const aliKhan = keys.find((k) => k.id === ids.aliKhan);
    expect(aliKhan).toEqual({
      id: ids.aliKhan,
      full_name: 'Ali Khan',
      name_key: 'ali khan',
      organization_id: police,
      phone_normalized: '923001234567',
      email_normalized: null,
      country_code: 'PK',
    });
  });

  it('inserts in batches larger than one statement allows and reads them all back', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) =>
      personRowFrom({ fullName: `Batch Person ${i}`, sex: i % 2 ? 'male' : 'female' }, { id: newId(), now: NOW, countryCode: 'PK' }),
    );
    await repo.insertPeople(db, rows);
    const found = await repo.findPeople(
      db,
      rows.map((r) => r.id),
    );
    expect(found).toHaveLength(1234);
  });

  it('updates and deletes a person row', async () => {
    const id = await person(db, { fullName: 'Temporary Person', sex: 'unknown' });
    await repo.updatePersonRow(db, id, { sex: 'other', designation: 'ASI' });
    expect(await repo.findPerson(db, id)).toMatchObject({ sex: 'other', designation: 'ASI' });
    expect(await repo.countParticipationsOf(db, id, null)).toEqual({ visible: 0, elsewhere: 0 });
    await repo.deletePersonRow(db, id);
    expect(await repo.findPerson(db, id)).toBeUndefined();
  });
});
