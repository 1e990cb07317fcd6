import type { CaseDuplicate, CaseDuplicateList, CaseDetail } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { hifazat } from '../../../test/command.js';
import { createTestContext, enrolSecondFactor, json, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { dataKeysFor } from '../../shared/data-key.js';
import { statisticsRows } from './cases.repository.js';
import { MAX_CASES_PER_KEY } from './case-duplicates.service.js';
import { anonymiseExpiredCases, reindexCases } from './index.js';

/**
 * Possible duplicates across agencies (issue 13): found through the blind indexes (Urdu and Latin names,
 * date of birth, phone, identity numbers), shown to supervisors of the agencies involved with least
 * privilege, dismissed for good, merged only by supervisors (both agencies' across agencies), both
 * histories kept.
 */
describe.each(testEngines())('possible duplicates on %s', (engine) => {
  let ctx: TestContext;
  /** Agency B: another police station with its own data officer and supervisor; agency C: uninvolved. */
  let officerB: string;
  let supervisorB: string;
  let supervisorC: string;
  let agencyB: string;

  beforeAll(async () => {
    // The database in the data folder: the `hifazat cases reindex` command opens it.
    ctx = await createTestContext(engine, { caseRoles: true, databaseInDataDir: true });
    const b = await make.organization(ctx, { name: `Women protection centre ${engine}` });
    const c = await make.organization(ctx, { name: `Uninvolved shelter ${engine}` });
    agencyB = b.id;
    const signIn = async (role: 'data_officer' | 'supervisor', organizationId: string) => {
      const user = await make.user(ctx, { role, organizationId, countries: ['PK'] });
      return (await enrolSecondFactor(ctx.app, user.email)).cookie;
    };
    officerB = await signIn('data_officer', b.id);
    supervisorB = await signIn('supervisor', b.id);
    supervisorC = await signIn('supervisor', c.id);
  });
  afterAll(() => ctx.close());

  const api = async <T>(cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) => {
    const response = await ctx.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: (response.statusCode < 300 ? json<T>(response) : undefined) as T, raw: response.body };
  };
  const victim = (fields: Record<string, unknown>) => ({ sex: 'female', ...fields });
  /** A case of the test context's agency (agency A), opened by its data officer. */
  const openA = async (fields: Record<string, unknown>) => {
    const created = await callRoute(ctx, 'createCase', { body: { countryCode: 'PK', province: 'Punjab', victim: victim(fields) as never } }, 'data_officer');
    if (created.status !== 201) throw new Error(created.raw);
    return created.body;
  };
  const openB = async (fields: Record<string, unknown>) => {
    const created = await api<CaseDetail>(officerB, 'POST', '/api/cases', { countryCode: 'PK', province: 'Sindh', victim: victim(fields) });
    if (created.status !== 201) throw new Error(created.raw);
    return created.body;
  };
  const listAs = async (cookie: string) => (await api<CaseDuplicateList>(cookie, 'GET', '/api/case-duplicates')).body.items;
  const listA = async () => {
    const answer = await callRoute(ctx, 'listCaseDuplicates', {}, 'supervisor');
    expect(answer.status, answer.raw).toBe(200);
    return answer.body.items;
  };
  const pairOf = (items: CaseDuplicate[], x: string, y: string) => items.find((i) => i.cases.some((c) => c.id === x) && i.cases.some((c) => c.id === y));

  it('an Urdu and a Latin spelling with the same date of birth across agencies: a pair; the other agency’s identity stays out', async () => {
    const a = await openA({ fullName: 'Muhammad Shahid', birthDate: '1994-03-07', phone: '+92 301 7770001', address: 'House 4, Shadman' });
    const b = await openB({ fullName: 'محمد شاہد', birthDate: '1994-03-07', phone: '0345 8880002', identityNumber: '42101-5556667-1' });
    const pair = pairOf(await listA(), a.id, b.id);
    expect(pair).toBeDefined();
    expect(pair).toMatchObject({ signals: ['birth_date', 'name'], score: 50, level: 'medium', status: 'open' });
    // Own case first, with its name; the other agency's: reference, agency, province, status only.
    expect(pair?.cases[0]).toMatchObject({ id: a.id, ownAgency: true, fullName: 'Muhammad Shahid' });
    expect(pair?.cases[1]).toMatchObject({
      id: b.id,
      reference: b.reference,
      ownAgency: false,
      fullName: null,
      identifiedOn: null,
      province: 'Sindh',
      status: 'identification',
    });
    expect(pair?.cases[1]?.agency?.id).toBe(agencyB);
    const raw = (await callRoute(ctx, 'listCaseDuplicates', {}, 'supervisor')).raw;
    for (const secret of ['محمد', 'شاہد', '1994-03-07', '8880002', '5556667']) expect(raw.includes(secret), secret).toBe(false);
    // Agency B's supervisor sees the same pair from its side (A's name withheld).
    const fromB = pairOf(await listAs(supervisorB), a.id, b.id);
    expect(fromB?.cases[0]).toMatchObject({ id: b.id, ownAgency: true, fullName: 'محمد شاہد' });
    expect(fromB?.cases[1]).toMatchObject({ id: a.id, fullName: null });
    // An uninvolved agency's supervisor sees nothing of it; a data officer may not look (403).
    expect(pairOf(await listAs(supervisorC), a.id, b.id)).toBeUndefined();
    expect((await callRoute(ctx, 'listCaseDuplicates', {}, 'data_officer')).status).toBe(403);
    expect((await api(officerB, 'GET', '/api/case-duplicates')).status).toBe(403);
    expect((await callRoute(ctx, 'listCaseDuplicates', {}, 'admin')).status).toBe(403);
    // Nor act on it: 404 to the uninvolved supervisor, 403 to a data officer.
    expect((await api(supervisorC, 'POST', `/api/case-duplicates/${pair?.id ?? ''}/dismiss`, {})).status).toBe(404);
    expect((await api(officerB, 'POST', `/api/case-duplicates/${pair?.id ?? ''}/dismiss`, {})).status).toBe(403);
    // The view is audited: B's case history shows that A's supervisor was shown it.
    const history = await api<{ items: Array<{ action: string; note: string | null }> }>(supervisorB, 'GET', `/api/cases/${b.id}/history`);
    expect(history.body.items.some((e) => e.action === 'view' && e.note === `possible duplicate ${pair?.id ?? ''}`)).toBe(true);
  });

  it('an identity number written two ways is a strong match; phone and date of birth too; a name alone is none', async () => {
    const a = await openA({ fullName: 'Kausar Parveen', identityNumber: '35202-1234567-9' });
    const b = await openB({ fullName: 'Someone Else Entirely', identityNumbers: [{ kind: 'cnic', number: '3520212345679' }] });
    expect(pairOf(await listA(), a.id, b.id)).toMatchObject({ signals: ['identity_number'], score: 60, level: 'strong' });
    const c = await openA({ fullName: 'Nadia Gul', birthDate: '1990-11-02', phone: '+92 (333) 444-0101' });
    const d = await openB({ fullName: 'Rubina Akhtar', birthDate: '1990-11-02', phone: '03334440101' });
    expect(pairOf(await listA(), c.id, d.id)).toMatchObject({ signals: ['phone', 'birth_date'], score: 60, level: 'strong' });
    // The same name, nothing else alike: no pair (common names are shared by thousands).
    const e = await openA({ fullName: 'Zainab Noor Khan' });
    const f = await openB({ fullName: 'Zainab Noor Khan' });
    expect(pairOf(await listA(), e.id, f.id)).toBeUndefined();
    // A date of birth alone neither.
    const g = await openA({ fullName: 'Asma Jabeen', birthDate: '1988-08-08' });
    const h = await openB({ fullName: 'Fozia Bano', birthDate: '1988-08-08' });
    expect(pairOf(await listA(), g.id, h.id)).toBeUndefined();
  });

  it('a key shared by too many cases (a shelter’s phone typed for everyone) makes no pair', async () => {
    const names = ['Amina', 'Bushra', 'Chanda', 'Dilshad', 'Erum', 'Fehmida', 'Ghazala', 'Huma', 'Iram', 'Jamila'];
    const opened: string[] = [];
    for (let i = 0; i <= MAX_CASES_PER_KEY + 1; i += 1) {
      opened.push(
        (await openA({ fullName: `${names[i % names.length] ?? 'Sana'} ${'Q'.repeat(1 + Math.floor(i / names.length))}ureshi${i}`, phone: '042 3575 0000' }))
          .id,
      );
    }
    // The first cases paired while the phone was still rare; the case that made it common dropped those pairs.
    expect((await listA()).filter((p) => p.cases.some((c) => opened.includes(c.id)))).toEqual([]);
    // Below the limit it pairs: the same phone on two cases only.
    const x = await openA({ fullName: 'Kiran Shah', phone: '042 3575 9999' });
    const y = await openB({ fullName: 'Lubna Aziz', phone: '04235759999' });
    expect(pairOf(await listA(), x.id, y.id)).toMatchObject({ signals: ['phone'], score: 40, level: 'medium' });
  });

  it('a dismissal sticks; it opens again only when what matched changes', async () => {
    const a = await openA({ fullName: 'Sadia Iqbal', birthDate: '1999-01-15' });
    const b = await openB({ fullName: 'صادیہ اقبال', birthDate: '1999-01-15' });
    const pair = pairOf(await listA(), a.id, b.id);
    expect(pair).toBeDefined();
    const dismissed = await callRoute(ctx, 'dismissCaseDuplicate', { params: { id: pair?.id ?? '' }, body: {} }, 'supervisor');
    expect(dismissed.status, dismissed.raw).toBe(200);
    expect(dismissed.body.status).toBe('dismissed');
    expect((await callRoute(ctx, 'dismissCaseDuplicate', { params: { id: pair?.id ?? '' }, body: {} }, 'supervisor')).status).toBe(409);
    expect(pairOf(await listA(), a.id, b.id)).toBeUndefined();
    // Corrections that do not change what matched: still dismissed.
    expect(
      (await callRoute(ctx, 'updateCase', { params: { id: a.id }, body: { narrative: 'Came back', victim: { address: 'Another street' } } }, 'data_officer'))
        .status,
    ).toBe(200);
    expect(pairOf(await listA(), a.id, b.id)).toBeUndefined();
    expect(pairOf(await listAs(supervisorB), a.id, b.id)).toBeUndefined();
    // The same phone now matches too: shown again, with the new signal.
    expect((await callRoute(ctx, 'updateCase', { params: { id: a.id }, body: { victim: { phone: '0300 5550199' } } }, 'data_officer')).status).toBe(200);
    expect((await api(officerB, 'PATCH', `/api/cases/${b.id}`, { victim: { phone: '+923005550199' } })).status).toBe(200);
    expect(pairOf(await listA(), a.id, b.id)).toMatchObject({ id: pair?.id, status: 'open', signals: ['phone', 'birth_date', 'name'] });
    // The audit names the decision, never a value.
    const history = await callRoute(ctx, 'caseHistory', { params: { id: a.id } }, 'supervisor');
    expect(history.body.items.some((e) => e.action === 'duplicate' && e.fields.includes('duplicate'))).toBe(true);
  });

  it('a merge in one agency keeps both histories: the merged case leaves the lists, its entries show on the kept case', async () => {
    const kept = await openA({ fullName: 'Shazia Bibi', phone: '0312 1110001', birthDate: '2001-05-05' });
    const merged = await openA({ fullName: 'شازیہ بی بی', phone: '+92 312 1110001', birthDate: '2001-05-05' });
    expect((await callRoute(ctx, 'transitionCase', { params: { id: merged.id }, body: { to: 'screening' } }, 'data_officer')).status).toBe(200);
    const task = await callRoute(ctx, 'createCaseTask', { params: { id: merged.id }, body: { title: 'Call her back', dueOn: '2025-01-02' } }, 'data_officer');
    expect(task.status, task.raw).toBe(201);
    const overdue = async () => (await callRoute(ctx, 'overdueCaseTasks', {}, 'supervisor')).body.items.map((i) => i.id);
    expect(await overdue()).toContain(task.body.id);
    const pair = pairOf(await listA(), kept.id, merged.id);
    expect(pair?.cases.every((c) => c.ownAgency)).toBe(true);
    const outsider = await api(supervisorC, 'POST', `/api/case-duplicates/${pair?.id ?? ''}/merge`, { keep: kept.id });
    expect(outsider.status).toBe(404);
    expect((await callRoute(ctx, 'mergeCaseDuplicate', { params: { id: pair?.id ?? '' }, body: { keep: pair?.id ?? '' } }, 'supervisor')).status).toBe(422);
    const done = await callRoute(ctx, 'mergeCaseDuplicate', { params: { id: pair?.id ?? '' }, body: { keep: kept.id } }, 'supervisor');
    expect(done.status, done.raw).toBe(200);
    expect(done.body).toMatchObject({ status: 'merged', keptCaseId: kept.id });
    expect((await callRoute(ctx, 'mergeCaseDuplicate', { params: { id: pair?.id ?? '' }, body: { keep: kept.id } }, 'supervisor')).status).toBe(409);

    // The merged case: still read (status kept), marked, out of the lists, no longer changed.
    const read = await callRoute(ctx, 'getCase', { params: { id: merged.id } }, 'supervisor');
    expect(read.body).toMatchObject({ status: 'screening', mergedIntoId: kept.id });
    const listed = await callRoute(ctx, 'listCases', { query: { limit: 100 } }, 'supervisor');
    expect(listed.body.items.map((c) => c.id)).toContain(kept.id);
    expect(listed.body.items.map((c) => c.id)).not.toContain(merged.id);
    expect((await callRoute(ctx, 'updateCase', { params: { id: merged.id }, body: { narrative: 'x' } }, 'data_officer')).status).toBe(409);
    // Its open task leaves the overdue list (the work goes on in the kept case), and no new one is added to it.
    expect(await overdue()).not.toContain(task.body.id);
    expect((await callRoute(ctx, 'createCaseTask', { params: { id: merged.id }, body: { title: 'x', dueOn: '2026-01-02' } }, 'data_officer')).status).toBe(409);

    // The kept case's history holds both: its own, and the merged case's (its transition) marked with its reference.
    const history = await callRoute(ctx, 'caseHistory', { params: { id: kept.id } }, 'supervisor');
    const fromMerged = history.body.items.filter((e) => e.fromReference === merged.reference);
    expect(fromMerged.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'transition', 'merge']));
    expect(history.body.items.some((e) => e.action === 'create' && !e.fromReference)).toBe(true);
    expect(history.body.items.some((e) => e.action === 'merge' && e.note === `from ${merged.reference}` && !e.fromReference)).toBe(true);
  });

  it('across agencies both supervisors confirm the same case to keep; the statistics count the person once', async () => {
    // What the statistics count (before rounding): the repository's rows.
    const counted = async () => (await statisticsRows(ctx.db, null, { countryCode: 'PK' })).reduce((sum, r) => sum + Number(r.n), 0);
    const before = await counted();
    const a = await openA({ fullName: 'Farzana Kausar', identityNumber: '61101-7654321-2' });
    const b = await openB({ fullName: 'فرزانہ کوثر', identityNumber: '6110176543212' });
    const id = pairOf(await listA(), a.id, b.id)?.id ?? '';
    const asked = await callRoute(ctx, 'mergeCaseDuplicate', { params: { id }, body: { keep: a.id } }, 'supervisor');
    expect(asked.status, asked.raw).toBe(200);
    expect(asked.body).toMatchObject({ status: 'merge_requested', mergeRequest: { keepCaseId: a.id, byOwnAgency: true } });
    expect((await callRoute(ctx, 'mergeCaseDuplicate', { params: { id }, body: { keep: a.id } }, 'supervisor')).status).toBe(409);
    // B sees the request; asking to keep the other case is refused (409), confirming merges.
    const seen = pairOf(await listAs(supervisorB), a.id, b.id);
    expect(seen?.mergeRequest).toMatchObject({ keepCaseId: a.id, byOwnAgency: false });
    expect((await api(supervisorB, 'POST', `/api/case-duplicates/${id}/merge`, { keep: b.id })).status).toBe(409);
    const confirmed = await api<CaseDuplicate>(supervisorB, 'POST', `/api/case-duplicates/${id}/merge`, { keep: a.id });
    expect(confirmed.status, confirmed.raw).toBe(200);
    expect(confirmed.body.status).toBe('merged');
    expect((await api<CaseDetail>(supervisorB, 'GET', `/api/cases/${b.id}`)).body.mergedIntoId).toBe(a.id);
    // Two cases opened, one person: counted once.
    expect(await counted()).toBe(before + 1);
    const listB = await api<{ items: Array<{ id: string }> }>(supervisorB, 'GET', '/api/cases?limit=100');
    expect(listB.body.items.map((c) => c.id)).not.toContain(b.id);
  });

  it('an erasure removes the indexes and the pairs, and reaches the cases merged into the erased one', async () => {
    const a = await openA({ fullName: 'Tahira Yasmin', phone: '0321 9990001', identityNumber: 'AB1234567' });
    const b = await openA({ fullName: 'Tahira Yasmeen', phone: '03219990001' });
    const c = await openB({ fullName: 'Other Person', identityNumber: 'ab-123-4567' });
    const keysOf = async (id: string) => ctx.db.selectFrom('case_match_keys').select('token').where('case_id', '=', id).execute();
    expect((await keysOf(a.id)).length).toBe(2);
    const pairAB = pairOf(await listA(), a.id, b.id);
    expect(pairOf(await listA(), a.id, c.id)).toMatchObject({ signals: ['identity_number'] });
    expect((await callRoute(ctx, 'mergeCaseDuplicate', { params: { id: pairAB?.id ?? '' }, body: { keep: a.id } }, 'supervisor')).status).toBe(200);
    // The merged case's keys went with the merge (it is no longer a case of its own).
    expect(await keysOf(b.id)).toEqual([]);
    const erased = await callRoute(ctx, 'eraseCase', { params: { id: a.id }, body: { confirmReference: a.reference } }, 'supervisor');
    expect(erased.status, erased.raw).toBe(200);
    expect(await keysOf(a.id)).toEqual([]);
    expect(pairOf(await listA(), a.id, c.id)).toBeUndefined();
    expect(pairOf(await listAs(supervisorB), a.id, c.id)).toBeUndefined();
    // The merged case is the same person: erased with it (audited), its name tokens gone too.
    const mergedNow = await callRoute(ctx, 'getCase', { params: { id: b.id } }, 'supervisor');
    expect(mergedNow.body).toMatchObject({ victim: null, anonymisedAt: expect.any(String) });
    const tokens = await ctx.db.selectFrom('case_name_tokens').select('token').where('case_id', '=', b.id).execute();
    expect(tokens).toEqual([]);
    const history = await callRoute(ctx, 'caseHistory', { params: { id: b.id } }, 'supervisor');
    expect(history.body.items.some((e) => e.action === 'erase' && e.note === 'with the case it was merged into')).toBe(true);
    // Retention runs leave nothing either (no identity left to index).
    await anonymiseExpiredCases(ctx.db, { years: 5 });
    expect(await keysOf(b.id)).toEqual([]);
  });

  it('`cases reindex` builds the indexes and pairs of cases opened before migration 0021', async () => {
    const a = await openA({ fullName: 'Nasim Akhtar', phone: '0300 1212121' });
    const b = await openB({ fullName: 'Naseem Akhtar', phone: '+923001212121' });
    // As before the migration: no keys, no pairs.
    await ctx.db.deleteFrom('case_duplicates').where('case_a_id', 'in', [a.id, b.id]).execute();
    await ctx.db.deleteFrom('case_duplicates').where('case_b_id', 'in', [a.id, b.id]).execute();
    await ctx.db.deleteFrom('case_match_keys').where('case_id', 'in', [a.id, b.id]).execute();
    expect(pairOf(await listA(), a.id, b.id)).toBeUndefined();
    // The command, as an administrator runs it after upgrading: a count, nothing of a case.
    const ran = await hifazat(ctx, ['cases', 'reindex']);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^Indexed \d+ case\(s\) for possible duplicates/);
    expect(ran.stdout).not.toContain('Akhtar');
    expect(pairOf(await listA(), a.id, b.id)).toMatchObject({ signals: ['phone', 'name'], score: 70, level: 'strong' });
    // Again (the function the command runs): nothing doubles.
    expect(await reindexCases(ctx.db, dataKeysFor({ dataDir: ctx.dataDir }))).toBeGreaterThanOrEqual(2);
    expect((await listA()).filter((p) => p.cases.some((c) => c.id === a.id))).toHaveLength(1);
  });
});
