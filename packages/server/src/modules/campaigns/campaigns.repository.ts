import type { CampaignListQuery, NeedsAssessmentListQuery } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toCount } from '../../db/dialect.js';
import type {
  CampaignEvidenceTable,
  CampaignOutputsTable,
  CampaignSessionsTable,
  CampaignsTable,
  NeedsAssessmentsTable,
  OrganizationsTable,
} from '../../db/schema.js';
import type { Cursor } from '../../shared/pagination.js';

export type CampaignRow = CampaignsTable;
export type CampaignRowWithProgramme = CampaignRow & { programme_name: string };
export type SessionRow = CampaignSessionsTable;
export type OutputRow = CampaignOutputsTable;
export type EvidenceRow = CampaignEvidenceTable;
export type EvidenceRowWithUploader = EvidenceRow & { uploader_name: string | null };
export type NeedsAssessmentRow = NeedsAssessmentsTable;
export type PartnerRow = Pick<OrganizationsTable, 'id' | 'name' | 'acronym' | 'type' | 'country_code'>;

// Campaigns

function selectCampaigns(db: Db) {
  return db
    .selectFrom('campaigns')
    .innerJoin('programmes', 'programmes.id', 'campaigns.programme_id')
    .selectAll('campaigns')
    .select('programmes.name as programme_name');
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRowWithProgramme | undefined> {
  return selectCampaigns(db).where('campaigns.id', '=', id).executeTakeFirst();
}

export async function listCampaigns(
  db: Db,
  query: Omit<CampaignListQuery, 'cursor'> & { qNormalized?: string; countries: string[] | null; after?: Cursor },
): Promise<CampaignRowWithProgramme[]> {
  let q = selectCampaigns(db);
  if (query.qNormalized) q = q.where('campaigns.title_normalized', 'like', `%${query.qNormalized}%`);
  if (query.programmeId) q = q.where('campaigns.programme_id', '=', query.programmeId);
  if (query.province) q = q.where('campaigns.province', '=', query.province);
  // Running at some time in the period.
  if (query.from) q = q.where('campaigns.end_date', '>=', query.from);
  if (query.to) q = q.where('campaigns.start_date', '<=', query.to);
  if (query.countries) q = q.where('campaigns.country_code', 'in', query.countries.length > 0 ? query.countries : ['']);
  if (query.after) {
    // Newest first, as the event list.
    const { sort, id } = query.after;
    q = q.where((eb) => eb.or([eb('campaigns.start_date', '<', sort), eb.and([eb('campaigns.start_date', '=', sort), eb('campaigns.id', '<', id)])]));
  }
  return q
    .orderBy('campaigns.start_date', 'desc')
    .orderBy('campaigns.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

/** How many sessions and outputs each campaign has. */
export async function countsOf(db: Db, ids: string[]): Promise<Map<string, { sessions: number; outputs: number }>> {
  const result = new Map(ids.map((id) => [id, { sessions: 0, outputs: 0 }]));
  if (ids.length === 0) return result;
  const [sessions, outputs] = await Promise.all([
    db
      .selectFrom('campaign_sessions')
      .select(['campaign_id', (eb) => eb.fn.countAll().as('n')])
      .where('campaign_id', 'in', ids)
      .groupBy('campaign_id')
      .execute(),
    db
      .selectFrom('campaign_outputs')
      .select(['campaign_id', (eb) => eb.fn.countAll().as('n')])
      .where('campaign_id', 'in', ids)
      .groupBy('campaign_id')
      .execute(),
  ]);
  for (const r of sessions) {
    const entry = result.get(r.campaign_id);
    if (entry) entry.sessions = toCount(r.n);
  }
  for (const r of outputs) {
    const entry = result.get(r.campaign_id);
    if (entry) entry.outputs = toCount(r.n);
  }
  return result;
}

/** The campaigns of a programme (left out: of every programme) in these countries (null: every country) that run at some time in the period. */
export async function campaignsRunning(
  db: Db,
  query: { programmeId?: string; from: string; to: string; countries: string[] | null },
): Promise<Array<Pick<CampaignRow, 'id' | 'start_date' | 'end_date'>>> {
  let q = db.selectFrom('campaigns').select(['id', 'start_date', 'end_date']).where('end_date', '>=', query.from).where('start_date', '<=', query.to);
  if (query.programmeId !== undefined) q = q.where('programme_id', '=', query.programmeId);
  if (query.countries) q = q.where('country_code', 'in', query.countries.length > 0 ? query.countries : ['']);
  return q.execute();
}

export async function insertCampaign(db: Db, row: CampaignRow): Promise<void> {
  await db.insertInto('campaigns').values(row).execute();
}

export async function updateCampaignRow(db: Db, id: string, changes: Partial<Omit<CampaignRow, 'id'>>): Promise<void> {
  await db.updateTable('campaigns').set(changes).where('id', '=', id).execute();
}

/**
 * Takes the campaign's row lock for the rest of the transaction (an update that changes nothing), so
 * that adding evidence and deleting the campaign take turns on PostgreSQL: the deletion then sees every
 * evidence file added before it and removes it. SQLite runs one write transaction at a time anyway.
 */
export async function lockCampaign(db: Db, id: string): Promise<void> {
  await db
    .updateTable('campaigns')
    .set((eb) => ({ title: eb.ref('title') }))
    .where('id', '=', id)
    .execute();
}

export async function deleteCampaignRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('campaigns').where('id', '=', id).execute();
}

export async function partnersOf(db: Db, campaignId: string): Promise<PartnerRow[]> {
  return db
    .selectFrom('campaign_partners')
    .innerJoin('organizations', 'organizations.id', 'campaign_partners.organization_id')
    .select(['organizations.id', 'organizations.name', 'organizations.acronym', 'organizations.type', 'organizations.country_code'])
    .where('campaign_partners.campaign_id', '=', campaignId)
    .orderBy('organizations.name_normalized')
    .execute();
}

export async function replacePartners(db: Db, campaignId: string, organizationIds: string[]): Promise<void> {
  await db.deleteFrom('campaign_partners').where('campaign_id', '=', campaignId).execute();
  const unique = [...new Set(organizationIds)];
  if (unique.length > 0)
    await db
      .insertInto('campaign_partners')
      .values(unique.map((organization_id) => ({ campaign_id: campaignId, organization_id })))
      .execute();
}

// Sessions

export async function sessionsOf(db: Db, campaignIds: string[]): Promise<SessionRow[]> {
  if (campaignIds.length === 0) return [];
  return db.selectFrom('campaign_sessions').selectAll().where('campaign_id', 'in', campaignIds).orderBy('created_at').orderBy('id').execute();
}

export async function findSession(db: Db, campaignId: string, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('campaign_sessions').selectAll().where('campaign_id', '=', campaignId).where('id', '=', id).executeTakeFirst();
}

export async function sessionOfEvent(db: Db, campaignId: string, eventId: string): Promise<SessionRow | undefined> {
  return db.selectFrom('campaign_sessions').selectAll().where('campaign_id', '=', campaignId).where('event_id', '=', eventId).executeTakeFirst();
}

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('campaign_sessions').values(row).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('campaign_sessions').where('id', '=', id).execute();
}

/**
 * The event sessions of these campaigns with their events' first days: for figures over a period
 * (the events' own rows are the events module's; this reads only their dates).
 */
export async function eventSessionDates(db: Db, campaignIds: string[]): Promise<Array<{ event_id: string; start_date: string }>> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('campaign_sessions')
    .innerJoin('events', 'events.id', 'campaign_sessions.event_id')
    .select(['events.id as event_id', 'events.start_date'])
    .where('campaign_sessions.campaign_id', 'in', campaignIds)
    .execute();
  return rows;
}

