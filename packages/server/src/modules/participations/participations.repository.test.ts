import type { OrganizationType } from '@hifazat/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { createTestDatabase, testEngines } from '../../db/test-db.js';
import type { Actor } from '../../http/permissions.js';
import { newId } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { insertOrganization, updateOrganizationRow } from '../organizations/organizations.repository.js';
import { updateOrganization } from '../organizations/organizations.service.js';
import { insertPerson, updatePersonRow } from '../people/people.repository.js';
import { personRowFrom, updatePerson } from '../people/people.service.js';
import { insertEvent, updateEventRow, type EventRow } from '../events/events.repository.js';
import { participationRow, updateEvent } from '../events/events.service.js';
import * as repo from './participations.repository.js';

const NOW = '2025-01-02T03:04:05.000Z';
const admin: Actor = { id: newId(), name: 'Admin', email: 'admin@test', role: 'admin', countries: null };

/** The columns copied onto a participation, as the report reads them. */
const facts = (row: repo.ParticipationRow | undefined) =>
  row && {
    person_sex: row.person_sex,
    organization_type: row.organization_type,
    event_start_date: row.event_start_date,
    event_province: row.event_province,
    event_type: row.event_type,
    event_status: row.event_status,
    event_country: row.event_country,
    programme_id: row.programme_id,
  };

