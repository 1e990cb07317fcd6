import {
  type AddCampaignSessionBody,
  type Campaign,
  type CampaignEvidence,
  type CampaignListItem,
  type CampaignListQuery,
  type CampaignOutput,
  type CampaignSession,
  type CreateCampaignBody,
  type CreateCampaignOutputBody,
  type Page,
  type UpdateCampaignBody,
  type UpdateCampaignOutputBody,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { fromJson, toJson } from '../../db/dialect.js';
import { AppError, conflict, forbidden, invalid, notFound, ruleViolation } from '../../http/errors.js';
import { seesCountry, seesOrganizationCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { decodeCursor, toPage } from '../../shared/pagination.js';
import { diff, listHistory, presentHistory, recordAudit } from '../audit/index.js';
import { getVisibleEventRow } from '../events/index.js';
import { findOrganizations } from '../organizations/index.js';
import { attendedParticipantsAt } from '../participations/index.js';
import { getVisibleProgramme } from '../programmes/index.js';
import * as files from './campaigns.files.js';
import { reachOf } from './campaigns.reach.js';
import * as repo from './campaigns.repository.js';

/** The object without the keys named (for what a history entry or an update keeps). */
export function without<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Omit<T, K> {
  const copy: Partial<T> = { ...value };
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}

// Presenting

const presentOutput = (row: repo.OutputRow): CampaignOutput => ({
  id: row.id,
  kind: row.kind,
  description: row.description,
  quantity: row.quantity,
  language: row.language,
  places: fromJson<string[]>(row.places, []),
  startDate: row.start_date,
  endDate: row.end_date,
  estimatedReach: row.estimated_reach,
  notes: row.notes,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const presentEvidence = (row: repo.EvidenceRowWithUploader): CampaignEvidence => ({
  id: row.id,
  outputId: row.output_id,
  caption: row.caption,
  fileName: row.file_name,
  contentType: row.content_type,
  bytes: row.bytes,
  uploadedBy: row.uploader_name,
  uploadedAt: row.uploaded_at,
});

const presentEstimatedSession = (row: repo.SessionRow): CampaignSession => ({
  id: row.id,
  kind: 'estimated',
  date: row.held_on ?? '',
  place: row.place ?? '',
  estimatedAudience: row.estimated_audience ?? 0,
  estimatedFemale: row.estimated_female,
  estimatedMale: row.estimated_male,
  notes: row.notes,
});

/** An event session as the actor sees it, or null when the event is of a country they do not work in. */
async function presentEventSession(
  db: Db,
  actor: Actor,
  row: repo.SessionRow,
  counted: ReturnType<typeof reachOf>['counted'],
): Promise<CampaignSession | null> {
  if (!row.event_id) return null;
  const event = await getVisibleEventRow(db, actor, row.event_id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  });
  if (!event) return null;
  const counts = without(counted, ['sessions']);
  return {
    id: row.id,
    kind: 'event',
    event: { id: event.id, title: event.title, type: event.type, status: event.status, startDate: event.start_date, endDate: event.end_date, city: event.city },
    counted: counts,
  };
}

/** The campaign's own fields as its history keeps them (ids, not names: the history names them when read). */
async function auditShape(db: Db, row: repo.CampaignRow) {
  const partners = await repo.partnersOf(db, row.id);
  return {
    title: row.title,
    programmeId: row.programme_id,
    countryCode: row.country_code,
    province: row.province,
    district: row.district,
    area: row.area,
    startDate: row.start_date,
    endDate: row.end_date,
    partnerIds: partners.map((p) => p.id),
    otherPartners: row.other_partners,
    targetGroups: fromJson<string[]>(row.target_groups, []),
    targetGroupsOther: row.target_groups_other,
    languages: fromJson<string[]>(row.languages, []),
    notes: row.notes,
    needsAssessmentId: row.needs_assessment_id,
  };
}

async function presentCampaign(db: Db, actor: Actor, row: repo.CampaignRowWithProgramme): Promise<Campaign> {
  const [partners, sessions, outputs, evidence, assessment] = await Promise.all([
    repo.partnersOf(db, row.id),
    repo.sessionsOf(db, [row.id]),
    repo.outputsOf(db, [row.id]),
    repo.evidenceOf(db, row.id),
    row.needs_assessment_id ? repo.findNeedsAssessment(db, row.needs_assessment_id) : Promise.resolve(undefined),
  ]);
  const visiblePartners = partners.filter((p) => seesOrganizationCountry(actor, p.country_code));
  const eventSessions = sessions.filter((s) => s.event_id !== null);
  const counted = await attendedParticipantsAt(
    db,
    eventSessions.map((s) => s.event_id ?? ''),
  );
  const presentedSessions: CampaignSession[] = [];
  // An event moved since to a country the actor does not work in is neither shown nor counted.
  const visibleEvents = new Set<string>();
  for (const s of sessions) {
    if (s.event_id === null) presentedSessions.push(presentEstimatedSession(s));
    else {
      const own = reachOf({ eventSessions: 1, counted: counted.filter((c) => c.event_id === s.event_id), sessions: [], outputs: [] }).counted;
      const presented = await presentEventSession(db, actor, s, own);
      if (presented) {
        presentedSessions.push(presented);
        visibleEvents.add(s.event_id);
      }
    }
  }
  return {
    id: row.id,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    countryCode: row.country_code,
    title: row.title,
    province: row.province,
    district: row.district,
    area: row.area,
    startDate: row.start_date,
    endDate: row.end_date,
    partners: visiblePartners.map(({ id, name, acronym, type }) => ({ id, name, acronym, type })),
    hiddenPartners: partners.length - visiblePartners.length,
    otherPartners: row.other_partners,
    targetGroups: fromJson(row.target_groups, []),
    targetGroupsOther: row.target_groups_other,
    languages: fromJson(row.languages, []),
    notes: row.notes,
    // The assessment is of the campaign's country (checked when linked), so whoever sees one sees the other.
    needsAssessment: assessment ? { id: assessment.id, area: assessment.area, assessedOn: assessment.assessed_on } : null,
    sessions: presentedSessions,
    outputs: outputs.map(presentOutput),
    evidence: evidence.map(presentEvidence),
    reach: reachOf({
      eventSessions: visibleEvents.size,
      counted: counted.filter((c) => visibleEvents.has(c.event_id)),
      sessions: sessions.filter((s) => s.event_id === null),
      outputs,
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Reading

export async function getVisibleCampaignRow(db: Db, actor: Actor, id: string): Promise<repo.CampaignRowWithProgramme> {
  const row = await repo.findCampaign(db, id);
  if (!row || !seesCountry(actor, row.country_code)) throw notFound('Campaign');
  return row;
}

export async function getCampaign(db: Db, actor: Actor, id: string): Promise<Campaign> {
  return presentCampaign(db, actor, await getVisibleCampaignRow(db, actor, id));
}

export async function listCampaigns(db: Db, actor: Actor, query: CampaignListQuery): Promise<Page<CampaignListItem>> {
  const rows = await repo.listCampaigns(db, {
    ...query,
    qNormalized: query.q ? normalizeText(query.q) : undefined,
    countries: actor.countries,
    after: decodeCursor(query.cursor),
  });
  const counts = await repo.countsOf(
    db,
    rows.slice(0, query.limit).map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (r) => ({ sort: r.start_date, id: r.id }),
    (r) => ({
      id: r.id,
      programmeId: r.programme_id,
      programmeName: r.programme_name,
      countryCode: r.country_code,
      title: r.title,
      province: r.province,
      district: r.district,
      area: r.area,
      startDate: r.start_date,
      endDate: r.end_date,
      sessionCount: counts.get(r.id)?.sessions ?? 0,
      outputCount: counts.get(r.id)?.outputs ?? 0,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }),
  );
}

export async function campaignHistory(db: Db, actor: Actor, id: string) {
  await getVisibleCampaignRow(db, actor, id);
  return { items: await presentHistory(db, actor, await listHistory(db, 'campaign', id)) };
}

// Changing the campaign

async function assertLinks(
  db: Db,
  actor: Actor,
  countryCode: string,
  body: Partial<Pick<CreateCampaignBody, 'programmeId' | 'partnerIds' | 'needsAssessmentId'>>,
) {
  if (body.programmeId !== undefined) {
    await getVisibleProgramme(db, actor, body.programmeId).catch(() => {
      throw invalid('Unknown programme', [{ path: 'programmeId', message: 'No such programme' }]);
    });
  }
  if (body.partnerIds && body.partnerIds.length > 0) {
    const found = await findOrganizations(db, body.partnerIds);
    const missing = body.partnerIds.find((id) => !found.some((o) => o.id === id && seesOrganizationCountry(actor, o.country_code)));
    if (missing) throw invalid('Unknown organisation', [{ path: 'partnerIds', message: `No organisation ${missing}` }]);
  }
  if (body.needsAssessmentId) {
    const assessment = await repo.findNeedsAssessment(db, body.needsAssessmentId);
    if (!assessment || !seesCountry(actor, assessment.country_code)) {
      throw invalid('Unknown needs assessment', [{ path: 'needsAssessmentId', message: 'No such needs assessment' }]);
    }
    if (assessment.country_code !== countryCode) {
      throw ruleViolation("The needs assessment is of another country than the campaign's", [
        { path: 'needsAssessmentId', message: "Not of the campaign's country" },
      ]);
    }
  }
}

export async function createCampaign(db: Db, actor: Actor, body: CreateCampaignBody): Promise<Campaign> {
  if (!seesCountry(actor, body.countryCode)) throw forbidden('You may not add campaigns in this country');
  return db.transaction().execute(async (trx) => {
    await assertLinks(trx, actor, body.countryCode, body);
    const now = nowIso();
    const row: repo.CampaignRow = {
      id: newId(),
      programme_id: body.programmeId,
      country_code: body.countryCode,
      title: body.title,
      title_normalized: normalizeText(body.title),
      province: body.province ?? null,
      district: body.district ?? null,
      area: body.area ?? null,
      start_date: body.startDate,
      end_date: body.endDate,
      other_partners: body.otherPartners ?? null,
      target_groups: toJson([...new Set(body.targetGroups ?? [])]),
      target_groups_other: body.targetGroupsOther ?? null,
      languages: toJson([...new Set(body.languages ?? [])]),
      notes: body.notes ?? null,
      needs_assessment_id: body.needsAssessmentId ?? null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    await repo.insertCampaign(trx, row);
    await repo.replacePartners(trx, row.id, body.partnerIds ?? []);
    await recordAudit(trx, { entityType: 'campaign', entityId: row.id, action: 'create', userId: actor.id, changes: diff(null, await auditShape(trx, row)) });
    return getCampaign(trx, actor, row.id);
  });
}

export async function updateCampaign(db: Db, actor: Actor, id: string, body: UpdateCampaignBody): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const row = await getVisibleCampaignRow(trx, actor, id);
    const before = await auditShape(trx, row);
    const countryCode = body.countryCode ?? row.country_code;
    if (!seesCountry(actor, countryCode)) throw forbidden('You may not move campaigns to this country');
    const startDate = body.startDate ?? row.start_date;
    const endDate = body.endDate ?? row.end_date;
    if (endDate < startDate) throw invalid('The end date is before the start date', [{ path: 'endDate', message: 'Before the start date' }]);
    await assertLinks(trx, actor, countryCode, {
      programmeId: body.programmeId,
      partnerIds: body.partnerIds,
      // A country changed checks the assessment kept as well.
      needsAssessmentId: body.needsAssessmentId !== undefined ? body.needsAssessmentId : body.countryCode ? row.needs_assessment_id : undefined,
    });
    if (body.countryCode && body.countryCode !== row.country_code && (await repo.sessionsOf(trx, [id])).some((s) => s.event_id !== null)) {
      throw ruleViolation('This campaign has events of its country as sessions; remove them before moving it to another country', [
        { path: 'countryCode', message: 'Has event sessions' },
      ]);
    }
    const pick = <K extends keyof UpdateCampaignBody, T>(key: K, current: T): T => (body[key] !== undefined ? (body[key] as T) : current);
    const title = body.title ?? row.title;
    await repo.updateCampaignRow(trx, id, {
      programme_id: body.programmeId ?? row.programme_id,
      country_code: countryCode,
      title,
      title_normalized: normalizeText(title),
      province: pick('province', row.province),
      district: pick('district', row.district),
      area: pick('area', row.area),
      start_date: startDate,
      end_date: endDate,
      other_partners: pick('otherPartners', row.other_partners),
      // JSON columns are written as JSON text (PostgreSQL hands jsonb back parsed).
      target_groups: toJson([...new Set(body.targetGroups ?? fromJson<string[]>(row.target_groups, []))]),
      target_groups_other: pick('targetGroupsOther', row.target_groups_other),
      languages: toJson([...new Set(body.languages ?? fromJson<string[]>(row.languages, []))]),
      notes: pick('notes', row.notes),
      needs_assessment_id: pick('needsAssessmentId', row.needs_assessment_id),
      updated_at: nowIso(),
    });
    if (body.partnerIds) {
      // Partners of countries the actor does not work in stay: they cannot see them to keep them.
      const hidden = (await repo.partnersOf(trx, id)).filter((p) => !seesOrganizationCountry(actor, p.country_code)).map((p) => p.id);
      await repo.replacePartners(trx, id, [...body.partnerIds, ...hidden]);
    }
    const after = await getVisibleCampaignRow(trx, actor, id);
    await recordAudit(trx, { entityType: 'campaign', entityId: id, action: 'update', userId: actor.id, changes: diff(before, await auditShape(trx, after)) });
    return presentCampaign(trx, actor, after);
  });
}

/** Deletes the campaign and its rows; its evidence files go once the deletion is committed. */
export async function deleteCampaign(db: Db, dataDir: string, actor: Actor, id: string): Promise<void> {
  const evidence = await db.transaction().execute(async (trx) => {
    await repo.lockCampaign(trx, id);
    const row = await getVisibleCampaignRow(trx, actor, id);
    const before = await auditShape(trx, row);
    const rows = await repo.evidenceOf(trx, id);
    await repo.deleteCampaignRow(trx, id);
    await recordAudit(trx, { entityType: 'campaign', entityId: id, action: 'delete', userId: actor.id, changes: diff(before, null) });
    return rows;
  });
  for (const e of evidence) files.deleteEvidence(dataDir, e.id, e.content_type);
}

/** One change to a part of the campaign (a session, an output, an evidence file), in its history. */
async function recordPart(trx: Db, actor: Actor, campaignId: string, key: string, from: unknown, to: unknown) {
  await repo.updateCampaignRow(trx, campaignId, { updated_at: nowIso() });
  await recordAudit(trx, { entityType: 'campaign', entityId: campaignId, action: 'update', userId: actor.id, changes: { [key]: { from, to } } });
}

// Sessions

export async function addSession(db: Db, actor: Actor, campaignId: string, body: AddCampaignSessionBody): Promise<CampaignSession> {
  return db.transaction().execute(async (trx) => {
    const campaign = await getVisibleCampaignRow(trx, actor, campaignId);
    const now = nowIso();
    if ('eventId' in body) {
      const event = await getVisibleEventRow(trx, actor, body.eventId).catch(() => {
        throw invalid('Unknown event', [{ path: 'eventId', message: 'No such event' }]);
      });
      if (event.country_code !== campaign.country_code) {
        throw ruleViolation("The event is in another country than the campaign's", [{ path: 'eventId', message: "Not in the campaign's country" }]);
      }
      if (await repo.sessionOfEvent(trx, campaignId, event.id)) {
        throw conflict('This event is a session of the campaign already', [{ path: 'eventId', message: 'Linked already' }]);
      }
      const row: repo.SessionRow = {
        id: newId(),
        campaign_id: campaignId,
        event_id: event.id,
        held_on: null,
        place: null,
        estimated_audience: null,
        estimated_female: null,
        estimated_male: null,
        notes: null,
        created_at: now,
      };
      await repo.insertSession(trx, row);
      await recordPart(trx, actor, campaignId, `session:${row.id}`, null, { eventId: event.id });
      const counted = reachOf({ eventSessions: 1, counted: await attendedParticipantsAt(trx, [event.id]), sessions: [], outputs: [] }).counted;
      const presented = await presentEventSession(trx, actor, row, counted);
      if (!presented) throw notFound('Event');
      return presented;
    }
    const row: repo.SessionRow = {
      id: newId(),
      campaign_id: campaignId,
      event_id: null,
      held_on: body.date,
      place: body.place,
      estimated_audience: body.estimatedAudience,
      estimated_female: body.estimatedFemale ?? null,
      estimated_male: body.estimatedMale ?? null,
      notes: body.notes ?? null,
      created_at: now,
    };
    await repo.insertSession(trx, row);
    const session = presentEstimatedSession(row);
    await recordPart(trx, actor, campaignId, `session:${row.id}`, null, without(session, ['id', 'kind']));
    return session;
  });
}

export async function removeSession(db: Db, actor: Actor, campaignId: string, sessionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await getVisibleCampaignRow(trx, actor, campaignId);
    const row = await repo.findSession(trx, campaignId, sessionId);
    if (!row) throw notFound('Session');
    if (row.event_id !== null) {
      // An event of another country is neither shown nor removed by this user.
      const visible = await getVisibleEventRow(trx, actor, row.event_id).then(
        () => true,
        () => false,
      );
      if (!visible) throw notFound('Session');
    }
    await repo.deleteSession(trx, sessionId);
    const recorded = row.event_id ? { eventId: row.event_id } : without(presentEstimatedSession(row), ['id', 'kind']);
    await recordPart(trx, actor, campaignId, `session:${row.id}`, recorded, null);
  });
}

// Outputs

const outputAudit = (output: CampaignOutput) => without(output, ['id', 'createdAt', 'updatedAt']);

export async function addOutput(db: Db, actor: Actor, campaignId: string, body: CreateCampaignOutputBody): Promise<CampaignOutput> {
  return db.transaction().execute(async (trx) => {
    await getVisibleCampaignRow(trx, actor, campaignId);
    const now = nowIso();
    const row: repo.OutputRow = {
      id: newId(),
      campaign_id: campaignId,
      kind: body.kind,
      description: body.description ?? null,
      quantity: body.quantity,
      language: body.language ?? null,
      places: toJson(body.places ?? []),
      start_date: body.startDate ?? null,
      end_date: body.endDate ?? null,
      estimated_reach: body.estimatedReach ?? null,
      notes: body.notes ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertOutput(trx, row);
    const output = presentOutput(row);
    await recordPart(trx, actor, campaignId, `output:${row.id}`, null, outputAudit(output));
    return output;
  });
}

export async function updateOutput(db: Db, actor: Actor, campaignId: string, outputId: string, body: UpdateCampaignOutputBody): Promise<CampaignOutput> {
  return db.transaction().execute(async (trx) => {
    await getVisibleCampaignRow(trx, actor, campaignId);
    const row = await repo.findOutput(trx, campaignId, outputId);
    if (!row) throw notFound('Output');
    const startDate = body.startDate !== undefined ? body.startDate : row.start_date;
    const endDate = body.endDate !== undefined ? body.endDate : row.end_date;
    if (startDate && endDate && endDate < startDate)
      throw invalid('The end date is before the start date', [{ path: 'endDate', message: 'Before the start date' }]);
    const next: repo.OutputRow = {
      ...row,
      kind: body.kind ?? row.kind,
      description: body.description !== undefined ? body.description : row.description,
      quantity: body.quantity ?? row.quantity,
      language: body.language !== undefined ? body.language : row.language,
      // JSON columns are written as JSON text (PostgreSQL hands jsonb back parsed).
      places: toJson(body.places ?? fromJson<string[]>(row.places, [])),
      start_date: startDate,
      end_date: endDate,
      estimated_reach: body.estimatedReach !== undefined ? body.estimatedReach : row.estimated_reach,
      notes: body.notes !== undefined ? body.notes : row.notes,
      updated_at: nowIso(),
    };
    await repo.updateOutputRow(trx, outputId, without(next, ['id', 'campaign_id']));
    const [before, after] = [outputAudit(presentOutput(row)), outputAudit(presentOutput(next))];
    const changed = diff(before, after);
    if (Object.keys(changed).length > 0) {
      const from = Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v.from]));
      const to = Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v.to]));
      await recordPart(trx, actor, campaignId, `output:${outputId}`, { kind: row.kind, ...from }, { kind: next.kind, ...to });
    }
    return presentOutput(next);
  });
}

