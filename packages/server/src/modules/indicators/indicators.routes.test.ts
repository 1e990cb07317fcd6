import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiError, DonorReport, HistoryEntry, Indicator, IndicatorValue, Logframe, PeriodLock, ProgrammeReport } from '@hifazat/contract';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import { aboutOf, cellsOf, readXlsxCharts, readXlsxExport } from '../../../test/exports.js';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { pdfActualTexts } from '../../../test/pdf-text.js';

type Role = 'admin' | 'programme_manager' | 'trainer' | 'viewer';

describe.each(testEngines())('indicators, periods and the donor report on %s', (engine) => {
  let ctx: TestContext;
  let programmeId: string;
  let islamabadId: string;
  const people: string[] = [];

  const inject = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, role: Role = 'admin') =>
    ctx.app.inject({ method, url, headers: ctx.as(role), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const value = async (id: string, period: string, role: Role = 'viewer') => {
    const response = await inject('GET', `/api/indicators/${id}/values?period=${period}`, undefined, role);
    expect(response.statusCode, response.body).toBe(200);
    return json<IndicatorValue>(response);
  };
  const createIndicator = async (payload: Record<string, unknown>, role: Role = 'programme_manager') => {
    const response = await inject('POST', `/api/programmes/${programmeId}/indicators`, payload, role);
    expect(response.statusCode, response.body).toBe(201);
    return json<Indicator>(response);
  };
  async function attend(eventId: string, sex: 'female' | 'male') {
    const person = await make.person(ctx, { sex });
    people.push(person.id);
    const added = await inject('POST', `/api/events/${eventId}/participants`, { personId: person.id, attended: true });
    expect(added.statusCode, added.body).toBe(201);
    return person.id;
  }

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    programmeId = (await make.programme(ctx, { name: 'Global Action against Trafficking', donor: 'EU' })).id;
    const event = (city: string, startDate: string, type: 'workshop' | 'training' = 'workshop') =>
      make.event(ctx, { programmeId, city, startDate, endDate: startDate, type, status: 'held', topics: ['Victim identification'] });
    const islamabad = await event('Islamabad', '2025-02-10');
    islamabadId = islamabad.id;
    const lahore = await event('Lahore', '2025-03-05');
    const peshawar = await event('Peshawar', '2025-05-20', 'training');
    await attend(islamabad.id, 'female');
    await attend(islamabad.id, 'male');
    const twice = await attend(islamabad.id, 'male');
    await attend(lahore.id, 'female');
    // One person at two events of the quarter: one person, two participations.
    expect((await inject('POST', `/api/events/${lahore.id}/participants`, { personId: twice, attended: true })).statusCode).toBe(201);
    await attend(peshawar.id, 'male');
  });
  afterAll(async () => ctx.close());

  it('defines an indicator (201) with targets and a baseline, and refuses bad ones', async () => {
    const created = await createIndicator({
      code: 'OP1.1',
      name: 'Criminal-justice practitioners trained',
      unit: 'people',
      computation: 'people_trained_unique',
      baseline: 0,
      targets: [
        { period: '2025-Q1', value: 8 },
        { period: '2025', value: 20 },
      ],
    });
    expect(created).toMatchObject({
      code: 'OP1.1',
      unit: 'people',
      computation: { kind: 'people_trained_unique' },
      baseline: { value: 0, period: null },
      targets: [
        { period: '2025', value: 20 },
        { period: '2025-Q1', value: 8 },
      ],
      disaggregation: { sex: true, organizationType: false, province: false },
    });
    const again = await inject('POST', `/api/programmes/${programmeId}/indicators`, {
      code: 'OP1.1',
      name: 'Again',
      unit: 'people',
      computation: 'participations',
    });
    expect(again.statusCode).toBe(409);
    for (const bad of [
      { code: 'X1', name: 'Unknown kind', unit: 'people', computation: { kind: 'people_counted_twice' } },
      { code: 'X2', name: 'Bad target period', unit: 'people', computation: 'participations', targets: [{ period: '2025-Q5', value: 3 }] },
      {
        code: 'X3',
        name: 'Twice a period',
        unit: 'people',
        computation: 'participations',
        targets: [
          { period: '2025', value: 3 },
          { period: '2025', value: 4 },
        ],
      },
      { code: 'has space', name: 'Bad code', unit: 'people', computation: 'participations' },
      { code: 'X4', name: 'Bad event type', unit: 'events', computation: { kind: 'events_held', eventType: 'party' } },
    ]) {
      const response = await inject('POST', `/api/programmes/${programmeId}/indicators`, bad);
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(
      (
        await inject(
          'POST',
          `/api/programmes/${programmeId}/indicators`,
          { code: 'T1', name: 'By a trainer', unit: 'people', computation: 'participations' },
          'trainer',
        )
      ).statusCode,
    ).toBe(403);
  });

  it('computes values per quarter and per year that agree with the programme report', async () => {
    const logframe = json<Logframe>(await inject('GET', `/api/programmes/${programmeId}/logframe`, undefined, 'viewer'));
    const unique = logframe.indicators.find((i) => i.code === 'OP1.1') as Indicator;
    const q1 = await value(unique.id, '2025-Q1');
    expect(q1).toMatchObject({ period: '2025-Q1', value: 4, locked: false, reportedValue: null, difference: null, target: 8 });
    expect(q1.bySex).toMatchObject({ total: 4, female: 2, male: 2 });
    const report = json<ProgrammeReport>(await inject('GET', `/api/reports/programme?from=2025-01-01&to=2025-03-31&programmeId=${programmeId}`));
    expect(q1.value).toBe(report.people.total);
    expect((await value(unique.id, '2025')).value).toBe(5);
    expect((await value(unique.id, '2025-Q4')).value).toBe(0);
    const parts = await createIndicator({ code: 'OP1.2', name: 'Participations', unit: 'participations', computation: { kind: 'participations' } });
    expect((await value(parts.id, '2025-Q1')).value).toBe(report.participations.total);
    expect((await value(parts.id, '2025-Q1')).value).toBe(5);
    const workshops = await createIndicator({
      code: 'OP1.3',
      name: 'Workshops held',
      unit: 'events',
      computation: { kind: 'events_held', eventType: 'workshop' },
    });
    expect(await value(workshops.id, '2025')).toMatchObject({ value: 2, bySex: null });
    const topical = await createIndicator({
      code: 'OP1.4',
      name: 'Trainings on victim identification',
      unit: 'events',
      computation: { kind: 'events_held', eventType: 'training', topic: 'victim IDENTIFICATION' },
    });
    expect((await value(topical.id, '2025')).value).toBe(1);
    for (const period of ['2025-Q5', '25', '2025-q1', '2025-Q1x', '']) {
      expect((await inject('GET', `/api/indicators/${unique.id}/values?period=${period}`)).statusCode, period).toBe(400);
    }
  });

  it('counts master trainers certified, people reached by cascades and campaign outputs delivered', async () => {
    // A separate programme, so that the other tests' counts stay as they are.
    const own = (await make.programme(ctx, { name: 'Cascade and campaign programme', countries: ['PK'] })).id;
    const held = (title: string, type: 'training_of_trainers' | 'training', startDate: string, endDate: string) =>
      make.event(ctx, { programmeId: own, title, city: 'Gilgit', startDate, endDate, type, status: 'held' });
    const tot = await held('Training of trainers', 'training_of_trainers', '2025-01-13', '2025-01-17');
    const master = await make.person(ctx, { sex: 'female' });
    expect((await inject('POST', `/api/events/${tot.id}/participants`, { personId: master.id, attended: true })).statusCode).toBe(201);
    const graduated = await inject('POST', `/api/events/${tot.id}/graduates`, { personId: master.id, certifiedOn: '2025-01-17' });
    expect(graduated.statusCode, graduated.body).toBe(201);
    // Generation 1 in 2025-Q2: the master trainer trains three people (one of them twice, in two events).
    const first = await held('Step-down training, Gilgit', 'training', '2025-04-07', '2025-04-08');
    const second = await held('Step-down training, Hunza', 'training', '2025-05-12', '2025-05-12');
    const reached = await Promise.all([make.person(ctx, { sex: 'female' }), make.person(ctx, { sex: 'male' }), make.person(ctx, { sex: 'male' })]);
    for (const event of [first, second]) {
      expect((await inject('POST', `/api/events/${event.id}/participants`, { personId: master.id, role: 'trainer', attended: true })).statusCode).toBe(201);
    }
    for (const person of reached)
      expect((await inject('POST', `/api/events/${first.id}/participants`, { personId: person.id, attended: true })).statusCode).toBe(201);
    expect((await inject('POST', `/api/events/${second.id}/participants`, { personId: reached[1]?.id, attended: true })).statusCode).toBe(201);
    // A campaign in 2025-Q2 with 600 posters and 120 radio broadcasts.
    const campaign = await inject('POST', '/api/campaigns', {
      programmeId: own,
      countryCode: 'PK',
      title: 'Safe migration',
      startDate: '2025-04-01',
      endDate: '2025-06-30',
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const campaignId = json<{ id: string }>(campaign).id;
    for (const output of [
      { kind: 'poster', quantity: 600, startDate: '2025-04-05' },
      { kind: 'radio_psa', quantity: 120, startDate: '2025-05-01' },
    ]) {
      expect((await inject('POST', `/api/campaigns/${campaignId}/outputs`, output)).statusCode).toBe(201);
    }

    const indicator = async (code: string, computation: unknown) => {
      const response = await inject('POST', `/api/programmes/${own}/indicators`, { code, name: code, unit: 'number', computation });
      expect(response.statusCode, response.body).toBe(201);
      return json<Indicator>(response).id;
    };
    const masters = await indicator('MT', 'master_trainers_certified');
    const reach = await indicator('CR', 'cascade_reach');
    const outputs = await indicator('CO', 'campaign_outputs_delivered');
    const posters = await indicator('CP', { kind: 'campaign_outputs_delivered', outputKind: 'poster' });

    expect(await value(masters, '2025-Q1')).toMatchObject({ value: 1, bySex: { total: 1, female: 1, male: 0 } });
    expect((await value(masters, '2025-Q2')).value).toBe(0);
    // Three people reached, the one at both events once.
    expect(await value(reach, '2025-Q2')).toMatchObject({ value: 3, bySex: { total: 3, female: 1, male: 2 } });
    expect((await value(reach, '2025-Q1')).value).toBe(0);
    expect((await value(outputs, '2025-Q2')).value).toBe(720);
    expect((await value(posters, '2025')).value).toBe(600);
    expect((await value(outputs, '2025-Q3')).value).toBe(0);
    const refused = await inject('POST', `/api/programmes/${own}/indicators`, {
      code: 'X',
      name: 'X',
      unit: 'number',
      computation: { kind: 'campaign_outputs_delivered', outputKind: 'billboard' },
    });
    expect(refused.statusCode).toBe(400);
  });

  it('locks a quarter: a later change shows as a difference beside the reported value; the year is separate', async () => {
    const logframe = json<Logframe>(await inject('GET', `/api/programmes/${programmeId}/logframe`));
    const unique = logframe.indicators.find((i) => i.code === 'OP1.1') as Indicator;
    expect((await inject('POST', `/api/programmes/${programmeId}/periods/2025-Q1/lock`, {}, 'trainer')).statusCode).toBe(403);
    const locked = await inject('POST', `/api/programmes/${programmeId}/periods/2025-Q1/lock`, { note: 'Sent to the EU' }, 'programme_manager');
    expect(locked.statusCode, locked.body).toBe(200);
    expect(json<PeriodLock>(locked)).toMatchObject({ period: '2025-Q1', locked: true, lockedBy: 'Test programme_manager', indicators: 4 });
    expect((await inject('POST', `/api/programmes/${programmeId}/periods/2025-Q1/lock`, {}, 'programme_manager')).statusCode).toBe(409);
    expect((await inject('POST', `/api/programmes/${programmeId}/periods/2025-Q7/lock`, {})).statusCode).toBe(400);

    // A participant added afterwards to an event of the quarter.
    await attend(islamabadId, 'female');
    const after = await value(unique.id, '2025-Q1');
    expect(after).toMatchObject({ value: 5, locked: true, reportedValue: 4, difference: 1 });
    expect(after.reportedBySex).toMatchObject({ total: 4, female: 2 });
    expect(after.bySex).toMatchObject({ total: 5, female: 3 });
    // The year was not locked.
    expect(await value(unique.id, '2025')).toMatchObject({ value: 6, locked: false, reportedValue: null, difference: null });
    const donor = json<DonorReport>(await inject('GET', `/api/programmes/${programmeId}/donor-report?period=2025-Q1`, undefined, 'viewer'));
    expect(donor.rows.find((r) => r.code === 'OP1.1')).toMatchObject({ actual: 4, now: 5, difference: 1, target: 8, percentAchieved: 50 });
    // What was reported stays: the locked quarter's target and narrative change only once it is unlocked.
    const retarget = await inject('PATCH', `/api/indicators/${unique.id}`, {
      targets: [
        { period: '2025-Q1', value: 5 },
        { period: '2025', value: 20 },
      ],
    });
    expect(retarget.statusCode, retarget.body).toBe(409);
    const otherTarget = await inject('PATCH', `/api/indicators/${unique.id}`, {
      targets: [
        { period: '2025-Q1', value: 8 },
        { period: '2025', value: 25 },
      ],
    });
    expect(otherTarget.statusCode, otherTarget.body).toBe(200);
    const narrative = await inject('PUT', `/api/programmes/${programmeId}/periods/2025-Q1/narrative`, { en: 'Changed after reporting', ur: '' });
    expect(narrative.statusCode, narrative.body).toBe(409);
    expect(
      json<DonorReport>(await inject('GET', `/api/programmes/${programmeId}/donor-report?period=2025-Q1`)).rows.find((r) => r.code === 'OP1.1')?.target,
    ).toBe(8);
  });

  it('unlocks only for an administrator, with the reason in the history', async () => {
    const unique = json<Logframe>(await inject('GET', `/api/programmes/${programmeId}/logframe`)).indicators.find((i) => i.code === 'OP1.1') as Indicator;
    expect((await inject('POST', `/api/programmes/${programmeId}/periods/2025-Q1/unlock`, { reason: 'Mine' }, 'programme_manager')).statusCode).toBe(403);
    const opened = await inject('POST', `/api/programmes/${programmeId}/periods/2025-Q1/unlock`, { reason: 'Late attendance sheets from Islamabad' }, 'admin');
    expect(opened.statusCode, opened.body).toBe(200);
    expect(json<PeriodLock>(opened)).toMatchObject({ locked: false });
    expect((await inject('POST', `/api/programmes/${programmeId}/periods/2025-Q1/unlock`, {}, 'admin')).statusCode).toBe(409);
    expect(await value(unique.id, '2025-Q1')).toMatchObject({ value: 5, locked: false, reportedValue: null, difference: null });
    const history = json<{ items: HistoryEntry[] }>(await inject('GET', `/api/programmes/${programmeId}/history`, undefined, 'viewer')).items;
    const unlock = history.find((h) => h.action === 'unlock');
    const lock = history.find((h) => h.action === 'lock');
    expect(unlock).toMatchObject({ note: 'Late attendance sheets from Islamabad', userName: 'Test admin' });
    expect(unlock?.changes.period).toEqual({ from: '2025-Q1', to: null });
    expect(String(unlock?.changes.reported?.from)).toContain('OP1.1: 4');
    expect(lock).toMatchObject({ note: 'Sent to the EU', userName: 'Test programme_manager' });
  });

  it('takes manual values with evidence, and refuses them while the period is locked', async () => {
    const manual = await createIndicator({
      code: 'OC1',
      name: 'Referral SOPs adopted by provinces',
      unit: 'number',
      computation: 'manual',
      targets: [{ period: '2025-Q2', value: 2 }],
    });
    const unique = json<Logframe>(await inject('GET', `/api/programmes/${programmeId}/logframe`)).indicators.find((i) => i.code === 'OP1.1') as Indicator;
    expect((await inject('PUT', `/api/indicators/${unique.id}/values/2025-Q2`, { value: 3, evidence: 'By hand' })).statusCode).toBe(422);
    expect((await inject('PUT', `/api/indicators/${manual.id}/values/2025-Q2`, { value: 3 })).statusCode).toBe(400);
    expect(
      (await inject('PUT', `/api/indicators/${manual.id}/values/2025-Q2`, { value: 3, evidence: 'x', bySex: { female: 1, male: 1, other: 0, unknown: 0 } }))
        .statusCode,
    ).toBe(400);
    const set = await inject(
      'PUT',
      `/api/indicators/${manual.id}/values/2025-Q2`,
      { value: 3, evidence: 'Notified SOPs of Punjab, Sindh and KP', evidenceUrl: 'https://example.org/sops' },
      'programme_manager',
    );
    expect(set.statusCode, set.body).toBe(200);
    expect(json<IndicatorValue>(set)).toMatchObject({
      value: 3,
      target: 2,
      evidence: 'Notified SOPs of Punjab, Sindh and KP',
      evidenceUrl: 'https://example.org/sops',
    });
    expect((await inject('POST', `/api/programmes/${programmeId}/periods/2025-Q2/lock`, {})).statusCode).toBe(200);
    const refused = await inject('PUT', `/api/indicators/${manual.id}/values/2025-Q2`, { value: 4, evidence: 'A fourth' });
    expect(refused.statusCode).toBe(409);
    expect(json<ApiError>(refused).error.code).toBe('conflict');
    expect(await value(manual.id, '2025-Q2')).toMatchObject({ value: 3, reportedValue: 3, difference: 0, locked: true });
    // A reported indicator stays while its period is locked.
    expect((await inject('DELETE', `/api/indicators/${manual.id}`)).statusCode).toBe(409);
  });

  it('keeps results (outcomes and outputs) and attaches indicators to them', async () => {
    const outcome = await inject(
      'POST',
      `/api/programmes/${programmeId}/results`,
      { kind: 'outcome', code: 'OC-A', statement: 'Criminal justice responds better to TIP and SOM' },
      'programme_manager',
    );
    expect(outcome.statusCode, outcome.body).toBe(201);
    const outcomeId = json<{ id: string }>(outcome).id;
    const output = await inject('POST', `/api/programmes/${programmeId}/results`, {
      kind: 'output',
      code: 'OP-A1',
      statement: 'Practitioners trained',
      parentId: outcomeId,
    });
    expect(output.statusCode, output.body).toBe(201);
    const outputId = json<{ id: string }>(output).id;
    expect(
      (await inject('POST', `/api/programmes/${programmeId}/results`, { kind: 'output', code: 'OP-A2', statement: 'Under an output', parentId: outputId }))
        .statusCode,
    ).toBe(400);
    const unique = json<Logframe>(await inject('GET', `/api/programmes/${programmeId}/logframe`)).indicators.find((i) => i.code === 'OP1.1') as Indicator;
    const moved = await inject('PATCH', `/api/indicators/${unique.id}`, { resultId: outputId, disaggregation: { province: true } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(json<Indicator>(moved)).toMatchObject({ resultId: outputId, disaggregation: { sex: true, province: true } });
    expect((await value(unique.id, '2025')).byProvince).toEqual([{ key: 'Punjab', counts: expect.objectContaining({ total: 6 }) }]);
    expect((await inject('DELETE', `/api/results/${outputId}`)).statusCode).toBe(409);
  });

  it('drafts the donor report in the programme’s style, keeps an edited narrative, and exports XLSX and PDF in English and Urdu', async () => {
    const report = json<DonorReport>(await inject('GET', `/api/programmes/${programmeId}/donor-report?period=2025-Q1`, undefined, 'viewer'));
    expect(report.facts).toMatchObject({ events: 2, participations: { total: 6, female: 3, male: 3 }, people: { total: 5 } });
    expect(report.narrative.drafted.en).toContain('Two workshops in Islamabad and Lahore were attended by 6 participants (3 female, 3 male).');
    expect(report.narrative.drafted.ur).toContain('اسلام آباد اور لاہور میں ورکشاپ کی 2 تقریبات منعقد ہوئیں');
    expect(report.highlights.en[0]).toBe('2 events held');
    const saved = await inject(
      'PUT',
      `/api/programmes/${programmeId}/periods/2025-Q1/narrative`,
      { en: 'Edited: the quarter went well.', ur: 'ترمیم شدہ بیانیہ' },
      'programme_manager',
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json<DonorReport>(saved).narrative.saved).toEqual({ en: 'Edited: the quarter went well.', ur: 'ترمیم شدہ بیانیہ' });
    expect((await inject('PUT', `/api/programmes/${programmeId}/periods/2025-Q1/narrative`, { en: 'x', ur: 'y' }, 'viewer')).statusCode).toBe(403);

    const xlsx = await inject('GET', `/api/programmes/${programmeId}/donor-report.xlsx?period=2025-Q1&lang=en`, undefined, 'viewer');
    expect(xlsx.statusCode).toBe(200);
    const sheets = await readXlsxExport(xlsx.rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(['About this export', 'Indicators', 'Charts', 'Highlights', 'Narrative']);
    expect(aboutOf(sheets[0]).get('Programme')).toBe('Global Action against Trafficking');
    const indicatorRow = sheets[1]?.rows.find((r) => r[0] === 'OP1.1');
    expect(indicatorRow?.slice(4, 7)).toEqual([0, 8, 5]);
    expect(sheets[4]?.rows[1]?.[0]).toBe('Edited: the quarter went well.');
    const urduXlsx = (await inject('GET', `/api/programmes/${programmeId}/donor-report.xlsx?period=2025-Q1&lang=ur`)).rawPayload;
    const urdu = await readXlsxExport(urduXlsx);
    expect(urdu[1]?.name).toBe('اشاریے');
    expect(urdu[1]?.rightToLeft).toBe(true);
    expect(urdu[2]).toMatchObject({ name: 'چارٹ', rightToLeft: true });
    // In Urdu the titles and series are Urdu and the bars grow from the right.
    const urduCharts = await readXlsxCharts(urduXlsx);
    expect(urduCharts.map((c) => [c.sheet, c.title, c.valueOrientation])).toEqual([
      ['چارٹ', 'ہدف اور حاصل شدہ (افراد)', 'maxMin'],
      ['چارٹ', 'ہدف اور حاصل شدہ (شرکتیں)', 'maxMin'],
      ['چارٹ', 'ہدف اور حاصل شدہ (تقریبات)', 'maxMin'],
      ['چارٹ', 'جنس کے لحاظ سے', 'maxMin'],
    ]);
    expect(urduCharts[0]?.series.map((s) => [s.name.ref, s.name.values[0], s.values.values])).toEqual([
      ["'چارٹ'!$B$4", 'ہدف', [8]],
      ["'چارٹ'!$C$4", 'حاصل شدہ', [5]],
    ]);
    for (const chart of urduCharts)
      for (const cells of [chart.categories, ...chart.series.flatMap((s) => [s.name, s.values])]) expect(cellsOf(urdu, cells.ref)).toEqual(cells.values);

    // Native charts on the Charts sheet: target and actual per unit (an indicator with neither is
    // left out), the split by sex of those that count people; each reads its table beside it.
    const charts = await readXlsxCharts(xlsx.rawPayload);
    expect(charts.map((c) => [c.sheet, c.title, c.grouping])).toEqual([
      ['Charts', 'Target and actual (People)', 'clustered'],
      ['Charts', 'Target and actual (Participations)', 'clustered'],
      ['Charts', 'Target and actual (Events)', 'clustered'],
      ['Charts', 'By sex', 'percentStacked'],
    ]);
    expect(charts[0]).toMatchObject({
      valueOrientation: 'minMax',
      categories: { ref: "'Charts'!$A$5", values: ['OP1.1'] },
      series: [
        { name: { ref: "'Charts'!$B$4", values: ['Target'] }, values: { ref: "'Charts'!$B$5", values: [8] } },
        { name: { ref: "'Charts'!$C$4", values: ['Actual'] }, values: { ref: "'Charts'!$C$5", values: [5] } },
      ],
    });
    const counted = report.rows.filter((r) => r.bySex && r.bySex.total > 0);
    expect(charts[3]?.categories.values).toEqual(counted.map((r) => r.code));
    expect(charts[3]?.series.map((s) => [s.name.values[0], s.values.values])).toEqual(
      (['female', 'male', 'other', 'unknown'] as const).map((sex, k) => [['Female', 'Male', 'Other', 'Not recorded'][k], counted.map((r) => r.bySex?.[sex])]),
    );
    for (const chart of charts) {
      // Every cached value is what its cell holds (an empty cell, a gap: OP1.2 has no target).
      for (const cells of [chart.categories, ...chart.series.flatMap((s) => [s.name, s.values])])
        expect(cellsOf(sheets, cells.ref), cells.ref).toEqual(cells.values);
      expect(chart.anchor.fromCol).toBe(6);
    }
    // One below the other, none over the next.
    charts.slice(1).forEach((chart, i) => expect(chart.anchor.fromRow).toBeGreaterThan(charts[i]?.anchor.toRow ?? Infinity));
    // Printed, a page breaks only right above a table and its chart, never through them.
    const chartsSheet = (await (await JSZip.loadAsync(xlsx.rawPayload)).file('xl/worksheets/sheet3.xml')?.async('string')) ?? '';
    const breaks = [...chartsSheet.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks.length).toBeGreaterThan(0);
    for (const row of breaks) expect(charts.map((c) => c.anchor.fromRow)).toContain(row);
    expect(chartsSheet.indexOf('<rowBreaks')).toBeLessThan(chartsSheet.indexOf('<drawing '));

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'donor-report-'));
    for (const lang of ['en', 'ur'] as const) {
      const pdf = await inject('GET', `/api/programmes/${programmeId}/donor-report.pdf?period=2025-Q1&lang=${lang}`, undefined, 'viewer');
      expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const file = path.join(dir, `${lang}.pdf`);
      fs.writeFileSync(file, pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      if (lang === 'en') {
        expect(text).toContain('Donor report');
        expect(text).toContain('Global Action against Trafficking');
        expect(text).toContain('OP1.1');
        expect(text).toContain('Edited: the quarter went well.');
      } else {
        // Nastaliq text is read back from each line's /ActualText (its glyphs alone do not give it back).
        const spans = pdfActualTexts(pdf.rawPayload);
        expect(spans).toContain('ڈونر رپورٹ');
        expect(spans).toContain('ترمیم شدہ بیانیہ');
        expect(spans).toContain('اشاریے');
        expect(text).toContain('OP1.1');
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    expect((await inject('GET', `/api/programmes/${programmeId}/donor-report.pdf?period=2025-Q9&lang=en`)).statusCode).toBe(400);
  });
});

describe('indicators and country limits', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  it('a user limited to Pakistan reads a Pakistan programme’s indicators, not those of one that also runs elsewhere, nor of one they do not see', async () => {
    const pk = await make.programme(ctx, { countries: ['PK'] });
    const shared = await make.programme(ctx, { countries: ['PK', 'AF'] });
    const af = await make.programme(ctx, { countries: ['AF'] });
    expect((await callRoute(ctx, 'getLogframe', { params: { id: pk.id } }, 'viewer')).status).toBe(200);
    expect((await callRoute(ctx, 'getLogframe', { params: { id: shared.id } }, 'viewer')).status).toBe(403);
    expect((await callRoute(ctx, 'getLogframe', { params: { id: af.id } }, 'viewer')).status).toBe(404);
    const indicator = await callRoute(ctx, 'createIndicator', {
      params: { id: af.id },
      body: { code: 'A1', name: 'Afghan', unit: 'people', computation: 'participations' },
    });
    expect(indicator.status).toBe(201);
    expect((await callRoute(ctx, 'indicatorValue', { params: { id: indicator.body.id }, query: { period: '2025' } }, 'viewer')).status).toBe(404);
  });

  it('counts only the countries the programme lists, so that a reader limited to them sees nothing of another', async () => {
    const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>, role: Role = 'admin') =>
      ctx.app.inject({ method, url, headers: ctx.as(role), ...(payload === undefined ? {} : { payload }) });
    const value = async (id: string, period: string, role: Role) => {
      const response = await inject('GET', `/api/indicators/${id}/values?period=${period}`, undefined, role);
      expect(response.statusCode, response.body).toBe(200);
      return json<IndicatorValue>(response);
    };
    const programme = await make.programme(ctx, { countries: ['PK', 'AF'] });
    const pkEvent = await make.event(ctx, {
      programmeId: programme.id,
      countryCode: 'PK',
      city: 'Lahore',
      startDate: '2025-03-03',
      endDate: '2025-03-03',
      status: 'held',
    });
    const afEvent = await make.event(ctx, {
      programmeId: programme.id,
      countryCode: 'AF',
      city: 'Kabul',
      startDate: '2025-03-04',
      endDate: '2025-03-04',
      status: 'held',
    });
    const pkPerson = await make.person(ctx, { countryCode: 'PK', sex: 'female' });
    const afPerson = await make.person(ctx, { countryCode: 'AF', sex: 'male' });
    expect((await inject('POST', `/api/events/${pkEvent.id}/participants`, { personId: pkPerson.id, attended: true })).statusCode).toBe(201);
    expect((await inject('POST', `/api/events/${afEvent.id}/participants`, { personId: afPerson.id, attended: true })).statusCode).toBe(201);
    const indicator = await callRoute(ctx, 'createIndicator', {
      params: { id: programme.id },
      body: { code: 'P', name: 'People', unit: 'people', computation: 'participations' },
    });
    expect(indicator.status).toBe(201);
    expect((await value(indicator.body.id, '2025', 'admin')).value).toBe(2);
    // The programme now lists Pakistan only; the Afghan event stays filed under it, and is left out.
    expect((await inject('PATCH', `/api/programmes/${programme.id}`, { countries: ['PK'] })).statusCode).toBe(200);
    expect(await value(indicator.body.id, '2025', 'viewer')).toMatchObject({ value: 1, bySex: { female: 1, male: 0 } });
    const report = await inject('GET', `/api/programmes/${programme.id}/donor-report?period=2025`, undefined, 'viewer');
    expect(report.statusCode, report.body).toBe(200);
    expect(report.body).not.toContain('Kabul');
    expect(report.body).toContain('Lahore');
  });
});
