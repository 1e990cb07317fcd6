/**
 * Who counts as having attended after an import (review issue 7 C): a blank `attended` cell is
 * "not recorded", and once the day register holds days for a person, the days decide — in the
 * participant list, the event summary, the programme report and its export alike.
 */
import { randomBytes } from 'node:crypto';
import type { EventSummary, ImportReport, Participant, ParticipantList, ProgrammeReport } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import { createTestContext, json, seedEvent, type TestContext } from '../../../test/helpers.js';

describe.each(testEngines())('attendance of imported participants on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  async function importCsv(eventId: string, csv: string) {
    const boundary = `----hifazat${randomBytes(8).toString('hex')}`;
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    );
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/participants/import?dryRun=false`,
      headers: { ...ctx.as('admin'), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    return json<ImportReport>(response);
  }
  const get = async (url: string) => {
    const response = await ctx.app.inject({ method: 'GET', url, headers: ctx.as('admin') });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };
  const participants = async (eventId: string) =>
    new Map(json<ParticipantList>(await get(`/api/events/${eventId}/participants`)).items.map((p) => [p.fullName, p]));
  const summaryTotal = async (eventId: string) => json<EventSummary>(await get(`/api/events/${eventId}/summary`)).participants.total;
  const report = async (programmeId: string) =>
    json<ProgrammeReport>(await get(`/api/reports/programme?from=2025-01-01&to=2025-12-31&programmeId=${programmeId}`)).participations.total;
  const exportedRows = async (programmeId: string) =>
    (await get(`/api/reports/programme/export?from=2025-01-01&to=2025-12-31&programmeId=${programmeId}&format=csv`)).body;
  const mark = async (eventId: string, personId: string, date: string, present: boolean) => {
    const response = await ctx.app.inject({
      method: 'PUT',
      url: `/api/events/${eventId}/attendance`,
      headers: ctx.as('admin'),
      payload: { personId, date, present },
    });
    expect(response.statusCode, response.body).toBe(200);
    return json<Participant>(response);
  };

  it('counts nobody with a blank attended cell as attended, even at a held event', async () => {
    const { event, programmeId } = await seedEvent(ctx, { status: 'held' });
    await importCsv(event.id, 'full_name,sex,attended\r\nBlank Cell,f,\r\nSaid Yes,m,yes\r\nSaid No,f,no\r\n');
    const list = await participants(event.id);
    // The code as it was counted the blank row as attended ("a list imported into a held event is who came").
    expect([...list.values()].map((p) => [p.fullName, p.attended]).sort()).toEqual([
      ['Blank Cell', false],
      ['Said No', false],
      ['Said Yes', true],
    ]);
    expect(await summaryTotal(event.id)).toBe(1);
    expect(await report(programmeId)).toBe(1);
  });

  it('lets the day register decide once it holds days: absent every day is not attended, whatever the sheet said', async () => {
    const { event, programmeId } = await seedEvent(ctx, { status: 'held' }); // 2025-03-10 to 2025-03-12
    await importCsv(event.id, 'full_name,sex,attended\r\nAbsent Throughout,f,yes\r\nCame Once,m,yes\r\nNo Register,f,yes\r\n');
    const ids = new Map([...(await participants(event.id)).values()].map((p) => [p.fullName ?? '', p.personId ?? '']));
    const absent = ids.get('Absent Throughout') ?? '';
    const once = ids.get('Came Once') ?? '';
    expect(await summaryTotal(event.id)).toBe(3);

    for (const date of ['2025-03-10', '2025-03-11', '2025-03-12']) await mark(event.id, absent, date, false);
    await mark(event.id, once, '2025-03-10', false);
    const last = await mark(event.id, once, '2025-03-11', true);
    expect(last).toMatchObject({ attended: true, presentDates: ['2025-03-11'] });

    const list = await participants(event.id);
    // The code as it was kept "attended (no day register)" for 0 days present.
    expect(list.get('Absent Throughout')).toMatchObject({
      attended: false,
      attendedDirect: true,
      presentDates: [],
      absentDates: ['2025-03-10', '2025-03-11', '2025-03-12'],
    });
    expect(list.get('Came Once')?.attended).toBe(true);
    // Without a day register, what was recorded directly still counts (historic events).
    expect(list.get('No Register')?.attended).toBe(true);
    expect(await summaryTotal(event.id)).toBe(2);
    expect(await report(programmeId)).toBe(2);
    // The export counts the same people: events 1, participations 2 (1 female, 1 male).
    const total = (await exportedRows(programmeId)).split(/\r?\n/).find((line) => line.startsWith('Total,'));
    expect(total?.split(',').slice(1, 6)).toEqual(['1', '2', '1', '1', '0']);

    // Recording "attended" directly again does not overrule the register either.
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}/participants/${absent}`,
      headers: ctx.as('admin'),
      payload: { attended: true },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(json<Participant>(patched).attended).toBe(false);
    expect(await summaryTotal(event.id)).toBe(2);

    // Ticking a day present counts them.
    await mark(event.id, absent, '2025-03-12', true);
    expect(await summaryTotal(event.id)).toBe(3);
    expect(await report(programmeId)).toBe(3);
  });
});
