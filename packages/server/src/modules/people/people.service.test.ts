import type { CreatePersonBody, OrganizationType, PersonListQuery } from '@hifazat/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { createTestDatabase, testEngines } from '../../db/test-db.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { newId } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { participationRow } from '../events/events.service.js';
import type { EventRow } from '../events/events.repository.js';
import { insertEvent } from '../events/events.repository.js';
import * as participations from '../participations/participations.repository.js';
import { insertOrganization } from '../organizations/organizations.repository.js';
import * as service from './people.service.js';

const NOW = '2025-01-02T03:04:05.000Z';
const admin: Actor = { id: newId(), name: 'Admin', email: 'admin@test', role: 'admin', countries: null };
const manager: Actor = { id: newId(), name: 'Manager', email: 'manager@test', role: 'programme_manager', countries: null };
const afghanManager: Actor = { id: newId(), name: 'AF Manager', email: 'af@test', role: 'programme_manager', countries: ['AF'] };

async function organization(db: Db, name: string, type: OrganizationType): Promise<string> {
  const id = newId();
  await insertOrganization(db, {
    id,
    name,
    name_normalized: normalizeText(name),
    acronym: null,
    acronym_normalized: null,
    type,
    country_code: 'PK',
    province: null,
    created_at: NOW,
    updated_at: NOW,
  });
  return id;
}

