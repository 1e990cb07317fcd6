import type { ApiError, Event, HistoryEntry, Page, Participant, ParticipantList, SexCounts } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../../test/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

async function person(fullName: string, sex: string) {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/people', headers: ctx.as('admin'), payload: { fullName, sex } });
  expect(response.statusCode).toBe(201);
  return json<{ id: string }>(response).id;
}

describe('event summary', () => {
  it('counts attended participants by sex in the programme wording', async () => {
    const { event } = await seedEvent(ctx);
    const people = [
      await person('Ayesha Khan', 'female'),
      await person('Bilal Ahmed', 'male'),
      await person('Imran Shah', 'male'),
      await person('Sana Malik', 'female'),
    ];
    for (const personId of people) {
      const added = await ctx.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/participants`,
        headers: ctx.as('admin'),
        payload: { personId, role: 'participant' },
      });
      expect(added.statusCode).toBe(201);
    }
    // Three came on a day; the fourth never did.
    for (const personId of people.slice(0, 3)) {
      const marked = await ctx.app.inject({
        method: 'PUT',
        url: `/api/events/${event.id}/attendance`,
        headers: ctx.as('admin'),
        payload: { personId, date: '2025-03-11', present: true },
      });
      expect(marked.statusCode).toBe(200);
    }
    const summary = json<{ participants: Record<string, number>; text: { en: string; ur: string } }>(
      await ctx.app.inject({ method: 'GET', url: `/api/events/${event.id}/summary`, headers: ctx.as('viewer') }),
    );
    expect(summary.participants).toEqual({ total: 3, female: 1, male: 2, other: 0, unknown: 0 });
    expect(summary.text.en).toBe('3 participants (1 female, 2 male)');
    expect(summary.text.ur).toBe('3 شرکاء (1 خاتون، 2 مرد)');
  });
});

type Role = 'admin' | 'programme_manager' | 'trainer' | 'viewer';
type EventSummaryBody = {
  participants: SexCounts;
  staff: SexCounts;
  byOrganizationType: Array<{ type: string | null } & SexCounts>;
  text: { en: string; ur: string };
};

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, role: Role, payload?: Record<string, unknown>) =>
  ctx.app.inject({ method, url, headers: ctx.as(role), ...(payload ? { payload } : {}) });

async function newProgramme(name = `Programme ${Math.random()}`) {
  const response = await inject('POST', '/api/programmes', 'admin', { name, countries: ['PK'] });
  expect(response.statusCode).toBe(201);
  return json<{ id: string }>(response).id;
}

function eventBody(programmeId: string, overrides: Record<string, unknown> = {}) {
  return {
    programmeId,
    title: 'Financial investigation course',
    type: 'training',
    startDate: '2025-05-05',
    endDate: '2025-05-07',
    city: 'Karachi',
    province: 'Sindh',
    countryCode: 'PK',
    ...overrides,
  };
}

async function addPerson(eventId: string, fullName: string, sex: string, extra: Record<string, unknown> = {}) {
  const personId = await person(fullName, sex);
  const added = await inject('POST', `/api/events/${eventId}/participants`, 'admin', { personId, ...extra });
  expect(added.statusCode, added.body).toBe(201);
  return personId;
}

const summaryOf = async (eventId: string) => json<EventSummaryBody>(await inject('GET', `/api/events/${eventId}/summary`, 'viewer'));

describe('event records', () => {
  it('refuses with 400 a patch of one date that makes the event longer than the register allows', async () => {
    const { event } = await seedEvent(ctx);
    for (const payload of [{ endDate: '9999-12-31' }, { startDate: '1900-01-01' }]) {
      const response = await inject('PATCH', `/api/events/${event.id}`, 'admin', payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(json<ApiError>(response).error.details.map((d) => d.path)).toEqual([Object.keys(payload)[0]]);
    }
    const participants = json<ParticipantList>(await inject('GET', `/api/events/${event.id}/participants`, 'viewer'));
    expect(participants.days).toEqual(['2025-03-10', '2025-03-11', '2025-03-12']);
    expect((await inject('PATCH', `/api/events/${event.id}`, 'admin', { endDate: '2025-05-08' })).statusCode).toBe(200);
  });

  it('creates an event with 201 and an id, reads, patches and deletes it', async () => {
    const programmeId = await newProgramme();
    const organizer = json<{ id: string }>(
      await inject('POST', '/api/organizations', 'admin', { name: 'Training Academy', type: 'government', countryCode: 'PK' }),
    );
    const created = await inject(
      'POST',
      '/api/events',
      'programme_manager',
      eventBody(programmeId, { topics: ['money laundering', 'Money  Laundering', 'asset recovery'], organizerIds: [organizer.id], series: 'FI-2025' }),
    );
    expect(created.statusCode).toBe(201);
    const event = json<Event>(created);
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event).toMatchObject({ programmeId, title: 'Financial investigation course', status: 'held', series: 'FI-2025', participantCount: 0 });
    // The same topic written twice is kept once.
    expect(event.topics.map((t) => t.toLowerCase().replace(/\s+/g, ' ')).sort()).toEqual(['asset recovery', 'money laundering']);
    expect(event.organizers.map((o) => o.id)).toEqual([organizer.id]);

    const read = await inject('GET', `/api/events/${event.id}`, 'viewer');
    expect(read.statusCode).toBe(200);
    expect(json<Event>(read)).toEqual(event);

    const patched = await inject('PATCH', `/api/events/${event.id}`, 'programme_manager', {
      title: 'Financial investigation, advanced',
      venue: 'Police Training College',
      topics: ['asset recovery'],
    });
    expect(patched.statusCode).toBe(200);
    expect(json<Event>(patched)).toMatchObject({
      title: 'Financial investigation, advanced',
      venue: 'Police Training College',
      city: 'Karachi',
      topics: ['asset recovery'],
    });

    const history = json<{ items: HistoryEntry[] }>(await inject('GET', `/api/events/${event.id}/history`, 'viewer'));
    expect(history.items.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history.items[0]).toMatchObject({ userId: ctx.users.programme_manager.id });
    expect(history.items[0]?.changes.title).toEqual({ from: 'Financial investigation course', to: 'Financial investigation, advanced' });

    const deleted = await inject('DELETE', `/api/events/${event.id}`, 'programme_manager');
    expect(deleted.statusCode).toBe(204);
    expect((await inject('GET', `/api/events/${event.id}`, 'admin')).statusCode).toBe(404);
  });

  it('deleting an event removes its participations but keeps the people', async () => {
    const { event } = await seedEvent(ctx);
    const personId = await addPerson(event.id, 'Kept After Delete', 'male', { attended: true });
    expect((await inject('DELETE', `/api/events/${event.id}`, 'admin')).statusCode).toBe(204);
    expect((await inject('GET', `/api/people/${personId}`, 'viewer')).statusCode).toBe(200);
    expect(await ctx.db.selectFrom('participations').select('id').where('event_id', '=', event.id).execute()).toEqual([]);
  });

  it('refuses an end date before the start date with 400 on endDate, on create and on patch', async () => {
    const programmeId = await newProgramme();
    const response = await inject('POST', '/api/events', 'admin', eventBody(programmeId, { startDate: '2025-05-07', endDate: '2025-05-05' }));
    expect(response.statusCode).toBe(400);
    expect(json<ApiError>(response).error.details.map((d) => d.path)).toEqual(['endDate']);
    const { event } = await seedEvent(ctx);
    const patched = await inject('PATCH', `/api/events/${event.id}`, 'admin', { endDate: '2025-03-01' });
    expect(patched.statusCode).toBe(400);
    expect(json<ApiError>(patched).error.details.map((d) => d.path)).toEqual(['endDate']);
  });

  it('refuses an unknown country, an impossible date, an unknown programme and a too long event with 400', async () => {
    const programmeId = await newProgramme();
    const country = await inject('POST', '/api/events', 'admin', eventBody(programmeId, { countryCode: 'XX' }));
    expect(country.statusCode).toBe(400);
    expect(json<ApiError>(country).error.details.map((d) => d.path)).toContain('countryCode');
    const date = await inject('POST', '/api/events', 'admin', eventBody(programmeId, { startDate: '2025-02-30', endDate: '2025-03-01' }));
    expect(date.statusCode).toBe(400);
    expect(json<ApiError>(date).error.details.map((d) => d.path)).toContain('startDate');
    const notIso = await inject('POST', '/api/events', 'admin', eventBody(programmeId, { startDate: '05/05/2025' }));
    expect(notIso.statusCode).toBe(400);
    const programme = await inject('POST', '/api/events', 'admin', eventBody('00000000-0000-7000-8000-000000000000'));
    expect(programme.statusCode).toBe(400);
    expect(json<ApiError>(programme).error.details.map((d) => d.path)).toEqual(['programmeId']);
    const long = await inject('POST', '/api/events', 'admin', eventBody(programmeId, { startDate: '2025-01-01', endDate: '2025-06-30' }));
    expect(long.statusCode).toBe(400);
  });

  it('lists events newest first, page by page, with filters', async () => {
    const programmeId = await newProgramme();
    const dates = ['2030-01-10', '2030-02-10', '2030-03-10', '2030-04-10', '2030-05-10'];
    for (const startDate of dates) {
      const response = await inject(
        'POST',
        '/api/events',
        'admin',
        eventBody(programmeId, { title: `Listed ${startDate}`, startDate, endDate: startDate, topics: startDate === '2030-03-10' ? ['gender'] : [] }),
      );
      expect(response.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await inject('GET', `/api/events?programmeId=${programmeId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, 'viewer');
      expect(response.statusCode).toBe(200);
      const page: Page<Event> = json<Page<Event>>(response);
      seen.push(...page.items.map((e) => e.startDate));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(dates.toReversed());
    const filtered = json<Page<Event>>(await inject('GET', `/api/events?programmeId=${programmeId}&from=2030-02-10&to=2030-04-10&topic=Gender`, 'viewer'));
    expect(filtered.items.map((e) => e.startDate)).toEqual(['2030-03-10']);
    const searched = json<Page<Event>>(await inject('GET', `/api/events?programmeId=${programmeId}&q=LISTED%202030-05`, 'viewer'));
    expect(searched.items.map((e) => e.startDate)).toEqual(['2030-05-10']);
  });
});

describe('participants and attendance', () => {
  it('adds, changes and removes a participant', async () => {
    const { event } = await seedEvent(ctx);
    const personId = await person('Ghulam Abbas', 'male');
    const added = await inject('POST', `/api/events/${event.id}/participants`, 'admin', { personId });
    expect(added.statusCode).toBe(201);
    expect(json<Participant>(added)).toMatchObject({ personId, role: 'participant', attended: false, attendedDirect: false, presentDates: [] });

    const patched = await inject('PATCH', `/api/events/${event.id}/participants/${personId}`, 'admin', { role: 'facilitator', attended: true });
    expect(patched.statusCode).toBe(200);
    expect(json<Participant>(patched)).toMatchObject({ role: 'facilitator', attended: true, attendedDirect: true });

    const list = json<ParticipantList>(await inject('GET', `/api/events/${event.id}/participants`, 'viewer'));
    expect(list.days).toEqual(['2025-03-10', '2025-03-11', '2025-03-12']);
    expect(list.items.map((p) => [p.personId, p.role])).toEqual([[personId, 'facilitator']]);

    expect((await inject('DELETE', `/api/events/${event.id}/participants/${personId}`, 'admin')).statusCode).toBe(204);
    expect(json<ParticipantList>(await inject('GET', `/api/events/${event.id}/participants`, 'viewer')).items).toEqual([]);
    expect((await inject('DELETE', `/api/events/${event.id}/participants/${personId}`, 'admin')).statusCode).toBe(404);
    expect((await inject('PATCH', `/api/events/${event.id}/participants/${personId}`, 'admin', { role: 'trainer' })).statusCode).toBe(404);
  });

  it('refuses the same person twice with 409 and an unknown person with 400', async () => {
    const { event } = await seedEvent(ctx);
    const personId = await addPerson(event.id, 'Twice Added', 'female');
    const again = await inject('POST', `/api/events/${event.id}/participants`, 'admin', { personId, role: 'observer' });
    expect(again.statusCode).toBe(409);
    expect(json<ApiError>(again).error.code).toBe('conflict');
    const unknown = await inject('POST', `/api/events/${event.id}/participants`, 'admin', { personId: '00000000-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(json<ApiError>(unknown).error.details[0]?.path).toBe('personId');
  });

  it('marks attendance within the event dates and refuses a day outside them with 422', async () => {
    const { event } = await seedEvent(ctx);
    const personId = await addPerson(event.id, 'Day Marker', 'female');
    const present = await inject('PUT', `/api/events/${event.id}/attendance`, 'admin', { personId, date: '2025-03-12', present: true });
    expect(present.statusCode).toBe(200);
    expect(json<Participant>(present)).toMatchObject({ presentDates: ['2025-03-12'], attended: true });
    for (const date of ['2025-03-09', '2025-03-13']) {
      const outside = await inject('PUT', `/api/events/${event.id}/attendance`, 'admin', { personId, date, present: true });
      expect(outside.statusCode).toBe(422);
      expect(json<ApiError>(outside).error).toMatchObject({ code: 'rule_violation', details: [{ path: 'date' }] });
    }
    // Marking the only day absent again takes the attendance away.
    const absent = await inject('PUT', `/api/events/${event.id}/attendance`, 'admin', { personId, date: '2025-03-12', present: false });
    expect(json<Participant>(absent)).toMatchObject({ presentDates: [], absentDates: ['2025-03-12'], attended: false });
  });

  it('refuses attendance for somebody not on the list with 422', async () => {
    const { event } = await seedEvent(ctx);
    const stranger = await person('Not Listed', 'male');
    const response = await inject('PUT', `/api/events/${event.id}/attendance`, 'admin', { personId: stranger, date: '2025-03-11', present: true });
    expect(response.statusCode).toBe(422);
    expect(json<ApiError>(response).error.details[0]?.path).toBe('personId');
  });

  it('drops attendance outside new dates when the event is moved', async () => {
    const { event } = await seedEvent(ctx);
    const personId = await addPerson(event.id, 'Moved Event Person', 'male');
    expect((await inject('PUT', `/api/events/${event.id}/attendance`, 'admin', { personId, date: '2025-03-10', present: true })).statusCode).toBe(200);
    expect((await inject('PATCH', `/api/events/${event.id}`, 'admin', { startDate: '2025-03-11' })).statusCode).toBe(200);
    const list = json<ParticipantList>(await inject('GET', `/api/events/${event.id}/participants`, 'viewer'));
    expect(list.days).toEqual(['2025-03-11', '2025-03-12']);
    expect(list.items[0]).toMatchObject({ presentDates: [], attended: false });
  });
});

describe('summary wording', () => {
  it('reads "1 participant (1 female)" for one woman', async () => {
    const { event } = await seedEvent(ctx);
    await addPerson(event.id, 'Only Woman', 'female', { attended: true });
    const summary = await summaryOf(event.id);
    expect(summary.participants).toEqual({ total: 1, female: 1, male: 0, other: 0, unknown: 0 });
    expect(summary.text.en).toBe('1 participant (1 female)');
    expect(summary.text.ur).toBe('1 شریک (1 خاتون)');
  });

  it('leaves out empty categories and writes other and unknown as "other" and "not recorded"', async () => {
    const { event } = await seedEvent(ctx);
    await addPerson(event.id, 'Man One', 'male', { attended: true });
    await addPerson(event.id, 'Other One', 'other', { attended: true });
    await addPerson(event.id, 'Unknown One', 'unknown', { attended: true });
    await addPerson(event.id, 'Unknown Two', 'unknown', { attended: true });
    const summary = await summaryOf(event.id);
    expect(summary.text.en).toBe('4 participants (1 male, 1 other, 2 not recorded)');
    expect(summary.text.en).not.toContain('female');
  });

  it('reads "0 participants" when nobody attended', async () => {
    const { event } = await seedEvent(ctx);
    await addPerson(event.id, 'Registered Only', 'female');
    const summary = await summaryOf(event.id);
    expect(summary.participants.total).toBe(0);
    expect(summary.text.en).toBe('0 participants');
  });

  it('does not count trainers, facilitators or other staff as participants', async () => {
    const { event } = await seedEvent(ctx);
    await addPerson(event.id, 'Participant Woman', 'female', { attended: true });
    await addPerson(event.id, 'Trainer Man', 'male', { role: 'trainer', attended: true });
    await addPerson(event.id, 'Facilitator Woman', 'female', { role: 'facilitator', attended: true });
    await addPerson(event.id, 'Speaker Man', 'male', { role: 'speaker', attended: true });
    const summary = await summaryOf(event.id);
    expect(summary.participants).toEqual({ total: 1, female: 1, male: 0, other: 0, unknown: 0 });
    expect(summary.staff).toEqual({ total: 3, female: 1, male: 2, other: 0, unknown: 0 });
    expect(summary.text.en).toBe('1 participant (1 female)');
    expect(json<Event>(await inject('GET', `/api/events/${event.id}`, 'viewer')).participantCount).toBe(1);
  });

  it('counts people recorded as attended directly (no day register) and people present on a day alike', async () => {
    const { event } = await seedEvent(ctx);
    await addPerson(event.id, 'Direct Attendee', 'male', { attended: true });
    const onDay = await addPerson(event.id, 'Register Attendee', 'female');
    await addPerson(event.id, 'No Show', 'female');
    expect((await inject('PUT', `/api/events/${event.id}/attendance`, 'admin', { personId: onDay, date: '2025-03-10', present: true })).statusCode).toBe(200);
    const summary = await summaryOf(event.id);
    expect(summary.participants).toEqual({ total: 2, female: 1, male: 1, other: 0, unknown: 0 });
    expect(summary.text.en).toBe('2 participants (1 female, 1 male)');
  });

  it('breaks participants down by organisation type', async () => {
    const { event } = await seedEvent(ctx);
    const police = json<{ id: string }>(
      await inject('POST', '/api/organizations', 'admin', { name: 'Summary Police', type: 'law_enforcement', countryCode: 'PK' }),
    );
    await addPerson(event.id, 'Officer One', 'male', { attended: true }).then(async (id) => {
      expect((await inject('PATCH', `/api/people/${id}`, 'admin', { organizationId: police.id })).statusCode).toBe(200);
    });
    await addPerson(event.id, 'Independent One', 'female', { attended: true });
    const summary = await summaryOf(event.id);
    expect(summary.byOrganizationType).toEqual(
      expect.arrayContaining([
        { type: 'law_enforcement', total: 1, female: 0, male: 1, other: 0, unknown: 0 },
        { type: null, total: 1, female: 1, male: 0, other: 0, unknown: 0 },
      ]),
    );
  });
});

describe('who may change an event', () => {
  it('a trainer edits an event they are a trainer of, and gets 403 on any other', async () => {
    const { event: theirs } = await seedEvent(ctx, { trainerUserIds: [ctx.users.trainer.id] });
    const { event: other } = await seedEvent(ctx);
    const personId = await person('Trainer Added', 'female');
    expect((await inject('PATCH', `/api/events/${theirs.id}`, 'trainer', { venue: 'Hall B' })).statusCode).toBe(200);
    expect((await inject('POST', `/api/events/${theirs.id}/participants`, 'trainer', { personId })).statusCode).toBe(201);
    expect((await inject('PUT', `/api/events/${theirs.id}/attendance`, 'trainer', { personId, date: '2025-03-10', present: true })).statusCode).toBe(200);

    const refusals = [
      await inject('PATCH', `/api/events/${other.id}`, 'trainer', { venue: 'Hall C' }),
      await inject('POST', `/api/events/${other.id}/participants`, 'trainer', { personId }),
      await inject('PUT', `/api/events/${other.id}/attendance`, 'trainer', { personId, date: '2025-03-10', present: true }),
      await inject('DELETE', `/api/events/${other.id}`, 'trainer'),
    ];
    expect(refusals.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
    expect(json<Event>(await inject('GET', `/api/events/${other.id}`, 'trainer')).venue).toBeNull();
  });

  it('a trainer may not take themselves off an event (422)', async () => {
    const { event } = await seedEvent(ctx, { trainerUserIds: [ctx.users.trainer.id] });
    const response = await inject('PATCH', `/api/events/${event.id}`, 'trainer', { trainerUserIds: [] });
    expect(response.statusCode).toBe(422);
  });

  it('a trainer who creates an event becomes its trainer and can edit it', async () => {
    const programmeId = await newProgramme();
    const created = await inject('POST', '/api/events', 'trainer', eventBody(programmeId));
    expect(created.statusCode).toBe(201);
    const event = json<Event>(created);
    expect(event.trainerUserIds).toEqual([ctx.users.trainer.id]);
    expect((await inject('PATCH', `/api/events/${event.id}`, 'trainer', { title: 'Renamed by its trainer' })).statusCode).toBe(200);
  });

  it('a viewer gets 403 on every write', async () => {
    const programmeId = await newProgramme();
    const { event } = await seedEvent(ctx);
    const personId = await addPerson(event.id, 'Viewer Listed', 'male');
    const responses = [
      await inject('POST', '/api/events', 'viewer', eventBody(programmeId)),
      await inject('PATCH', `/api/events/${event.id}`, 'viewer', { title: 'x' }),
      await inject('DELETE', `/api/events/${event.id}`, 'viewer'),
      await inject('POST', `/api/events/${event.id}/participants`, 'viewer', { personId }),
      await inject('PATCH', `/api/events/${event.id}/participants/${personId}`, 'viewer', { attended: true }),
      await inject('DELETE', `/api/events/${event.id}/participants/${personId}`, 'viewer'),
      await inject('PUT', `/api/events/${event.id}/attendance`, 'viewer', { personId, date: '2025-03-10', present: true }),
      await inject('POST', `/api/events/${event.id}/participants/import?dryRun=false`, 'viewer'),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 403));
    expect((await inject('GET', `/api/events/${event.id}`, 'viewer')).statusCode).toBe(200);
  });
});

describe('countries a user may see', () => {
  let scoped: TestContext;
  beforeAll(async () => {
    scoped = await createTestContext('sqlite', { countries: ['AF'] });
  });
  afterAll(async () => scoped.close());

  it('a user limited to AF does not see a Pakistan event, in lists, on its pages or in reports', async () => {
    const programme = json<{ id: string }>(
      await scoped.app.inject({
        method: 'POST',
        url: '/api/programmes',
        headers: scoped.as('admin'),
        payload: { name: 'Regional programme', countries: ['AF', 'PK'] },
      }),
    );
    const create = async (countryCode: string, city: string) => {
      const response = await scoped.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: scoped.as('admin'),
        payload: eventBody(programme.id, { countryCode, city, province: null, startDate: '2025-05-05', endDate: '2025-05-05' }),
      });
      expect(response.statusCode).toBe(201);
      return json<Event>(response);
    };
    const pk = await create('PK', 'Peshawar');
    const af = await create('AF', 'Kabul');
    for (const [eventId, name] of [
      [pk.id, 'Pakistani Participant'],
      [af.id, 'Afghan Participant'],
    ] as const) {
      const personId = json<{ id: string }>(
        await scoped.app.inject({
          method: 'POST',
          url: '/api/people',
          headers: scoped.as('admin'),
          payload: { fullName: name, sex: 'female', countryCode: eventId === pk.id ? 'PK' : 'AF' },
        }),
      ).id;
      expect(
        (
          await scoped.app.inject({
            method: 'POST',
            url: `/api/events/${eventId}/participants`,
            headers: scoped.as('admin'),
            payload: { personId, attended: true },
          })
        ).statusCode,
      ).toBe(201);
    }
    const viewer = scoped.as('viewer');
    for (const suffix of ['', '/participants', '/summary', '/history']) {
      expect((await scoped.app.inject({ method: 'GET', url: `/api/events/${pk.id}${suffix}`, headers: viewer })).statusCode).toBe(404);
      expect((await scoped.app.inject({ method: 'GET', url: `/api/events/${af.id}${suffix}`, headers: viewer })).statusCode).toBe(200);
    }
    const listed = json<Page<Event>>(await scoped.app.inject({ method: 'GET', url: '/api/events', headers: viewer }));
    expect(listed.items.map((e) => e.id)).toEqual([af.id]);
    const onlyPk = json<Page<Event>>(await scoped.app.inject({ method: 'GET', url: '/api/events?countryCode=PK', headers: viewer }));
    expect(onlyPk.items).toEqual([]);
    const facets = json<{ cities: string[] }>(await scoped.app.inject({ method: 'GET', url: '/api/events/facets', headers: viewer }));
    expect(facets.cities).toEqual(['Kabul']);

    const report = json<{ events: number; participations: SexCounts }>(
      await scoped.app.inject({ method: 'GET', url: '/api/reports/programme?from=2025-01-01&to=2025-12-31', headers: viewer }),
    );
    expect(report.events).toBe(1);
    expect(report.participations.total).toBe(1);
    const adminReport = json<{ events: number }>(
      await scoped.app.inject({ method: 'GET', url: '/api/reports/programme?from=2025-01-01&to=2025-12-31', headers: scoped.as('admin') }),
    );
    expect(adminReport.events).toBe(2);

    // Nor may they change it or move an event there.
    expect(
      (await scoped.app.inject({ method: 'PATCH', url: `/api/events/${pk.id}`, headers: scoped.as('programme_manager'), payload: { title: 'x' } })).statusCode,
    ).toBe(404);
    expect(
      (await scoped.app.inject({ method: 'PATCH', url: `/api/events/${af.id}`, headers: scoped.as('programme_manager'), payload: { countryCode: 'PK' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await scoped.app.inject({
          method: 'POST',
          url: '/api/events',
          headers: scoped.as('programme_manager'),
          payload: eventBody(programme.id, { countryCode: 'PK' }),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a user limited to AF may not link an organisation or a trainer of another country to an event, nor list staff elsewhere', async () => {
    const admin = scoped.as('admin');
    const manager = scoped.as('programme_manager');
    const programme = json<{ id: string }>(
      await scoped.app.inject({ method: 'POST', url: '/api/programmes', headers: admin, payload: { name: 'Links programme', countries: ['AF'] } }),
    );
    const org = async (name: string, countryCode: string | null) =>
      json<{ id: string }>(
        await scoped.app.inject({ method: 'POST', url: '/api/organizations', headers: admin, payload: { name, type: 'government', countryCode } }),
      ).id;
    const pkOrg = await org('Punjab Police Hidden', 'PK');
    const afOrg = await org('Kabul Police', 'AF');
    const worldOrg = await org('International Agency', null);
    const user = async (email: string, countries: string[] | null) => {
      const response = await scoped.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { email, name: email.split('@')[0], role: 'trainer', password: 'correct horse battery', countries },
      });
      expect(response.statusCode, response.body).toBe(201);
      return json<{ id: string }>(response).id;
    };
    const pkTrainer = await user('pk-only-trainer@test.example', ['PK']);
    const afTrainer = await user('af-trainer@test.example', ['AF', 'IR']);

    const body = (overrides: Record<string, unknown>) => eventBody(programme.id, { countryCode: 'AF', city: 'Kabul', province: null, ...overrides });
    const hidden = await scoped.app.inject({ method: 'POST', url: '/api/events', headers: manager, payload: body({ organizerIds: [pkOrg] }) });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.body).not.toContain('Punjab Police Hidden');
    expect((await scoped.app.inject({ method: 'POST', url: '/api/events', headers: manager, payload: body({ partnerIds: [pkOrg] }) })).statusCode).toBe(400);
    expect((await scoped.app.inject({ method: 'POST', url: '/api/events', headers: manager, payload: body({ trainerUserIds: [pkTrainer] }) })).statusCode).toBe(
      400,
    );
    const created = await scoped.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: manager,
      payload: body({ organizerIds: [afOrg, worldOrg], trainerUserIds: [afTrainer] }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const event = json<Event>(created);
    expect((await scoped.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: manager, payload: { partnerIds: [pkOrg] } })).statusCode).toBe(
      400,
    );
    expect(
      (await scoped.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: manager, payload: { trainerUserIds: [afTrainer, pkTrainer] } }))
        .statusCode,
    ).toBe(400);
    expect(json<Event>(await scoped.app.inject({ method: 'GET', url: `/api/events/${event.id}`, headers: manager })).partners).toEqual([]);

    // Links set by an administrator who sees everything stay when the restricted user saves the event.
    const mixed = json<Event>(
      await scoped.app.inject({ method: 'POST', url: '/api/events', headers: admin, payload: body({ organizerIds: [pkOrg], trainerUserIds: [pkTrainer] }) }),
    );
    const saved = await scoped.app.inject({
      method: 'PATCH',
      url: `/api/events/${mixed.id}`,
      headers: manager,
      payload: { title: 'Renamed', organizerIds: [pkOrg], trainerUserIds: [pkTrainer, afTrainer] },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const staff = json<{ items: Array<{ id: string }> }>(await scoped.app.inject({ method: 'GET', url: '/api/trainers', headers: manager })).items.map(
      (u) => u.id,
    );
    expect(staff).toContain(afTrainer);
    expect(staff).toContain(scoped.users.admin.id);
    expect(staff).not.toContain(pkTrainer);
    const everyone = json<{ items: Array<{ id: string }> }>(await scoped.app.inject({ method: 'GET', url: '/api/trainers', headers: admin })).items.map(
      (u) => u.id,
    );
    expect(everyone).toContain(pkTrainer);
  });
});
