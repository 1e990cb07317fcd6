import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiError, CertificateSettings } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import { deleteEvent } from '../events/index.js';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { multipartFile, solidPng } from '../../../test/png.js';
import { LOGO_FOLDER } from './certificates.files.js';
import { eventLogoCleanup } from './certificates.service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

async function upload(eventId: string, name: string, type: string, bytes: Buffer, role: Parameters<TestContext['as']>[0] = 'admin', on: TestContext = ctx) {
  const { payload, contentType } = multipartFile(name, type, bytes);
  return on.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/certificates/logos`,
    headers: { ...on.as(role), 'content-type': contentType },
    payload,
  });
}

const logoFiles = (on: TestContext = ctx) =>
  fs.existsSync(path.join(on.dataDir, LOGO_FOLDER)) ? fs.readdirSync(path.join(on.dataDir, LOGO_FOLDER)).sort() : [];

describe('certificate settings and logos', () => {
  it('has defaults until changed: both kinds, English, the programme’s own name, no logos', async () => {
    const event = await make.event(ctx);
    const settings = await callRoute(ctx, 'certificateSettings', { params: { id: event.id } }, 'viewer');
    expect(settings.body).toEqual({
      eventId: event.id,
      training: true,
      participation: true,
      printing: 'en',
      programmeName: null,
      defaultProgrammeName: event.programmeName,
      logos: [],
      updatedAt: null,
    });
    const changed = await callRoute(ctx, 'updateCertificateSettings', {
      params: { id: event.id },
      body: { printing: 'both', programmeName: '  Hifazat TIP programme ' },
    });
    expect(changed.body).toMatchObject({ printing: 'both', programmeName: 'Hifazat TIP programme', training: true });
    expect(changed.body.updatedAt).not.toBeNull();
    const cleared = await callRoute(ctx, 'updateCertificateSettings', { params: { id: event.id }, body: { programmeName: '' } });
    expect(cleared.body.programmeName).toBeNull();
  });

  it('keeps PNG and JPEG logos in the data folder, in order, at most four, and deletes those left out', async () => {
    const event = await make.event(ctx);
    const ids: string[] = [];
    for (const colour of [
      [200, 0, 0],
      [0, 150, 0],
      [0, 0, 200],
      [90, 90, 90],
    ] as Array<[number, number, number]>) {
      const response = await upload(event.id, 'logo.png', 'image/png', solidPng(40, 20, colour));
      expect(response.statusCode, response.body).toBe(201);
      const settings = json<CertificateSettings>(response);
      ids.push(settings.logos.at(-1)?.id ?? '');
    }
    expect(logoFiles()).toEqual(ids.map((id) => `${id}.png`).sort());
    const fifth = await upload(event.id, 'logo.png', 'image/png', solidPng(10, 10, [1, 2, 3]));
    expect(fifth.statusCode).toBe(422);
    expect(logoFiles()).toHaveLength(4);

    const image = await ctx.app.inject({ method: 'GET', url: `/api/events/${event.id}/certificates/logos/${ids[1]}`, headers: ctx.as('viewer') });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(solidPng(40, 20, [0, 150, 0]))).toBe(true);

    const reordered = await callRoute(ctx, 'updateCertificateSettings', { params: { id: event.id }, body: { logoIds: [ids[2] as string, ids[0] as string] } });
    expect(reordered.body.logos.map((l) => l.id)).toEqual([ids[2], ids[0]]);
    expect(logoFiles()).toEqual([ids[0], ids[2]].map((id) => `${id}.png`).sort());
    const unknown = await callRoute(ctx, 'updateCertificateSettings', { params: { id: event.id }, body: { logoIds: [ids[1] as string] } });
    expect(unknown.status).toBe(400);
    const gone = await ctx.app.inject({ method: 'GET', url: `/api/events/${event.id}/certificates/logos/${ids[1]}`, headers: ctx.as('viewer') });
    expect(gone.statusCode).toBe(404);
    const history = await callRoute(ctx, 'eventHistory', { params: { id: event.id } });
    expect(history.body.items.some((e) => 'certificates.logoIds' in e.changes)).toBe(true);
  });

  it('refuses a file that is not a readable PNG or JPEG (415), and one over 1 MB (413)', async () => {
    const event = await make.event(ctx);
    const before = logoFiles();
    const text = await upload(event.id, 'logo.png', 'image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(text.statusCode).toBe(415);
    expect(json<ApiError>(text).error.code).toBe('unsupported_media_type');
    const cut = await upload(event.id, 'logo.png', 'image/png', solidPng(40, 40, [9, 9, 9]).subarray(0, 40));
    expect(cut.statusCode).toBe(415);
    const jpegHeaderOnly = await upload(event.id, 'logo.jpg', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]));
    expect(jpegHeaderOnly.statusCode).toBe(415);
    const large = Buffer.concat([solidPng(10, 10, [1, 1, 1]), Buffer.alloc(1024 * 1024)]);
    const tooLarge = await upload(event.id, 'logo.png', 'image/png', large);
    expect(tooLarge.statusCode).toBe(413);
    const notMultipart = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/certificates/logos`,
      headers: ctx.as('admin'),
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);
    expect(logoFiles()).toEqual(before);
  });

  it('lets trainers change only the events they train', async () => {
    const other = await make.event(ctx);
    const trained = await make.event(ctx, { trainerUserIds: [ctx.users.trainer.id] });
    expect((await callRoute(ctx, 'updateCertificateSettings', { params: { id: other.id }, body: { training: false } }, 'trainer')).status).toBe(403);
    expect((await upload(other.id, 'logo.png', 'image/png', solidPng(8, 8, [5, 5, 5]), 'trainer')).statusCode).toBe(403);
    expect((await callRoute(ctx, 'updateCertificateSettings', { params: { id: trained.id }, body: { training: false } }, 'trainer')).status).toBe(200);
    expect((await callRoute(ctx, 'updateCertificateSettings', { params: { id: trained.id }, body: { training: false } }, 'viewer')).status).toBe(403);
  });

  it('prints the event’s logos and programme name on its certificates', async () => {
    const event = await make.event(ctx, { startDate: '2025-02-01', endDate: '2025-02-01' });
    const person = await make.person(ctx, { fullName: 'Farah Naz' });
    await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id, attended: true } });
    await callRoute(ctx, 'updateCertificateSettings', { params: { id: event.id }, body: { programmeName: 'Border Management Programme' } });
    const issued = await callRoute(ctx, 'issueCertificates', { params: { id: event.id }, body: {} });
    const number = issued.body.certificates[0]?.number ?? '';
    const plain = await ctx.app.inject({ method: 'GET', url: `/api/certificates/${number}/pdf`, headers: ctx.as('admin') });
    const file = path.join(ctx.dataDir, 'plain.pdf');
    fs.writeFileSync(file, plain.rawPayload);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Author:\s+Border Management Programme/);
    expect((await upload(event.id, 'logo.png', 'image/png', solidPng(60, 30, [10, 80, 160]))).statusCode).toBe(201);
    const withLogo = await ctx.app.inject({ method: 'GET', url: `/api/certificates/${number}/pdf`, headers: ctx.as('admin') });
    expect(withLogo.rawPayload.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(plain.rawPayload.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
  });
});