export async function removeOutput(db: Db, actor: Actor, campaignId: string, outputId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await getVisibleCampaignRow(trx, actor, campaignId);
    const row = await repo.findOutput(trx, campaignId, outputId);
    if (!row) throw notFound('Output');
    await repo.deleteOutput(trx, outputId);
    await recordPart(trx, actor, campaignId, `output:${outputId}`, outputAudit(presentOutput(row)), null);
  });
}

// Evidence

export type EvidenceUpload = { bytes: Buffer; fileName: string | undefined; caption: string | null; outputId: string | null };

/**
 * Keeps an evidence file: its type read from its bytes (415 for anything but PNG, JPEG, WebP and
 * PDF), the file written first and the row after it, so that a row never names a missing file; the
 * file is removed again when the row cannot be written.
 */
export async function addEvidence(db: Db, dataDir: string, actor: Actor, campaignId: string, upload: EvidenceUpload): Promise<CampaignEvidence> {
  const type = files.evidenceTypeOf(upload.bytes);
  if (!type)
    throw new AppError('unsupported_media_type', 'The file is not a PNG, JPEG or WebP image, nor a PDF', [{ path: 'file', message: 'Not an image or a PDF' }]);
  const id = newId();
  await getVisibleCampaignRow(db, actor, campaignId);
  files.writeEvidence(dataDir, id, type, upload.bytes);
  try {
    return await db.transaction().execute(async (trx) => {
      // After a deletion that went first, the campaign is gone here and the file is removed below.
      await repo.lockCampaign(trx, campaignId);
      await getVisibleCampaignRow(trx, actor, campaignId);
      if (upload.outputId && !(await repo.findOutput(trx, campaignId, upload.outputId))) {
        throw invalid('Unknown output', [{ path: 'outputId', message: 'No such output of this campaign' }]);
      }
      const row: repo.EvidenceRow = {
        id,
        campaign_id: campaignId,
        output_id: upload.outputId,
        caption: upload.caption,
        file_name: files.cleanFileName(upload.fileName),
        content_type: type,
        bytes: upload.bytes.length,
        sha256: files.sha256Of(upload.bytes),
        uploaded_by: actor.id,
        uploaded_at: nowIso(),
      };
      await repo.insertEvidence(trx, row);
      const evidence = presentEvidence({ ...row, uploader_name: actor.name });
      await recordPart(trx, actor, campaignId, `evidence:${id}`, null, { fileName: row.file_name, caption: row.caption, outputId: row.output_id });
      return evidence;
    });
  } catch (error) {
    files.deleteEvidence(dataDir, id, type);
    throw error;
  }
}

export async function evidenceFile(db: Db, dataDir: string, actor: Actor, campaignId: string, evidenceId: string) {
  await getVisibleCampaignRow(db, actor, campaignId);
  const row = await repo.findEvidence(db, campaignId, evidenceId);
  if (!row) throw notFound('Evidence');
  const bytes = files.readEvidence(dataDir, row.id, row.content_type);
  if (!bytes) throw notFound('Evidence file');
  return { bytes, contentType: row.content_type, fileName: row.file_name, id: row.id };
}

export async function removeEvidence(db: Db, dataDir: string, actor: Actor, campaignId: string, evidenceId: string): Promise<void> {
  const row = await db.transaction().execute(async (trx) => {
    await getVisibleCampaignRow(trx, actor, campaignId);
    const found = await repo.findEvidence(trx, campaignId, evidenceId);
    if (!found) throw notFound('Evidence');
    await repo.deleteEvidenceRow(trx, evidenceId);
    await recordPart(trx, actor, campaignId, `evidence:${evidenceId}`, { fileName: found.file_name, caption: found.caption, outputId: found.output_id }, null);
    return found;
  });
  files.deleteEvidence(dataDir, row.id, row.content_type);
}