// Outputs

export async function outputsOf(db: Db, campaignIds: string[]): Promise<OutputRow[]> {
  if (campaignIds.length === 0) return [];
  return db.selectFrom('campaign_outputs').selectAll().where('campaign_id', 'in', campaignIds).orderBy('created_at').orderBy('id').execute();
}

export async function findOutput(db: Db, campaignId: string, id: string): Promise<OutputRow | undefined> {
  return db.selectFrom('campaign_outputs').selectAll().where('campaign_id', '=', campaignId).where('id', '=', id).executeTakeFirst();
}

export async function insertOutput(db: Db, row: OutputRow): Promise<void> {
  await db.insertInto('campaign_outputs').values(row).execute();
}

export async function updateOutputRow(db: Db, id: string, changes: Partial<Omit<OutputRow, 'id' | 'campaign_id'>>): Promise<void> {
  await db.updateTable('campaign_outputs').set(changes).where('id', '=', id).execute();
}

export async function deleteOutput(db: Db, id: string): Promise<void> {
  await db.deleteFrom('campaign_outputs').where('id', '=', id).execute();
}

// Evidence

export async function evidenceOf(db: Db, campaignId: string): Promise<EvidenceRowWithUploader[]> {
  return db
    .selectFrom('campaign_evidence')
    .leftJoin('users', 'users.id', 'campaign_evidence.uploaded_by')
    .selectAll('campaign_evidence')
    .select('users.name as uploader_name')
    .where('campaign_evidence.campaign_id', '=', campaignId)
    .orderBy('campaign_evidence.uploaded_at')
    .orderBy('campaign_evidence.id')
    .execute();
}

