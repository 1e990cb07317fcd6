import type { Indicator, IndicatorValue, PeriodLock } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import { make } from '../../../test/factories.js';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import * as reportColumnsRepository from '../reports/report-columns.repository.js';

// Counts every read of the report copy; each still reads the database.
vi.mock('../reports/report-columns.repository.js', async (importOriginal) => {
  const original = await importOriginal<typeof reportColumnsRepository>();
  return { ...original, loadReportColumns: vi.fn(original.loadReportColumns) };
});

/**
 * Locking a period computes every indicator inside one transaction, where the server's shared copy
 * of the report facts cannot serve (it does not see the transaction's own rows). Each indicator
 * with its own event filter used to read a copy of its own, all at once: the memory of as many
 * copies, and on SQLite the only connection held meanwhile.
 */
describe.each(testEngines())('locking a period reads the report copy once on %s', (engine) => {
  let ctx: TestContext;
  let programmeId: string;
  const loads = vi.mocked(reportColumnsRepository.loadReportColumns);

  const inject = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    ctx.app.inject({ method, url, headers: ctx.as('programme_manager'), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    programmeId = (await make.programme(ctx, { name: 'Locked programme' })).id;
    const event = (startDate: string, topics: string[]) => make.event(ctx, { programmeId, startDate, endDate: startDate, status: 'held', topics });
    const gender = await event('2025-02-10', ['Gender']);
    const rights = await event('2025-03-05', ['Human rights']);
    for (const [eventId, sex] of [
      [gender.id, 'female'],
      [gender.id, 'male'],
      [rights.id, 'female'],
    ] as const) {
      const person = await make.person(ctx, { sex });
      const added = await ctx.app.inject({
        method: 'POST',
        url: `/api/events/${eventId}/participants`,
        headers: ctx.as('admin'),
        payload: { personId: person.id, attended: true },
      });
      expect(added.statusCode, added.body).toBe(201);
    }
  });
  afterAll(async () => ctx.close());

  it('with six indicators of five event filters and a cascade, keeps the right values', async () => {
    const indicators: Indicator[] = [];
    const define = async (code: string, computation: Record<string, unknown>) => {
      const created = await inject('POST', `/api/programmes/${programmeId}/indicators`, { code, name: code, unit: 'people', computation });
      expect(created.statusCode, created.body).toBe(201);
      indicators.push(json<Indicator>(created));
    };
    // Topics that differ only in case or spaces are separate filters to the indicators, one topic to the report.
    await define('G1', { kind: 'people_trained_unique', topic: 'Gender' });
    await define('G2', { kind: 'people_trained_unique', topic: 'gender' });
    await define('G3', { kind: 'participations', topic: 'GENDER ' });
    await define('R1', { kind: 'people_trained_unique', topic: 'Human rights' });
    await define('R2', { kind: 'participations', topic: 'human rights' });
    await define('C1', { kind: 'cascade_reach' });

    const before = loads.mock.calls.length;
    const locked = await inject('POST', `/api/programmes/${programmeId}/periods/2025-Q1/lock`, { note: 'Quarterly report' });
    expect(locked.statusCode, locked.body).toBe(200);
    expect(json<PeriodLock>(locked)).toMatchObject({ locked: true, indicators: 6 });
    expect(loads.mock.calls.length - before).toBe(1);

    const reported = async (indicator: Indicator) => {
      const response = await inject('GET', `/api/indicators/${indicator.id}/values?period=2025-Q1`);
      expect(response.statusCode, response.body).toBe(200);
      return json<IndicatorValue>(response).reportedValue;
    };
    expect(await Promise.all(indicators.map(reported))).toEqual([2, 2, 2, 1, 1, 0]);
  });
});
