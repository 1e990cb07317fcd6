import type { HistoryEntry, Organization } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { recordAccess } from './audit.repository.js';
import { verifyAuditChain } from './audit.service.js';

describe.each(testEngines())('the audit chain through the API on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  const createOrganization = async (name: string) => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: ctx.as('admin'),
      payload: { name, type: 'government', countryCode: 'PK', province: 'Punjab' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return json<Organization>(response);
  };
  const history = async (id: string) =>
    json<{ items: HistoryEntry[] }>(await ctx.app.inject({ method: 'GET', url: `/api/organizations/${id}/history`, headers: ctx.as('viewer') })).items;

  it('writes no history entry for a PATCH that changes nothing, and one for a PATCH that does', async () => {
    const org = await createOrganization('Unchanged Directorate');
    const same = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${org.id}`,
      headers: ctx.as('admin'),
      payload: { name: org.name, type: org.type, countryCode: org.countryCode, province: org.province },
    });
    expect(same.statusCode, same.body).toBe(200);
    expect((await history(org.id)).map((h) => h.action)).toEqual(['create']);
    const changed = await ctx.app.inject({ method: 'PATCH', url: `/api/organizations/${org.id}`, headers: ctx.as('admin'), payload: { province: 'Sindh' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await history(org.id)).map((h) => h.action)).toEqual(['update', 'create']);
  });

  it('records an export of the programme report in the chain, with its filters and no personal data', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports/programme/export?from=2025-01-01&to=2025-12-31&province=Punjab&format=csv',
      headers: ctx.as('viewer'),
    });
    expect(response.statusCode).toBe(200);
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'action', 'user_id', 'note', 'changes'])
      .where('action', '=', 'export')
      .execute();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ entity_type: 'report', entity_id: null, action: 'export', user_id: ctx.users.viewer.id });
    expect(JSON.parse(entry?.note ?? '')).toEqual({
      report: 'programme',
      format: 'csv',
      lang: 'en',
      from: '2025-01-01',
      to: '2025-12-31',
      province: 'Punjab',
      statuses: ['held'],
    });
    expect((await verifyAuditChain(ctx.db)).intact).toBe(true);
  });

  it('keeps access entries out of the history page of the record they concern', async () => {
    const org = await createOrganization('Viewed Directorate');
    const before = await history(org.id);
    await recordAccess(ctx.db, { entityType: 'organization', entityId: org.id, action: 'view', userId: ctx.users.viewer.id });
    expect(await history(org.id)).toEqual(before);
  });

  it('leaves one unforked chain after 20 updates of different records at once', async () => {
    const orgs = [];
    for (let i = 0; i < 20; i += 1) orgs.push(await createOrganization(`Parallel Office ${i}`));
    const before = await verifyAuditChain(ctx.db);
    const responses = await Promise.all(
      orgs.map((org, i) =>
        ctx.app.inject({ method: 'PATCH', url: `/api/organizations/${org.id}`, headers: ctx.as('programme_manager'), payload: { province: `Province ${i}` } }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(orgs.map(() => 200));
    const after = await verifyAuditChain(ctx.db);
    expect(after).toMatchObject({ intact: true, entries: before.entries + 20 });
    const rows = await ctx.db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length); // no two entries follow the same one
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  });
});