describe.each(testEngines())('an event’s logo files go with the event, on %s', (engine) => {
  let here: TestContext;
  beforeAll(async () => {
    here = await createTestContext(engine);
  });
  afterAll(async () => here.close());

  /** An event with `count` logos; their file names. */
  async function eventWithLogos(count: number) {
    const event = await make.event(here);
    const files: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const response = await upload(event.id, 'logo.png', 'image/png', solidPng(20, 10, [i * 40, 60, 90]), 'admin', here);
      expect(response.statusCode, response.body).toBe(201);
      const logo = json<CertificateSettings>(response).logos.at(-1);
      files.push(`${logo?.id ?? ''}.png`);
    }
    return { event, files };
  }

  it('deletes the files of a deleted event’s logos, and only those; a refused deletion keeps them', async () => {
    const doomed = await eventWithLogos(2);
    const kept = await eventWithLogos(1);
    const bare = await make.event(here);
    expect(logoFiles(here)).toEqual([...doomed.files, ...kept.files].sort());

    // A trainer may not delete events: nothing changes.
    expect((await callRoute(here, 'deleteEvent', { params: { id: doomed.event.id } }, 'trainer')).status).toBe(403);
    expect(logoFiles(here)).toEqual([...doomed.files, ...kept.files].sort());

    expect((await callRoute(here, 'deleteEvent', { params: { id: doomed.event.id } })).status).toBe(204);
    expect(logoFiles(here)).toEqual(kept.files);
    // An event that never had settings deletes as before.
    expect((await callRoute(here, 'deleteEvent', { params: { id: bare.id } })).status).toBe(204);
    expect(logoFiles(here)).toEqual(kept.files);
    // The other event's logo is still served.
    const logoId = kept.files[0]?.replace('.png', '') ?? '';
    const image = await here.app.inject({ method: 'GET', url: `/api/events/${kept.event.id}/certificates/logos/${logoId}`, headers: here.as('viewer') });
    expect(image.statusCode).toBe(200);
  });

  it('keeps the files and the settings when the deletion is rolled back after the logos were looked up', async () => {
    const { event, files } = await eventWithLogos(1);
    const admin = { id: here.users.admin.id, name: 'Test admin', email: here.users.admin.email, role: 'admin' as const, countries: null };
    const failing = async () => {
      throw new Error('disk full');
    };
    await expect(deleteEvent(here.db, admin, event.id, [eventLogoCleanup(here.dataDir), failing])).rejects.toThrow('disk full');
    expect(logoFiles(here)).toContain(files[0]);
    const settings = await callRoute(here, 'certificateSettings', { params: { id: event.id } });
    expect(settings.body.logos.map((l) => `${l.id}.png`)).toEqual(files);
    // The same call without the failing step deletes both.
    await deleteEvent(here.db, admin, event.id, [eventLogoCleanup(here.dataDir)]);
    expect(logoFiles(here)).not.toContain(files[0]);
  });
});
