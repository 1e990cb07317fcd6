import type { CreateNeedsAssessmentBody, NeedsAssessment, NeedsAssessmentListQuery, Page, UpdateNeedsAssessmentBody } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { forbidden, notFound, ruleViolation } from '../../http/errors.js';
import { seesCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { decodeCursor, toPage } from '../../shared/pagination.js';
import { diff, recordAudit } from '../audit/index.js';
import * as repo from './campaigns.repository.js';
import { without } from './campaigns.service.js';

/** Needs assessments: an area's needs found before a campaign (or showing that it never had one). */

const present = (row: repo.NeedsAssessmentRow, campaignCount: number): NeedsAssessment => ({
  id: row.id,
  countryCode: row.country_code,
  province: row.province,
  district: row.district,
  area: row.area,
  assessedOn: row.assessed_on,
  findings: row.findings,
  recommendations: row.recommendations,
  campaignCount,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const auditShape = (row: repo.NeedsAssessmentRow) => without(present(row, 0), ['campaignCount', 'id']);

async function visibleRow(db: Db, actor: Actor, id: string): Promise<repo.NeedsAssessmentRow> {
  const row = await repo.findNeedsAssessment(db, id);
  if (!row || !seesCountry(actor, row.country_code)) throw notFound('Needs assessment');
  return row;
}

export async function getNeedsAssessment(db: Db, actor: Actor, id: string): Promise<NeedsAssessment> {
  const row = await visibleRow(db, actor, id);
  return present(row, (await repo.campaignCountsOf(db, [id], actor.countries)).get(id) ?? 0);
}

export async function listNeedsAssessments(db: Db, actor: Actor, query: NeedsAssessmentListQuery): Promise<Page<NeedsAssessment>> {
  const rows = await repo.listNeedsAssessments(db, {
    ...query,
    qNormalized: query.q ? normalizeText(query.q) : undefined,
    countries: actor.countries,
    after: decodeCursor(query.cursor),
  });
  const counts = await repo.campaignCountsOf(
    db,
    rows.map((r) => r.id),
    actor.countries,
  );
  return toPage(
    rows,
    query.limit,
    (r) => ({ sort: r.assessed_on, id: r.id }),
    (r) => present(r, counts.get(r.id) ?? 0),
  );
}

export async function createNeedsAssessment(db: Db, actor: Actor, body: CreateNeedsAssessmentBody): Promise<NeedsAssessment> {
  if (!seesCountry(actor, body.countryCode)) throw forbidden('You may not add records for this country');
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const row: repo.NeedsAssessmentRow = {
      id: newId(),
      country_code: body.countryCode,
      province: body.province ?? null,
      district: body.district ?? null,
      area: body.area,
      area_normalized: normalizeText(body.area),
      assessed_on: body.assessedOn,
      findings: body.findings,
      recommendations: body.recommendations ?? null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    await repo.insertNeedsAssessment(trx, row);
    await recordAudit(trx, { entityType: 'needs_assessment', entityId: row.id, action: 'create', userId: actor.id, changes: diff(null, auditShape(row)) });
    return present(row, 0);
  });
}

export async function updateNeedsAssessment(db: Db, actor: Actor, id: string, body: UpdateNeedsAssessmentBody): Promise<NeedsAssessment> {
  return db.transaction().execute(async (trx) => {
    const row = await visibleRow(trx, actor, id);
    if (body.countryCode && body.countryCode !== row.country_code) {
      if (!seesCountry(actor, body.countryCode)) throw forbidden('You may not move records to this country');
      // Campaigns anywhere that answer it: they are of its country.
      if (((await repo.campaignCountsOf(trx, [id], null)).get(id) ?? 0) > 0) {
        throw ruleViolation('Campaigns of its country answer this needs assessment; it stays in that country', [
          { path: 'countryCode', message: 'Linked to campaigns' },
        ]);
      }
    }
    const area = body.area ?? row.area;
    const next: repo.NeedsAssessmentRow = {
      ...row,
      country_code: body.countryCode ?? row.country_code,
      province: body.province !== undefined ? body.province : row.province,
      district: body.district !== undefined ? body.district : row.district,
      area,
      area_normalized: normalizeText(area),
      assessed_on: body.assessedOn ?? row.assessed_on,
      findings: body.findings ?? row.findings,
      recommendations: body.recommendations !== undefined ? body.recommendations : row.recommendations,
      updated_at: nowIso(),
    };
    await repo.updateNeedsAssessmentRow(trx, id, without(next, ['id']));
    await recordAudit(trx, {
      entityType: 'needs_assessment',
      entityId: id,
      action: 'update',
      userId: actor.id,
      changes: diff(auditShape(row), auditShape(next)),
    });
    return present(next, (await repo.campaignCountsOf(trx, [id], actor.countries)).get(id) ?? 0);
  });
}
