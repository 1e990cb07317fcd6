import fs from 'node:fs';
import path from 'node:path';
import type {
  ApiError,
  Campaign,
  CampaignEvidence,
  CampaignOutput,
  CampaignSession,
  HistoryEntry,
  NeedsAssessment,
  Page,
  CampaignListItem,
} from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { make } from '../../../test/factories.js';
import { multipartFile, solidPng } from '../../../test/png.js';
import { testEngines } from '../../db/test-db.js';
import { campaignFigures } from './index.js';

type Role = 'admin' | 'programme_manager' | 'trainer' | 'viewer';

/** A multipart body with a file and text fields (the web sends the caption and the output so). */
function multipart(file: { name: string; type: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const boundary = `----campaign-${Math.random().toString(36).slice(2)}`;
  const parts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  const payload = Buffer.concat([
    ...parts,
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(testEngines())('awareness campaigns, on %s', (engine) => {
  let ctx: TestContext;
  let programmeId: string;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    programmeId = (await make.programme(ctx, { countries: ['PK'] })).id;
  });
  afterAll(async () => ctx.close());

  const post = (url: string, payload: Record<string, unknown>, role: Role = 'admin') => ctx.app.inject({ method: 'POST', url, headers: ctx.as(role), payload });
  const get = (url: string, role: Role = 'viewer') => ctx.app.inject({ method: 'GET', url, headers: ctx.as(role) });
  const newCampaign = async (overrides: Record<string, unknown> = {}, role: Role = 'admin') => {
    const response = await post(
      '/api/campaigns',
      {
        programmeId,
        countryCode: 'PK',
        title: 'Safe migration, Gilgit-Baltistan',
        province: 'Gilgit-Baltistan',
        district: 'Hunza',
        startDate: '2025-05-01',
        endDate: '2025-06-30',
        ...overrides,
      },
      role,
    );
    expect(response.statusCode, response.body).toBe(201);
    return json<Campaign>(response);
  };
  const upload = (campaignId: string, body: { payload: Buffer; contentType: string }, role: Role = 'admin') =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/campaigns/${campaignId}/evidence`,
      headers: { ...ctx.as(role), 'content-type': body.contentType },
      payload: body.payload,
    });

  it('records a campaign with partners, target groups, languages and a needs assessment, and reads it back', async () => {
    const partner = await make.organization(ctx, { name: 'Karakoram Area Development NGO', type: 'civil_society' });
    const assessment = await post('/api/needs-assessments', {
      countryCode: 'PK',
      province: 'Gilgit-Baltistan',
      district: 'Ghizer',
      area: 'Ghizer valley',
      assessedOn: '2025-02-15',
      findings: 'No awareness campaign was ever held here; recruiters visit in spring.',
      recommendations: 'Radio in Shina; posters at the bus stands',
    });
    expect(assessment.statusCode, assessment.body).toBe(201);
    const needs = json<NeedsAssessment>(assessment);
    const created = await newCampaign(
      {
        partnerIds: [partner.id],
        otherPartners: 'Village elders of Gahkuch',
        targetGroups: ['youth', 'parents', 'other'],
        targetGroupsOther: 'Bus drivers',
        languages: ['ur', 'scn', 'ur'],
        needsAssessmentId: needs.id,
        area: 'Gahkuch and Gupis',
      },
      'programme_manager',
    );
    expect(created).toMatchObject({
      title: 'Safe migration, Gilgit-Baltistan',
      countryCode: 'PK',
      province: 'Gilgit-Baltistan',
      partners: [{ id: partner.id, name: 'Karakoram Area Development NGO' }],
      otherPartners: 'Village elders of Gahkuch',
      targetGroups: ['youth', 'parents', 'other'],
      targetGroupsOther: 'Bus drivers',
      languages: ['ur', 'scn'],
      needsAssessment: { id: needs.id, area: 'Ghizer valley', assessedOn: '2025-02-15' },
      sessions: [],
      outputs: [],
      evidence: [],
      reach: { counted: { total: 0, sessions: 0 }, estimated: { total: 0 } },
    });
    const read = await get(`/api/campaigns/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(json<Campaign>(read)).toEqual(created);
    expect(json<NeedsAssessment>(await get(`/api/needs-assessments/${needs.id}`)).campaignCount).toBe(1);
    const history = json<{ items: HistoryEntry[] }>(await get(`/api/campaigns/${created.id}/history`));
    expect(history.items.map((h) => h.action)).toEqual(['create']);
    expect(history.items[0]?.changes.title).toEqual({ from: null, to: 'Safe migration, Gilgit-Baltistan' });
  });

  it('refuses bad input with 400 on the field, and an unknown programme or a needs assessment of another country', async () => {
    const backwards = await post('/api/campaigns', { programmeId, countryCode: 'PK', title: 'Backwards', startDate: '2025-06-01', endDate: '2025-05-01' });
    expect(backwards.statusCode).toBe(400);
    expect(json<ApiError>(backwards).error.details.map((d) => d.path)).toContain('endDate');
    const language = await post('/api/campaigns', {
      programmeId,
      countryCode: 'PK',
      title: 'X',
      startDate: '2025-06-01',
      endDate: '2025-06-02',
      languages: ['xx'],
    });
    expect(language.statusCode).toBe(400);
    const noTitle = await post('/api/campaigns', { programmeId, countryCode: 'PK', title: '  ', startDate: '2025-06-01', endDate: '2025-06-02' });
    expect(noTitle.statusCode).toBe(400);
    const programme = await post('/api/campaigns', {
      programmeId: '01900000-0000-7000-8000-000000000000',
      countryCode: 'PK',
      title: 'X',
      startDate: '2025-06-01',
      endDate: '2025-06-02',
    });
    expect(programme.statusCode).toBe(400);
    expect(json<ApiError>(programme).error.details.map((d) => d.path)).toEqual(['programmeId']);
    const afghan = json<NeedsAssessment>(
      await post('/api/needs-assessments', { countryCode: 'AF', area: 'Herat', assessedOn: '2025-01-01', findings: 'Needs' }),
    );
    const mismatch = await post('/api/campaigns', {
      programmeId,
      countryCode: 'PK',
      title: 'X',
      startDate: '2025-06-01',
      endDate: '2025-06-02',
      needsAssessmentId: afghan.id,
    });
    expect(mismatch.statusCode).toBe(422);
  });

  it('lets only administrators and programme managers change campaigns; everyone signed in reads them', async () => {
    const campaign = await newCampaign();
    for (const role of ['trainer', 'viewer'] as const) {
      expect(
        (await post('/api/campaigns', { programmeId, countryCode: 'PK', title: 'Mine', startDate: '2025-01-01', endDate: '2025-01-02' }, role)).statusCode,
      ).toBe(403);
      expect((await post(`/api/campaigns/${campaign.id}/outputs`, { kind: 'poster', quantity: 5 }, role)).statusCode).toBe(403);
      expect((await upload(campaign.id, multipartFile('p.png', 'image/png', solidPng(4, 4, [1, 2, 3])), role)).statusCode).toBe(403);
      expect((await get(`/api/campaigns/${campaign.id}`, role)).statusCode).toBe(200);
    }
  });

  it('changes a campaign (fields, target groups, languages) and keeps the change in its history', async () => {
    const campaign = await newCampaign({ targetGroups: ['youth'], languages: ['ur'] });
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/campaigns/${campaign.id}`,
      headers: ctx.as('programme_manager'),
      payload: { district: 'Nagar', targetGroups: ['youth', 'women'], languages: ['ur', 'bsk'] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(json<Campaign>(patched)).toMatchObject({ district: 'Nagar', targetGroups: ['youth', 'women'], languages: ['ur', 'bsk'], title: campaign.title });
    // Only the end date given: the start date on record makes it wrong.
    const backwards = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/campaigns/${campaign.id}`,
      headers: ctx.as('admin'),
      payload: { endDate: '2025-04-01' },
    });
    expect(backwards.statusCode).toBe(400);
    const history = json<{ items: HistoryEntry[] }>(await get(`/api/campaigns/${campaign.id}/history`));
    expect(history.items[0]?.changes).toEqual({
      district: { from: 'Hunza', to: 'Nagar' },
      targetGroups: { from: ['youth'], to: ['youth', 'women'] },
      languages: { from: ['ur'], to: ['ur', 'bsk'] },
    });
  });

  it('adds, changes and removes media outputs, each in the history', async () => {
    const campaign = await newCampaign();
    const added = await post(`/api/campaigns/${campaign.id}/outputs`, {
      kind: 'radio_psa',
      description: '60-second PSA on Radio Pakistan Gilgit',
      quantity: 40,
      language: 'scn',
      places: ['Gilgit', 'Skardu'],
      startDate: '2025-05-01',
      endDate: '2025-05-14',
      estimatedReach: 120000,
    });
    expect(added.statusCode, added.body).toBe(201);
    const output = json<CampaignOutput>(added);
    expect(output).toMatchObject({ kind: 'radio_psa', quantity: 40, language: 'scn', places: ['Gilgit', 'Skardu'], estimatedReach: 120000 });
    for (const bad of [
      { kind: 'billboard', quantity: 1 },
      { kind: 'poster', quantity: 0 },
      { kind: 'poster', quantity: 1, startDate: '2025-05-02', endDate: '2025-05-01' },
    ]) {
      expect((await post(`/api/campaigns/${campaign.id}/outputs`, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/campaigns/${campaign.id}/outputs/${output.id}`,
      headers: ctx.as('programme_manager'),
      payload: { quantity: 56, estimatedReach: null },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(json<CampaignOutput>(patched)).toMatchObject({ quantity: 56, estimatedReach: null, description: '60-second PSA on Radio Pakistan Gilgit' });
    // An output of another campaign is not found through this one.
    const other = await newCampaign({ title: 'Another' });
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: `/api/campaigns/${other.id}/outputs/${output.id}`, headers: ctx.as('admin'), payload: { quantity: 1 } }))
        .statusCode,
    ).toBe(404);
    const removed = await ctx.app.inject({ method: 'DELETE', url: `/api/campaigns/${campaign.id}/outputs/${output.id}`, headers: ctx.as('admin') });
    expect(removed.statusCode).toBe(204);
    expect(json<Campaign>(await get(`/api/campaigns/${campaign.id}`)).outputs).toEqual([]);
    const history = json<{ items: HistoryEntry[] }>(await get(`/api/campaigns/${campaign.id}/history`));
    const outputChanges = history.items.map((h) => h.changes[`output:${output.id}`]).filter((c) => c !== undefined);
    expect(outputChanges).toHaveLength(3);
    expect(outputChanges[1]).toEqual({
      from: { kind: 'radio_psa', quantity: 40, estimatedReach: 120000 },
      to: { kind: 'radio_psa', quantity: 56, estimatedReach: null },
    });
  });

  it('reports reach as people counted at event sessions apart from estimated audiences, never one total', async () => {
    const campaign = await newCampaign();
    const session = (title: string) =>
      make.event(ctx, {
        programmeId,
        title,
        type: 'awareness_session',
        startDate: '2025-05-10',
        endDate: '2025-05-10',
        city: 'Gilgit',
        province: 'Gilgit-Baltistan',
      });
    const [first, second] = [await session('Police and community, Gilgit'), await session('Police and community, Skardu')];
    const [amina, bilal, chand, dawood] = [
      await make.person(ctx, { sex: 'female' }),
      await make.person(ctx, { sex: 'male' }),
      await make.person(ctx, { sex: 'female' }),
      await make.person(ctx, { sex: 'male' }),
    ];
    const add = (eventId: string, personId: string, extra: Record<string, unknown>) => post(`/api/events/${eventId}/participants`, { personId, ...extra });
    // Amina at both sessions: one person. Chand registered but absent; Dawood spoke (not a participant).
    for (const r of [
      await add(first.id, amina.id, { attended: true }),
      await add(first.id, bilal.id, { attended: true }),
      await add(first.id, chand.id, { attended: false }),
      await add(second.id, amina.id, { attended: true }),
      await add(second.id, dawood.id, { attended: true, role: 'speaker' }),
    ])
      expect(r.statusCode, r.body).toBe(201);
    for (const event of [first, second]) {
      const linked = await post(`/api/campaigns/${campaign.id}/sessions`, { eventId: event.id });
      expect(linked.statusCode, linked.body).toBe(201);
      expect(json<CampaignSession>(linked)).toMatchObject({ kind: 'event', event: { id: event.id, type: 'awareness_session' } });
    }
    expect((await post(`/api/campaigns/${campaign.id}/sessions`, { eventId: first.id })).statusCode).toBe(409);
    const crowd = await post(`/api/campaigns/${campaign.id}/sessions`, {
      date: '2025-05-20',
      place: 'Aliabad bazaar',
      estimatedAudience: 500,
      estimatedFemale: 200,
    });
    expect(crowd.statusCode, crowd.body).toBe(201);
    expect(
      (await post(`/api/campaigns/${campaign.id}/sessions`, { date: '2025-05-20', place: 'X', estimatedAudience: 10, estimatedMale: 11 })).statusCode,
    ).toBe(400);
    await post(`/api/campaigns/${campaign.id}/outputs`, { kind: 'radio_psa', quantity: 30, estimatedReach: 10000 });
    await post(`/api/campaigns/${campaign.id}/outputs`, { kind: 'poster', quantity: 300, estimatedReach: 2000 });
    await post(`/api/campaigns/${campaign.id}/outputs`, { kind: 'poster', quantity: 100 });

    const read = json<Campaign>(await get(`/api/campaigns/${campaign.id}`));
    expect(read.reach.counted).toEqual({ total: 2, female: 1, male: 1, other: 0, unknown: 0, sessions: 2 });
    expect(read.reach.estimated).toEqual({
      total: 12500,
      sessions: 500,
      outputs: 12000,
      female: 200,
      male: 0,
      byKind: [
        { kind: 'poster', outputs: 2, estimatedReach: 2000 },
        { kind: 'radio_psa', outputs: 1, estimatedReach: 10000 },
      ],
      outputsWithoutEstimate: 1,
    });
    expect(read.reach.text.en).toBe(
      'Counted: 2 people at 2 sessions (1 female, 1 male). Estimated: about 12,500 reached (sessions 500, media outputs 12,000). ' +
        'The estimate is not added to the count: the same people may be in both.',
    );
    expect(read.reach.text.ur).toContain('شمار شدہ');
    // Each event session shows its own count; nothing anywhere says 12,502.
    expect(read.sessions.map((s) => (s.kind === 'event' ? s.counted.total : s.estimatedAudience))).toEqual([2, 1, 500]);
    expect(JSON.stringify(read)).not.toContain('12502');

    // An event of another country is not a session of a Pakistan campaign.
    const afghanProgramme = await make.programme(ctx, { countries: ['AF'] });
    const kabul = await make.event(ctx, { programmeId: afghanProgramme.id, countryCode: 'AF', city: 'Kabul', province: null, type: 'awareness_session' });
    expect((await post(`/api/campaigns/${campaign.id}/sessions`, { eventId: kabul.id })).statusCode).toBe(422);

    // Removing a session takes its people out of the count; the event stays.
    const firstSession = read.sessions.find((s) => s.kind === 'event' && s.event.id === first.id);
    const removed = await ctx.app.inject({ method: 'DELETE', url: `/api/campaigns/${campaign.id}/sessions/${firstSession?.id}`, headers: ctx.as('admin') });
    expect(removed.statusCode).toBe(204);
    expect(json<Campaign>(await get(`/api/campaigns/${campaign.id}`)).reach.counted).toMatchObject({ total: 1, female: 1, sessions: 1 });
    expect((await get(`/api/events/${first.id}`)).statusCode).toBe(200);
  });

  it('leaves no evidence file behind when a campaign is deleted while photos are being uploaded to it', async () => {
    const folder = path.join(ctx.dataDir, 'campaign-evidence');
    const png = solidPng(8, 8, [10, 120, 10]);
    for (let round = 0; round < 4; round++) {
      const campaign = await newCampaign({ title: `Race ${round}` });
      const uploads = Array.from({ length: 3 }, () => upload(campaign.id, multipartFile('p.png', 'image/png', png)));
      const deletion = ctx.app.inject({ method: 'DELETE', url: `/api/campaigns/${campaign.id}`, headers: ctx.as('admin') });
      const answers = await Promise.all([...uploads, deletion]);
      expect((answers.at(-1) ?? { statusCode: 0 }).statusCode).toBe(204);
      // Each upload either went first (and its file went with the campaign) or found the campaign gone.
      for (const a of answers.slice(0, -1)) expect([201, 404]).toContain(a.statusCode);
    }
    const rows = new Set((await ctx.db.selectFrom('campaign_evidence').select('id').execute()).map((r) => r.id));
    const kept = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
    expect(kept.filter((name) => !rows.has(name.split('.')[0] ?? ''))).toEqual([]);
  });

  it('gives the indicators a programme’s outputs by kind and its reach for a period', async () => {
    const programme = await make.programme(ctx, { countries: ['PK'] });
    const response = await post('/api/campaigns', {
      programmeId: programme.id,
      countryCode: 'PK',
      title: 'Figures',
      startDate: '2025-03-01',
      endDate: '2025-09-30',
    });
    const campaign = json<Campaign>(response);
    await post(`/api/campaigns/${campaign.id}/outputs`, { kind: 'pamphlet', quantity: 5000, startDate: '2025-03-05', estimatedReach: 4000 });
    await post(`/api/campaigns/${campaign.id}/outputs`, { kind: 'pamphlet', quantity: 2000, startDate: '2025-04-05' });
    await post(`/api/campaigns/${campaign.id}/outputs`, { kind: 'sms', quantity: 10000, startDate: '2025-08-01', estimatedReach: 9000 });
    // No date: counted on the campaign's first day.
    await post(`/api/campaigns/${campaign.id}/outputs`, { kind: 'banner', quantity: 20 });
    await post(`/api/campaigns/${campaign.id}/sessions`, { date: '2025-03-20', place: 'Skardu', estimatedAudience: 250 });
    const event = await make.event(ctx, { programmeId: programme.id, type: 'awareness_session', startDate: '2025-03-25', endDate: '2025-03-25' });
    const person = await make.person(ctx, { sex: 'female' });
    await post(`/api/events/${event.id}/participants`, { personId: person.id, attended: true });
    await post(`/api/campaigns/${campaign.id}/sessions`, { eventId: event.id });

    const spring = await campaignFigures(ctx.db, { programmeId: programme.id, from: '2025-03-01', to: '2025-05-31', countries: null });
    expect(spring.campaigns).toBe(1);
    expect(spring.outputs).toEqual([
      { kind: 'banner', outputs: 1, quantity: 20 },
      { kind: 'pamphlet', outputs: 2, quantity: 7000 },
    ]);
    expect(spring.reach.counted).toMatchObject({ total: 1, female: 1, sessions: 1 });
    expect(spring.reach.estimated).toMatchObject({ total: 4250, sessions: 250, outputs: 4000, outputsWithoutEstimate: 2 });
    const summer = await campaignFigures(ctx.db, { programmeId: programme.id, from: '2025-06-01', to: '2025-08-31', countries: null });
    expect(summer.outputs).toEqual([{ kind: 'sms', outputs: 1, quantity: 10000 }]);
    expect(summer.reach.counted.total).toBe(0);
    // A user of Afghanistan only sees none of it.
    expect((await campaignFigures(ctx.db, { programmeId: programme.id, from: '2025-01-01', to: '2025-12-31', countries: ['AF'] })).campaigns).toBe(0);
  });

  it('keeps evidence files checked by their bytes, serves them safely, and deletes them with their row or campaign', async () => {
    const campaign = await newCampaign();
    const output = json<CampaignOutput>(await post(`/api/campaigns/${campaign.id}/outputs`, { kind: 'banner', quantity: 12 }));
    const png = solidPng(40, 20, [200, 30, 30]);
    const sent = await upload(
      campaign.id,
      multipart({ name: 'بینر گلگت.png', type: 'image/png', bytes: png }, { caption: 'Banner at Gilgit bus stand', outputId: output.id }),
    );
    expect(sent.statusCode, sent.body).toBe(201);
    const photo = json<CampaignEvidence>(sent);
    expect(photo).toMatchObject({
      outputId: output.id,
      caption: 'Banner at Gilgit bus stand',
      fileName: 'بینر گلگت.png',
      contentType: 'image/png',
      bytes: png.length,
      uploadedBy: 'Test admin',
    });
    const file = path.join(ctx.dataDir, 'campaign-evidence', `${photo.id}.png`);
    expect(fs.readFileSync(file).equals(png)).toBe(true);
    expect(fs.statSync(file).mode & 0o077).toBe(0);

    const download = await get(`/api/campaigns/${campaign.id}/evidence/${photo.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="evidence-${photo.id}.png"; filename*=UTF-8''${encodeURIComponent('بینر گلگت.png')}`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(png)).toBe(true);
    expect((await get(`/api/campaigns/${campaign.id}/evidence/${photo.id}?inline=1`)).headers['content-disposition']).toMatch(/^inline; /);

    // A scanned broadcast log as a PDF, sent as "application/octet-stream": its bytes decide.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const log = await upload(campaign.id, multipartFile('log.bin', 'application/octet-stream', pdf));
    expect(log.statusCode, log.body).toBe(201);
    expect(json<CampaignEvidence>(log)).toMatchObject({ contentType: 'application/pdf', outputId: null, caption: null });
    // A text file dressed as a PNG is refused, whatever its name and type say.
    const fake = await upload(campaign.id, multipartFile('photo.png', 'image/png', Buffer.from('<svg onload="alert(1)"></svg>')));
    expect(fake.statusCode).toBe(415);
    expect(json<ApiError>(fake).error.code).toBe('unsupported_media_type');
    // Past 10 MB: 413, and nothing is kept.
    const huge = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(campaign.id, multipartFile('huge.png', 'image/png', huge));
    expect(tooBig.statusCode).toBe(413);
    expect(json<ApiError>(tooBig).error.code).toBe('payload_too_large');
    const unknownOutput = await upload(
      campaign.id,
      multipart({ name: 'p.png', type: 'image/png', bytes: png }, { outputId: '01900000-0000-7000-8000-000000000000' }),
    );
    expect(unknownOutput.statusCode).toBe(400);
    const noFile = await upload(campaign.id, {
      payload: Buffer.from('--x\r\nContent-Disposition: form-data; name="caption"\r\n\r\nHi\r\n--x--\r\n'),
      contentType: 'multipart/form-data; boundary=x',
    });
    expect(noFile.statusCode).toBe(400);
    const folder = path.join(ctx.dataDir, 'campaign-evidence');
    const listed = json<Campaign>(await get(`/api/campaigns/${campaign.id}`)).evidence;
    expect(listed.map((e) => e.contentType)).toEqual(['image/png', 'application/pdf']);
    expect(fs.readdirSync(folder).filter((n) => listed.some((e) => n.startsWith(e.id)))).toHaveLength(2);
    // Every file in the folder has a row: refused uploads left nothing behind.
    const rows = await ctx.db.selectFrom('campaign_evidence').select('id').execute();
    expect(fs.readdirSync(folder).sort()).toEqual(
      rows
        .map((r) => r.id)
        .flatMap((id) => fs.readdirSync(folder).filter((n) => n.startsWith(id)))
        .sort(),
    );

    // Removing the output keeps its photo with the campaign.
    await ctx.app.inject({ method: 'DELETE', url: `/api/campaigns/${campaign.id}/outputs/${output.id}`, headers: ctx.as('admin') });
    expect(json<Campaign>(await get(`/api/campaigns/${campaign.id}`)).evidence.find((e) => e.id === photo.id)?.outputId).toBeNull();
    const logId = json<CampaignEvidence>(log).id;
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/campaigns/${campaign.id}/evidence/${logId}`, headers: ctx.as('admin') })).statusCode).toBe(204);
    expect(fs.existsSync(path.join(folder, `${logId}.pdf`))).toBe(false);
    expect((await get(`/api/campaigns/${campaign.id}/evidence/${logId}`)).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/campaigns/${campaign.id}`, headers: ctx.as('admin') })).statusCode).toBe(204);
    expect(fs.existsSync(file)).toBe(false);
    expect((await get(`/api/campaigns/${campaign.id}`)).statusCode).toBe(404);
  });

  it('lists campaigns by programme, province and period', async () => {
    const programme = await make.programme(ctx, { countries: ['PK'] });
    const make3 = [
      { title: 'Spring in Hunza', province: 'Gilgit-Baltistan', startDate: '2024-03-01', endDate: '2024-04-30' },
      { title: 'Summer in Skardu', province: 'Gilgit-Baltistan', startDate: '2024-06-01', endDate: '2024-08-31' },
      { title: 'Lahore stations', province: 'Punjab', startDate: '2024-05-01', endDate: '2024-05-31' },
    ];
    for (const c of make3) await newCampaign({ programmeId: programme.id, ...c });
    const titles = async (query: string) =>
      json<Page<CampaignListItem>>(await get(`/api/campaigns?programmeId=${programme.id}${query}`)).items.map((c) => c.title);
    expect(await titles('')).toEqual(['Summer in Skardu', 'Lahore stations', 'Spring in Hunza']);
    expect(await titles('&province=Gilgit-Baltistan')).toEqual(['Summer in Skardu', 'Spring in Hunza']);
    // Running at some time in May 2024.
    expect(await titles('&from=2024-04-15&to=2024-05-15')).toEqual(['Lahore stations', 'Spring in Hunza']);
    expect(await titles('&q=skardu')).toEqual(['Summer in Skardu']);
    const page = json<Page<CampaignListItem>>(await get(`/api/campaigns?programmeId=${programme.id}&limit=2`));
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
  });
});

describe('campaigns and countries', () => {
  let scoped: TestContext;
  beforeAll(async () => {
    scoped = await createTestContext('sqlite', { countries: ['PK'] });
  });
  afterAll(async () => scoped.close());

  it('a user limited to Pakistan neither sees nor adds campaigns or needs assessments of Afghanistan', async () => {
    const programme = await make.programme(scoped, { countries: ['AF', 'PK'] });
    const body = { programmeId: programme.id, title: 'Herat', startDate: '2025-01-01', endDate: '2025-02-01' };
    const afghan = json<Campaign>(
      await scoped.app.inject({ method: 'POST', url: '/api/campaigns', headers: scoped.as('admin'), payload: { ...body, countryCode: 'AF' } }),
    );
    const mine = await scoped.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: scoped.as('programme_manager'),
      payload: { ...body, title: 'Gilgit', countryCode: 'PK' },
    });
    expect(mine.statusCode).toBe(201);
    expect((await scoped.app.inject({ method: 'GET', url: `/api/campaigns/${afghan.id}`, headers: scoped.as('viewer') })).statusCode).toBe(404);
    expect(
      (
        await scoped.app.inject({
          method: 'POST',
          url: `/api/campaigns/${afghan.id}/outputs`,
          headers: scoped.as('programme_manager'),
          payload: { kind: 'sms', quantity: 1 },
        })
      ).statusCode,
    ).toBe(404);
    const listed = json<Page<CampaignListItem>>(await scoped.app.inject({ method: 'GET', url: '/api/campaigns', headers: scoped.as('viewer') }));
    expect(listed.items.map((c) => c.title)).toEqual(['Gilgit']);
    const refused = await scoped.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: scoped.as('programme_manager'),
      payload: { ...body, countryCode: 'AF' },
    });
    expect(refused.statusCode).toBe(403);
    const assessment = await scoped.app.inject({
      method: 'POST',
      url: '/api/needs-assessments',
      headers: scoped.as('programme_manager'),
      payload: { countryCode: 'AF', area: 'Herat', assessedOn: '2025-01-01', findings: 'x' },
    });
    expect(assessment.statusCode).toBe(403);
    const byAdmin = json<NeedsAssessment>(
      await scoped.app.inject({
        method: 'POST',
        url: '/api/needs-assessments',
        headers: scoped.as('admin'),
        payload: { countryCode: 'AF', area: 'Herat', assessedOn: '2025-01-01', findings: 'x' },
      }),
    );
    expect((await scoped.app.inject({ method: 'GET', url: `/api/needs-assessments/${byAdmin.id}`, headers: scoped.as('viewer') })).statusCode).toBe(404);
  });

  it('an event session moved since to a country the user does not work in is neither shown nor counted', async () => {
    const programme = await make.programme(scoped, { countries: ['AF', 'PK'] });
    const campaign = json<Campaign>(
      await scoped.app.inject({
        method: 'POST',
        url: '/api/campaigns',
        headers: scoped.as('programme_manager'),
        payload: { programmeId: programme.id, countryCode: 'PK', title: 'Chitral', startDate: '2025-03-01', endDate: '2025-04-01' },
      }),
    );
    const stays = await make.event(scoped, {
      programmeId: programme.id,
      countryCode: 'PK',
      type: 'awareness_session',
      startDate: '2025-03-05',
      endDate: '2025-03-05',
    });
    const moves = await make.event(scoped, {
      programmeId: programme.id,
      countryCode: 'PK',
      type: 'awareness_session',
      startDate: '2025-03-06',
      endDate: '2025-03-06',
    });
    for (const [event, sex] of [
      [stays, 'female'],
      [moves, 'male'],
      [moves, 'male'],
    ] as const) {
      const person = await make.person(scoped, { sex });
      const added = await scoped.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/participants`,
        headers: scoped.as('admin'),
        payload: { personId: person.id, attended: true },
      });
      expect(added.statusCode, added.body).toBe(201);
    }
    for (const event of [stays, moves]) {
      const linked = await scoped.app.inject({
        method: 'POST',
        url: `/api/campaigns/${campaign.id}/sessions`,
        headers: scoped.as('admin'),
        payload: { eventId: event.id },
      });
      expect(linked.statusCode, linked.body).toBe(201);
    }
    const read = async () => json<Campaign>(await scoped.app.inject({ method: 'GET', url: `/api/campaigns/${campaign.id}`, headers: scoped.as('viewer') }));
    expect((await read()).reach.counted).toMatchObject({ total: 3, female: 1, male: 2, sessions: 2 });
    // Someone working in both countries moves the event to Afghanistan.
    await scoped.db.updateTable('events').set({ country_code: 'AF' }).where('id', '=', moves.id).execute();
    const after = await read();
    expect(after.sessions).toHaveLength(1);
    expect(after.reach.counted).toMatchObject({ total: 1, female: 1, male: 0, sessions: 1 });
  });
});