async function programme(db: Db): Promise<string> {
  const id = newId();
  await db
    .insertInto('programmes')
    .values({
      id,
      name: `Programme ${id}`,
      name_normalized: `programme ${id}`,
      donor: null,
      start_date: null,
      end_date: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

async function event(db: Db, programmeId: string, startDate: string, endDate: string, countryCode = 'PK'): Promise<EventRow> {
  const row: EventRow = {
    id: newId(),
    programme_id: programmeId,
    title: `Workshop ${startDate}`,
    title_normalized: normalizeText(`Workshop ${startDate}`),
    type: 'workshop',
    series: null,
    start_date: startDate,
    end_date: endDate,
    city: 'Lahore',
    province: 'Punjab',
    country_code: countryCode,
    venue: null,
    status: 'held',
    learning_objectives: null,
    created_by: null,
    created_at: NOW,
    updated_at: NOW,
  };
  await insertEvent(db, row);
  return row;
}

async function create(db: Db, body: Partial<CreatePersonBody> & { fullName: string }, actor: Actor = admin) {
  return service.createPerson(db, actor, { sex: 'unknown', countryCode: 'PK', ...body });
}

/** Puts a person on an event's list, with the days they were marked present (true) or absent (false). */
async function place(
  db: Db,
  ev: EventRow,
  personId: string,
  options: { attendedDirect?: boolean; days?: Record<string, boolean>; role?: 'participant' | 'trainer' } = {},
) {
  const person = await db
    .selectFrom('people')
    .leftJoin('organizations', 'organizations.id', 'people.organization_id')
    .select(['people.sex', 'organizations.type'])
    .where('people.id', '=', personId)
    .executeTakeFirstOrThrow();
  await participations.insertParticipations(db, [
    participationRow(ev, { id: personId, sex: person.sex, organizationType: person.type }, options.role ?? 'participant', options.attendedDirect ?? false, NOW),
  ]);
  for (const [date, present] of Object.entries(options.days ?? {})) await participations.setAttendance(db, { eventId: ev.id, personId, date, present });
  await participations.recountAttendance(db, ev.id, personId);
}

async function snapshot(db: Db) {
  const [people, parts, attendance, audit] = await Promise.all([
    db.selectFrom('people').selectAll().orderBy('id').execute(),
    db.selectFrom('participations').selectAll().orderBy('id').execute(),
    db.selectFrom('attendance').selectAll().orderBy('event_id').orderBy('person_id').orderBy('date').execute(),
    db.selectFrom('audit_log').select(['id', 'entity_id', 'action']).orderBy('id').execute(),
  ]);
  return { people, parts, attendance, audit };
}

describe.each(testEngines())('people service on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let police: string;
  let ngo: string;
  let programmeId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    db = handle.db;
    police = await organization(db, 'Punjab Police', 'law_enforcement');
    ngo = await organization(db, 'Sahil', 'civil_society');
    programmeId = await programme(db);
  });
  afterAll(async () => handle.destroy());

  describe('listing', () => {
    const query = (q: string, extra: Partial<PersonListQuery> = {}): PersonListQuery => ({ limit: 50, q, ...extra });

    it('finds a person by the e-mail or phone number typed into the search box', async () => {
      const p = await create(db, { fullName: 'Searchable Sana', sex: 'female', email: 'Sana.S@Example.PK', phone: '0333-5550001' });
      for (const q of ['sana.s@example.pk', 'SANA.S@EXAMPLE.PK', '0333-5550001', '03335550001', '+92 333 5550001', 'search', 'sana']) {
        const page = await service.listPeople(db, admin, query(q));
        expect({ q, ids: page.items.map((i) => i.id) }).toEqual({ q, ids: [p.id] });
      }
    });

    it('pages through people with equal names with stable cursors', async () => {
      const created: string[] = [];
      for (let i = 0; i < 9; i += 1) created.push((await create(db, { fullName: i % 3 === 0 ? 'Pager Same' : 'pager  SAME', sex: 'male' })).id);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await service.listPeople(db, admin, query('pager', { limit: 2, cursor }));
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 20);
      expect(pages).toBe(5);
      expect(seen).toHaveLength(9);
      expect(new Set(seen)).toEqual(new Set(created));
      // Ties on the name are broken by id, so the order is the id order.
      expect(seen).toEqual([...created].sort());
    });

    it('refuses a cursor it did not give out', async () => {
      await expect(service.listPeople(db, admin, query('pager', { cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'validation_failed' });
    });
  });

  describe('duplicates', () => {
    let withOrg: string;
    let withoutOrg: string;
    let otherOrg: string;
    let byEmail: string;
    let byPhone: string;

    beforeAll(async () => {
      withOrg = (await create(db, { fullName: 'M. Imran Qureshi', sex: 'male', organizationId: police })).id;
      withoutOrg = (await create(db, { fullName: 'Nadia Rehman', sex: 'female' })).id;
      otherOrg = (await create(db, { fullName: 'Imran Qureshi', sex: 'male', organizationId: ngo })).id;
      byEmail = (await create(db, { fullName: 'Email Person', sex: 'female', email: 'dupe@example.org' })).id;
      byPhone = (await create(db, { fullName: 'Phone Person', sex: 'male', phone: '0300 7778889' })).id;
    });

    const reasonsFor = async (query: Parameters<typeof service.findDuplicates>[2], actor: Actor = admin) =>
      Object.fromEntries((await service.findDuplicates(db, actor, query)).map((c) => [c.person.id, c.reasons]));

    it('matches the same name at the same organisation, Muhammad spelt any way', async () => {
      expect(await reasonsFor({ fullName: 'Dr. Muhammad Imran Qureshi', organizationId: police })).toEqual({ [withOrg]: ['same_name_same_organization'] });
    });

    it('does not match the same name at two different organisations', async () => {
      const found = await reasonsFor({ fullName: 'Imran Qureshi', organizationId: police });
      expect(found[otherOrg]).toBeUndefined();
    });

    it('gives the name alone as a weaker reason when one record names no organisation', async () => {
      expect(await reasonsFor({ fullName: 'Mrs. Nadia Rehman', organizationId: police })).toEqual({ [withoutOrg]: ['same_name'] });
      expect(await reasonsFor({ fullName: 'Imran Qureshi' })).toEqual({ [withOrg]: ['same_name'], [otherOrg]: ['same_name'] });
    });

    it('matches on e-mail and phone written differently', async () => {
      expect(await reasonsFor({ email: ' DUPE@example.org ' })).toEqual({ [byEmail]: ['same_email'] });
      expect(await reasonsFor({ phone: '+92-300-7778889' })).toEqual({ [byPhone]: ['same_phone'] });
    });

    it('lists every reason a person matches for, strongest first', async () => {
      const both = (await create(db, { fullName: 'Triple Match', sex: 'female', email: 'triple@example.org', phone: '0311 0000001', organizationId: ngo })).id;
      expect(await reasonsFor({ fullName: 'Triple Match', organizationId: ngo, email: 'triple@example.org', phone: '03110000001' })).toEqual({
        [both]: ['same_email', 'same_phone', 'same_name_same_organization'],
      });
    });

    it('leaves out the person being edited and people the user may not see', async () => {
      expect(await reasonsFor({ email: 'dupe@example.org', excludeId: byEmail })).toEqual({});
      expect(await reasonsFor({ email: 'dupe@example.org' }, afghanManager)).toEqual({});
    });

    it('reports possible duplicates when a person is created, and still creates them', async () => {
      const created = await create(db, { fullName: 'Phone Twin', sex: 'male', phone: '00923007778889' });
      expect(created.possibleDuplicates.map((c) => [c.person.id, c.reasons])).toEqual([[byPhone, ['same_phone']]]);
      expect((await service.getPerson(db, admin, created.id)).fullName).toBe('Phone Twin');
    });
  });

  describe('merging', () => {
    it('moves and joins participations, unites attendance days, copies blanks and removes the duplicate', async () => {
      const e1 = await event(db, programmeId, '2025-02-03', '2025-02-06');
      const e2 = await event(db, programmeId, '2025-03-01', '2025-03-01');
      const e3 = await event(db, programmeId, '2025-04-10', '2025-04-11');
      const keep = await create(db, { fullName: 'Kept Kausar', sex: 'unknown', province: 'Punjab' });
      const dup = await create(db, {
        fullName: 'Kausar Kept',
        sex: 'female',
        province: 'Sindh',
        organizationId: police,
        phone: '0300-1112223',
        email: 'kausar@example.org',
        birthYear: 1988,
        designation: 'SI',
        district: 'Karachi',
      });
      await place(db, e1, keep.id, { days: { '2025-02-03': true, '2025-02-04': false, '2025-02-06': false } });
      await place(db, e1, dup.id, { days: { '2025-02-04': true, '2025-02-05': true, '2025-02-06': false } });
      await place(db, e2, dup.id, { attendedDirect: true });
      await place(db, e3, dup.id, { days: { '2025-04-11': true } });

      const result = await service.mergePeople(db, manager, keep.id, dup.id);
      expect(result.movedParticipations).toBe(2);
      expect(result.joinedParticipations).toBe(1);

      // Blanks filled from the duplicate; what the kept record had stays.
      expect(result.person).toMatchObject({
        id: keep.id,
        fullName: 'Kept Kausar',
        sex: 'female',
        province: 'Punjab',
        district: 'Karachi',
        designation: 'SI',
        phone: '0300-1112223',
        email: 'kausar@example.org',
        birthYear: 1988,
        organization: { id: police, type: 'law_enforcement' },
      });
      const stored = await db.selectFrom('people').select(['phone_normalized', 'email_normalized']).where('id', '=', keep.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ phone_normalized: '923001112223', email_normalized: 'kausar@example.org' });

      const places = await db.selectFrom('participations').selectAll().where('person_id', '=', keep.id).execute();
      const byEvent = new Map(places.map((p) => [p.event_id, p]));
      expect(places).toHaveLength(3);
      // Attendance is the union of both registers; a day present on either counts as present.
      const days = await db.selectFrom('attendance').select(['event_id', 'date', 'present']).where('person_id', '=', keep.id).orderBy('date').execute();
      expect(days.map((d) => [d.event_id, d.date, toBoolean(d.present)])).toEqual([
        [e1.id, '2025-02-03', true],
        [e1.id, '2025-02-04', true],
        [e1.id, '2025-02-05', true],
        [e1.id, '2025-02-06', false],
        [e3.id, '2025-04-11', true],
      ]);
      expect(byEvent.get(e1.id)?.days_present).toBe(3);
      expect(toBoolean(byEvent.get(e1.id)?.attended)).toBe(true);
      expect(toBoolean(byEvent.get(e2.id)?.attended_direct)).toBe(true);
      expect(toBoolean(byEvent.get(e2.id)?.attended)).toBe(true);
      expect(byEvent.get(e3.id)?.days_present).toBe(1);
      // The copied facts follow the kept person as they are after the merge.
      for (const p of places)
        expect({ event: p.event_id, sex: p.person_sex, org: p.organization_type }).toEqual({ event: p.event_id, sex: 'female', org: 'law_enforcement' });

      // Nothing points at the deleted person any more.
      expect(await db.selectFrom('people').select('id').where('id', '=', dup.id).execute()).toEqual([]);
      expect(await db.selectFrom('participations').select('id').where('person_id', '=', dup.id).execute()).toEqual([]);
      expect(await db.selectFrom('attendance').select('date').where('person_id', '=', dup.id).execute()).toEqual([]);
      const audit = await db
        .selectFrom('audit_log')
        .select(['entity_id', 'action'])
        .where('action', '=', 'merge')
        .where('entity_id', 'in', [keep.id, dup.id])
        .execute();
      expect(audit.map((a) => a.entity_id).sort()).toEqual([keep.id, dup.id].sort());
    });

    it('keeps the direct attendance mark when either record had it on a shared event', async () => {
      const ev = await event(db, programmeId, '2025-05-05', '2025-05-05');
      const keep = await create(db, { fullName: 'Direct Keep', sex: 'male' });
      const dup = await create(db, { fullName: 'Direct Dup', sex: 'male' });
      await place(db, ev, keep.id, { attendedDirect: false });
      await place(db, ev, dup.id, { attendedDirect: true });
      const result = await service.mergePeople(db, manager, keep.id, dup.id);
      expect(result).toMatchObject({ movedParticipations: 0, joinedParticipations: 1 });
      const joined = await participations.findParticipation(db, ev.id, keep.id);
      expect(toBoolean(joined?.attended_direct)).toBe(true);
      expect(toBoolean(joined?.attended)).toBe(true);
    });

    it('refuses to merge a person with themselves', async () => {
      const p = await create(db, { fullName: 'Lonely Person', sex: 'male' });
      await expect(service.mergePeople(db, manager, p.id, p.id)).rejects.toMatchObject({ code: 'validation_failed' });
    });

    it('changes nothing when the user may not see the duplicate', async () => {
      const ev = await event(db, programmeId, '2025-06-01', '2025-06-02');
      const hidden = await service.createPerson(db, admin, { fullName: 'Hidden Dup', sex: 'female', countryCode: 'PK', phone: '0345 0000000' });
      await place(db, ev, hidden.id, { days: { '2025-06-01': true } });
      const afghanKeep = await service.createPerson(db, admin, { fullName: 'Afghan Keep', sex: 'male', countryCode: 'AF' });
      const before = await snapshot(db);
      const error = await service.mergePeople(db, afghanManager, afghanKeep.id, hidden.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('not_found');
      expect(await snapshot(db)).toEqual(before);
    });

    it('rolls the whole merge back when its last step fails', async () => {
      const e1 = await event(db, programmeId, '2025-07-01', '2025-07-03');
      const e2 = await event(db, programmeId, '2025-08-01', '2025-08-01');
      const keep = await create(db, { fullName: 'Rollback Keep', sex: 'unknown' });
      const dup = await create(db, { fullName: 'Rollback Dup', sex: 'female', organizationId: ngo, phone: '0301 2345678', designation: 'undeletable' });
      await place(db, e1, keep.id, { days: { '2025-07-01': true } });
      await place(db, e1, dup.id, { days: { '2025-07-02': true, '2025-07-03': true } });
      await place(db, e2, dup.id, { attendedDirect: true });
      // The database refuses to delete this duplicate: every earlier step of the merge has run by then.
      if (engine === 'sqlite') {
        await sql`create trigger refuse_undeletable before delete on people when old.designation = 'undeletable' begin select raise(abort, 'refused by test trigger'); end`.execute(
          db,
        );
      } else {
        await sql`create function refuse_undeletable() returns trigger language plpgsql as $$ begin raise exception 'refused by test trigger'; end $$`.execute(
          db,
        );
        await sql`create trigger refuse_undeletable before delete on people for each row when (old.designation = 'undeletable') execute function refuse_undeletable()`.execute(
          db,
        );
      }
      try {
        const before = await snapshot(db);
        await expect(service.mergePeople(db, manager, keep.id, dup.id)).rejects.toThrow(/refused by test trigger/);
        expect(await snapshot(db)).toEqual(before);
        const kept = await service.getPerson(db, admin, keep.id);
        expect(kept).toMatchObject({ sex: 'unknown', phone: null, organization: null });
        expect(await db.selectFrom('participations').select('event_id').where('person_id', '=', dup.id).execute()).toHaveLength(2);
      } finally {
        await sql`drop trigger refuse_undeletable${engine === 'postgres' ? sql` on people` : sql``}`.execute(db);
      }
    });
  });

  describe('updating and deleting', () => {
    it('refreshes the copied facts on participations when sex or organisation changes', async () => {
      const ev = await event(db, programmeId, '2025-09-09', '2025-09-09');
      const p = await create(db, { fullName: 'Changing Person', sex: 'unknown' });
      await place(db, ev, p.id, { attendedDirect: true });
      await service.updatePerson(db, admin, p.id, { sex: 'female', organizationId: ngo });
      const row = await participations.findParticipation(db, ev.id, p.id);
      expect({ sex: row?.person_sex, org: row?.organization_type }).toEqual({ sex: 'female', org: 'civil_society' });
      await service.updatePerson(db, admin, p.id, { organizationId: null });
      expect((await participations.findParticipation(db, ev.id, p.id))?.organization_type).toBeNull();
    });

    it("takes the new organisation's country when a person moves, and clears the country only when told to", async () => {
      const afghanAgency = newId();
      await insertOrganization(db, {
        id: afghanAgency,
        name: 'Afghan Border Police',
        name_normalized: 'afghan border police',
        acronym: null,
        acronym_normalized: null,
        type: 'law_enforcement',
        country_code: 'AF',
        province: null,
        created_at: NOW,
        updated_at: NOW,
      });
      const p = await create(db, { fullName: 'Moving Officer', sex: 'male' });
      expect(p.countryCode).toBe('PK');
      expect((await service.updatePerson(db, admin, p.id, { organizationId: afghanAgency })).countryCode).toBe('AF');
      expect((await service.updatePerson(db, admin, p.id, { designation: 'Inspector' })).countryCode).toBe('AF');
      expect((await service.updatePerson(db, admin, p.id, { organizationId: null, countryCode: null })).countryCode).toBeNull();
      // A user limited to Afghanistan cannot move somebody out of it.
      const afghan = await create(db, { fullName: 'Afghan Officer', sex: 'male', countryCode: 'AF' }, afghanManager);
      await expect(service.updatePerson(db, afghanManager, afghan.id, { countryCode: 'PK' })).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('refuses to delete a person who took part in an event, and deletes one who did not', async () => {
      const ev = await event(db, programmeId, '2025-10-10', '2025-10-10');
      const busy = await create(db, { fullName: 'Busy Person', sex: 'male' });
      await place(db, ev, busy.id);
      await expect(service.deletePerson(db, admin, busy.id)).rejects.toMatchObject({ code: 'conflict' });
      const idle = await create(db, { fullName: 'Idle Person', sex: 'male' });
      await service.deletePerson(db, admin, idle.id);
      await expect(service.getPerson(db, admin, idle.id)).rejects.toMatchObject({ code: 'not_found' });
    });
  });
});