export async function findEvidence(db: Db, campaignId: string, id: string): Promise<EvidenceRow | undefined> {
  return db.selectFrom('campaign_evidence').selectAll().where('campaign_id', '=', campaignId).where('id', '=', id).executeTakeFirst();
}

export async function insertEvidence(db: Db, row: EvidenceRow): Promise<void> {
  await db.insertInto('campaign_evidence').values(row).execute();
}

export async function deleteEvidenceRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('campaign_evidence').where('id', '=', id).execute();
}

// Needs assessments

export async function findNeedsAssessment(db: Db, id: string): Promise<NeedsAssessmentRow | undefined> {
  return db.selectFrom('needs_assessments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listNeedsAssessments(
  db: Db,
  query: Omit<NeedsAssessmentListQuery, 'cursor'> & { qNormalized?: string; countries: string[] | null; after?: Cursor },
): Promise<NeedsAssessmentRow[]> {
  let q = db.selectFrom('needs_assessments').selectAll();
  if (query.qNormalized) q = q.where('area_normalized', 'like', `%${query.qNormalized}%`);
  if (query.province) q = q.where('province', '=', query.province);
  if (query.countries) q = q.where('country_code', 'in', query.countries.length > 0 ? query.countries : ['']);
  if (query.after) {
    const { sort, id } = query.after;
    q = q.where((eb) => eb.or([eb('assessed_on', '<', sort), eb.and([eb('assessed_on', '=', sort), eb('id', '<', id)])]));
  }
  return q
    .orderBy('assessed_on', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

/** How many campaigns in these countries (null: every country) name each assessment. */
export async function campaignCountsOf(db: Db, ids: string[], countries: string[] | null): Promise<Map<string, number>> {
  const result = new Map(ids.map((id) => [id, 0]));
  if (ids.length === 0) return result;
  let q = db
    .selectFrom('campaigns')
    .select(['needs_assessment_id', (eb) => eb.fn.countAll().as('n')])
    .where('needs_assessment_id', 'in', ids)
    .groupBy('needs_assessment_id');
  if (countries) q = q.where('country_code', 'in', countries.length > 0 ? countries : ['']);
  for (const r of await q.execute()) if (r.needs_assessment_id) result.set(r.needs_assessment_id, toCount(r.n));
  return result;
}

export async function insertNeedsAssessment(db: Db, row: NeedsAssessmentRow): Promise<void> {
  await db.insertInto('needs_assessments').values(row).execute();
}

export async function updateNeedsAssessmentRow(db: Db, id: string, changes: Partial<Omit<NeedsAssessmentRow, 'id'>>): Promise<void> {
  await db.updateTable('needs_assessments').set(changes).where('id', '=', id).execute();
}