describe.each(testEngines())('participations repository on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let programmeId: string;
  let otherProgrammeId: string;

  async function programme(): Promise<string> {
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

  async function organization(type: OrganizationType): Promise<string> {
    const id = newId();
    const name = `Organisation ${id}`;
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

  async function person(sex: string, organizationId: string | null): Promise<string> {
    const id = newId();
    await insertPerson(db, personRowFrom({ fullName: `Person ${id}`, sex: sex as 'female', organizationId }, { id, now: NOW, countryCode: 'PK' }));
    return id;
  }

  async function event(overrides: Partial<EventRow> = {}): Promise<EventRow> {
    const row: EventRow = {
      id: newId(),
      programme_id: programmeId,
      title: 'Training',
      title_normalized: 'training',
      type: 'training',
      series: null,
      start_date: '2024-03-10',
      end_date: '2024-03-14',
      city: 'Lahore',
      province: 'Punjab',
      country_code: 'PK',
      venue: null,
      status: 'planned',
      learning_objectives: null,
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
      ...overrides,
    };
    await insertEvent(db, row);
    return row;
  }

  /** Places a person on an event with the facts as they are now. */
  async function place(ev: EventRow, personId: string, attendedDirect = false): Promise<void> {
    const p = await db
      .selectFrom('people')
      .leftJoin('organizations', 'organizations.id', 'people.organization_id')
      .select(['people.sex', 'organizations.type'])
      .where('people.id', '=', personId)
      .executeTakeFirstOrThrow();
    await repo.insertParticipations(db, [participationRow(ev, { id: personId, sex: p.sex, organizationType: p.type }, 'participant', attendedDirect, NOW)]);
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    db = handle.db;
    programmeId = await programme();
    otherProgrammeId = await programme();
  });
  afterAll(async () => handle.destroy());

  describe('refreshParticipationFacts', () => {
    let police: string;
    let ngo: string;
    let ev: EventRow;
    let otherEv: EventRow;
    let ayesha: string;
    let bilal: string;

    beforeEach(async () => {
      police = await organization('law_enforcement');
      ngo = await organization('civil_society');
      ev = await event();
      otherEv = await event({ start_date: '2024-11-01', end_date: '2024-11-01', province: 'Sindh', type: 'workshop' });
      ayesha = await person('female', police);
      bilal = await person('male', ngo);
      for (const e of [ev, otherEv]) for (const p of [ayesha, bilal]) await place(e, p);
    });

    it('copies a changed sex onto every participation of that person only', async () => {
      await updatePersonRow(db, ayesha, { sex: 'other' });
      await repo.refreshParticipationFacts(db, { personId: ayesha });
      for (const e of [ev, otherEv]) {
        expect((await repo.findParticipation(db, e.id, ayesha))?.person_sex).toBe('other');
        expect((await repo.findParticipation(db, e.id, bilal))?.person_sex).toBe('male');
      }
    });

    it('copies the new organisation’s type when a person moves, and null when they leave it', async () => {
      await updatePersonRow(db, ayesha, { organization_id: ngo });
      await updatePersonRow(db, bilal, { organization_id: null });
      await repo.refreshParticipationFacts(db, { personIds: [ayesha, bilal] });
      expect((await repo.findParticipation(db, ev.id, ayesha))?.organization_type).toBe('civil_society');
      expect((await repo.findParticipation(db, otherEv.id, ayesha))?.organization_type).toBe('civil_society');
      expect((await repo.findParticipation(db, ev.id, bilal))?.organization_type).toBeNull();
    });

    it('takes more people than one statement may bind (an import linking 70,000 registered people)', async () => {
      await updatePersonRow(db, ayesha, { organization_id: ngo });
      await updatePersonRow(db, bilal, { organization_id: null });
      // Past SQLite's 32,766 and PostgreSQL's 65,535 bound values; the two real people at both ends.
      const many = [ayesha, ...Array.from({ length: 70_000 }, () => newId()), bilal];
      await repo.refreshParticipationFacts(db, { personIds: many });
      expect((await repo.findParticipation(db, ev.id, ayesha))?.organization_type).toBe('civil_society');
      expect((await repo.findParticipation(db, otherEv.id, bilal))?.organization_type).toBeNull();
    });

    it('does nothing for an empty list of people', async () => {
      await updatePersonRow(db, ayesha, { sex: 'other' });
      await repo.refreshParticipationFacts(db, { personIds: [] });
      expect((await repo.findParticipation(db, ev.id, ayesha))?.person_sex).toBe('female');
    });

    it('copies an organisation’s new type onto the participations of all its members', async () => {
      const colleague = await person('female', police);
      await place(ev, colleague);
      await updateOrganizationRow(db, police, { type: 'prosecution' });
      await repo.refreshParticipationFacts(db, { organizationId: police });
      expect((await repo.findParticipation(db, ev.id, ayesha))?.organization_type).toBe('prosecution');
      expect((await repo.findParticipation(db, otherEv.id, ayesha))?.organization_type).toBe('prosecution');
      expect((await repo.findParticipation(db, ev.id, colleague))?.organization_type).toBe('prosecution');
      expect((await repo.findParticipation(db, ev.id, bilal))?.organization_type).toBe('civil_society');
    });

    it('copies an event’s new date, province, type, status, country and programme onto its participations only', async () => {
      await updateEventRow(db, ev.id, {
        start_date: '2024-04-01',
        end_date: '2024-04-02',
        province: 'Khyber Pakhtunkhwa',
        type: 'meeting',
        status: 'held',
        country_code: 'AF',
        programme_id: otherProgrammeId,
      });
      await repo.refreshParticipationFacts(db, { eventId: ev.id });
      const expected = {
        event_start_date: '2024-04-01',
        event_province: 'Khyber Pakhtunkhwa',
        event_type: 'meeting',
        event_status: 'held',
        event_country: 'AF',
        programme_id: otherProgrammeId,
      };
      expect(facts(await repo.findParticipation(db, ev.id, ayesha))).toEqual({ person_sex: 'female', organization_type: 'law_enforcement', ...expected });
      expect(facts(await repo.findParticipation(db, ev.id, bilal))).toEqual({ person_sex: 'male', organization_type: 'civil_society', ...expected });
      expect(facts(await repo.findParticipation(db, otherEv.id, ayesha))).toMatchObject({
        event_start_date: '2024-11-01',
        event_province: 'Sindh',
        event_type: 'workshop',
        event_status: 'planned',
        programme_id: programmeId,
      });
    });

    it('copies an event province cleared to null', async () => {
      await updateEventRow(db, ev.id, { province: null });
      await repo.refreshParticipationFacts(db, { eventId: ev.id });
      expect((await repo.findParticipation(db, ev.id, ayesha))?.event_province).toBeNull();
    });

    it('is kept in step by the services that change people, organisations and events', async () => {
      await updatePerson(db, admin, ayesha, { sex: 'other' });
      expect((await repo.findParticipation(db, ev.id, ayesha))?.person_sex).toBe('other');
      await updatePerson(db, admin, bilal, { organizationId: police });
      expect((await repo.findParticipation(db, otherEv.id, bilal))?.organization_type).toBe('law_enforcement');
      await updateOrganization(db, admin, police, { type: 'judiciary' });
      expect((await repo.findParticipation(db, ev.id, ayesha))?.organization_type).toBe('judiciary');
      expect((await repo.findParticipation(db, otherEv.id, bilal))?.organization_type).toBe('judiciary');
      await updateEvent(db, admin, ev.id, { startDate: '2024-03-11', province: 'Balochistan', type: 'awareness_session', status: 'cancelled' });
      expect(facts(await repo.findParticipation(db, ev.id, bilal))).toEqual({
        person_sex: 'male',
        organization_type: 'judiciary',
        event_start_date: '2024-03-11',
        event_province: 'Balochistan',
        event_type: 'awareness_session',
        event_status: 'cancelled',
        event_country: 'PK',
        programme_id: programmeId,
      });
    });
  });

  describe('attendance', () => {
    const days = async (eventId: string, personId: string) =>
      (
        await db
          .selectFrom('attendance')
          .select(['date', 'present'])
          .where('event_id', '=', eventId)
          .where('person_id', '=', personId)
          .orderBy('date')
          .execute()
      ).map((d) => [d.date, toBoolean(d.present)]);
    const state = async (eventId: string, personId: string) => {
      const row = await repo.findParticipation(db, eventId, personId);
      return row && { daysPresent: row.days_present, attended: toBoolean(row.attended), attendedDirect: toBoolean(row.attended_direct) };
    };

    it('sets attended = attended directly OR present on any day, and counts the days present', async () => {
      const ev = await event();
      const cases: Array<{ direct: boolean; marks: Record<string, boolean>; expected: { daysPresent: number; attended: boolean } }> = [
        { direct: false, marks: {}, expected: { daysPresent: 0, attended: false } },
        { direct: true, marks: {}, expected: { daysPresent: 0, attended: true } },
        { direct: false, marks: { '2024-03-10': false, '2024-03-11': false }, expected: { daysPresent: 0, attended: false } },
        { direct: false, marks: { '2024-03-10': false, '2024-03-12': true }, expected: { daysPresent: 1, attended: true } },
        { direct: true, marks: { '2024-03-10': true, '2024-03-11': true, '2024-03-14': true }, expected: { daysPresent: 3, attended: true } },
      ];
      for (const c of cases) {
        const p = await person('female', null);
        await place(ev, p, c.direct);
        for (const [date, present] of Object.entries(c.marks)) await repo.setAttendance(db, { eventId: ev.id, personId: p, date, present });
        await repo.recountAttendance(db, ev.id, p);
        expect({ case: c, state: await state(ev.id, p) }).toEqual({ case: c, state: { ...c.expected, attendedDirect: c.direct } });
      }
    });

    it('overwrites a day marked twice and recounts when a present day becomes absent', async () => {
      const ev = await event();
      const p = await person('male', null);
      await place(ev, p);
      await repo.setAttendance(db, { eventId: ev.id, personId: p, date: '2024-03-10', present: true });
      await repo.recountAttendance(db, ev.id, p);
      expect(await state(ev.id, p)).toEqual({ daysPresent: 1, attended: true, attendedDirect: false });
      await repo.setAttendance(db, { eventId: ev.id, personId: p, date: '2024-03-10', present: false });
      await repo.recountAttendance(db, ev.id, p);
      expect(await days(ev.id, p)).toEqual([['2024-03-10', false]]);
      expect(await state(ev.id, p)).toEqual({ daysPresent: 0, attended: false, attendedDirect: false });
    });

    it('counts only this event’s days', async () => {
      const ev = await event();
      const other = await event();
      const p = await person('male', null);
      await place(ev, p);
      await place(other, p);
      await repo.setAttendance(db, { eventId: other.id, personId: p, date: '2024-03-10', present: true });
      await repo.recountAttendance(db, ev.id, p);
      expect(await state(ev.id, p)).toEqual({ daysPresent: 0, attended: false, attendedDirect: false });
    });

    it('drops attendance outside shrunk dates and names the people affected', async () => {
      const ev = await event({ start_date: '2024-03-10', end_date: '2024-03-14' });
      const inside = await person('female', null);
      const both = await person('female', null);
      const outside = await person('male', null);
      for (const p of [inside, both, outside]) await place(ev, p);
      await repo.setAttendance(db, { eventId: ev.id, personId: inside, date: '2024-03-11', present: true });
      await repo.setAttendance(db, { eventId: ev.id, personId: both, date: '2024-03-10', present: false });
      await repo.setAttendance(db, { eventId: ev.id, personId: both, date: '2024-03-12', present: true });
      await repo.setAttendance(db, { eventId: ev.id, personId: both, date: '2024-03-13', present: true });
      await repo.setAttendance(db, { eventId: ev.id, personId: outside, date: '2024-03-14', present: true });
      const affected = await repo.deleteAttendanceOutside(db, ev.id, '2024-03-11', '2024-03-12');
      expect(affected.sort()).toEqual([both, outside].sort());
      expect(await days(ev.id, inside)).toEqual([['2024-03-11', true]]);
      expect(await days(ev.id, both)).toEqual([['2024-03-12', true]]);
      expect(await days(ev.id, outside)).toEqual([]);
    });

    it('recounts the people whose days fell outside when an event’s dates shrink', async () => {
      const ev = await event({ start_date: '2024-03-10', end_date: '2024-03-14', status: 'held' });
      const early = await person('female', null);
      const late = await person('male', null);
      const lateButDirect = await person('male', null);
      await place(ev, early);
      await place(ev, late);
      await place(ev, lateButDirect, true);
      for (const [p, date] of [
        [early, '2024-03-10'],
        [early, '2024-03-13'],
        [late, '2024-03-14'],
        [lateButDirect, '2024-03-14'],
      ] as const) {
        await repo.setAttendance(db, { eventId: ev.id, personId: p, date, present: true });
        await repo.recountAttendance(db, ev.id, p);
      }
      expect(await state(ev.id, early)).toEqual({ daysPresent: 2, attended: true, attendedDirect: false });
      await updateEvent(db, admin, ev.id, { endDate: '2024-03-12' });
      expect(await state(ev.id, early)).toEqual({ daysPresent: 1, attended: true, attendedDirect: false });
      expect(await state(ev.id, late)).toEqual({ daysPresent: 0, attended: false, attendedDirect: false });
      expect(await state(ev.id, lateButDirect)).toEqual({ daysPresent: 0, attended: true, attendedDirect: true });
      expect(await days(ev.id, late)).toEqual([]);
    });

    it('deletes a participation together with its attendance', async () => {
      const ev = await event();
      const p = await person('female', null);
      await place(ev, p);
      await repo.setAttendance(db, { eventId: ev.id, personId: p, date: '2024-03-10', present: true });
      await repo.deleteParticipation(db, ev.id, p);
      expect(await repo.findParticipation(db, ev.id, p)).toBeUndefined();
      expect(await days(ev.id, p)).toEqual([]);
    });

    it('refuses a second place for the same person at the same event', async () => {
      const ev = await event();
      const p = await person('female', null);
      await place(ev, p);
      await expect(place(ev, p)).rejects.toThrow(/unique|duplicate/i);
      expect([...(await repo.personIdsAtEvent(db, ev.id))]).toEqual([p]);
    });
  });
});
