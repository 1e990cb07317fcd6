import type { Db } from '../../db/database.js';
import { fromJson, toJson } from '../../db/dialect.js';
import type {
  FeedbackAnsweredTable,
  FeedbackAnswersTable,
  FeedbackFormsTable,
  FeedbackItemsTable,
  FeedbackResponsesTable,
  FeedbackTemplatesTable,
  FeedbackTemplateVersionsTable,
} from '../../db/schema.js';
import type { Cursor } from '../../shared/pagination.js';

export type TemplateRow = FeedbackTemplatesTable;
export type VersionRow = FeedbackTemplateVersionsTable;
export type FormRow = FeedbackFormsTable;
export type AnsweredRow = FeedbackAnsweredTable;
export type ResponseRow = FeedbackResponsesTable;
export type AnswerRow = FeedbackAnswersTable;
export type StoredOption = { id: string; en: string; ur: string | null };
export type ItemRow = Omit<FeedbackItemsTable, 'options'> & { options: StoredOption[] };

/** A template with its current version's number and title. */
export type TemplateWithVersion = TemplateRow & { version: number; title_en: string; title_ur: string | null };

const CHUNK = 500;
const chunks = <T>(list: readonly T[], size = CHUNK): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

// Templates

function selectTemplates(db: Db) {
  return db
    .selectFrom('feedback_templates')
    .innerJoin('feedback_template_versions', 'feedback_template_versions.id', 'feedback_templates.current_version_id')
    .selectAll('feedback_templates')
    .select(['feedback_template_versions.version', 'feedback_template_versions.title_en', 'feedback_template_versions.title_ur']);
}

export async function findTemplate(db: Db, id: string): Promise<TemplateWithVersion | undefined> {
  return selectTemplates(db).where('feedback_templates.id', '=', id).executeTakeFirst();
}

export async function listTemplates(
  db: Db,
  query: { countries: string[] | null; countryCode?: string; after?: Cursor; limit: number },
): Promise<TemplateWithVersion[]> {
  let q = selectTemplates(db);
  const countries = query.countries;
  // Templates of no country are shared by everyone; others are seen by the users of their country.
  if (countries) q = q.where((eb) => eb.or([eb('feedback_templates.country_code', 'is', null), eb('feedback_templates.country_code', 'in', countries)]));
  if (query.countryCode) q = q.where('feedback_templates.country_code', '=', query.countryCode);
  // Newest first: ids are UUIDv7, ordered by the time they were made.
  if (query.after) q = q.where('feedback_templates.id', '<', query.after.id);
  return q
    .orderBy('feedback_templates.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

export async function insertTemplate(db: Db, row: TemplateRow): Promise<void> {
  await db.insertInto('feedback_templates').values(row).execute();
}

export async function updateTemplateRow(db: Db, id: string, changes: Partial<Omit<TemplateRow, 'id'>>): Promise<void> {
  await db.updateTable('feedback_templates').set(changes).where('id', '=', id).execute();
}

export async function insertVersion(db: Db, row: VersionRow): Promise<void> {
  await db.insertInto('feedback_template_versions').values(row).execute();
}

export async function updateVersionRow(db: Db, id: string, changes: Pick<VersionRow, 'title_en' | 'title_ur'>): Promise<void> {
  await db.updateTable('feedback_template_versions').set(changes).where('id', '=', id).execute();
}

export async function findVersion(db: Db, id: string): Promise<VersionRow | undefined> {
  return db.selectFrom('feedback_template_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every version of a template, newest first. */
export async function versionsOfTemplate(db: Db, templateId: string): Promise<VersionRow[]> {
  return db.selectFrom('feedback_template_versions').selectAll().where('template_id', '=', templateId).orderBy('version', 'desc').execute();
}

const parseItem = (row: FeedbackItemsTable): ItemRow => ({ ...row, options: fromJson<StoredOption[]>(row.options, []) });

/** The items of these versions, each version's in order. */
export async function itemsOfVersions(db: Db, versionIds: readonly string[]): Promise<Map<string, ItemRow[]>> {
  const byVersion = new Map<string, ItemRow[]>(versionIds.map((id) => [id, []]));
  for (const part of chunks([...new Set(versionIds)])) {
    const rows = await db.selectFrom('feedback_items').selectAll().where('version_id', 'in', part).orderBy('version_id').orderBy('position').execute();
    for (const row of rows) byVersion.get(row.version_id)?.push(parseItem(row));
  }
  return byVersion;
}

/** The items of a version, replaced (a version nobody answered changes in place). */
export async function replaceItems(db: Db, versionId: string, rows: ItemRow[]): Promise<void> {
  await db.deleteFrom('feedback_items').where('version_id', '=', versionId).execute();
  await insertItems(db, rows);
}

export async function insertItems(db: Db, rows: ItemRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto('feedback_items')
      .values(part.map((r) => ({ ...r, options: toJson(r.options) })))
      .execute();
  }
}

/** Versions among these that have responses (and so may never change again). */
export async function answeredVersions(db: Db, versionIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(versionIds)])) {
    const rows = await db
      .selectFrom('feedback_forms')
      .select('feedback_forms.version_id')
      .distinct()
      .where('feedback_forms.version_id', 'in', part)
      .where((eb) =>
        eb.exists(eb.selectFrom('feedback_responses').select('feedback_responses.id').whereRef('feedback_responses.form_id', '=', 'feedback_forms.id')),
      )
      .execute();
    for (const r of rows) found.add(r.version_id);
  }
  return found;
}

/** How many events' questionnaires use any version of each template. */
export async function formCountsOfTemplates(db: Db, templateIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const part of chunks([...new Set(templateIds)])) {
    const rows = await db
      .selectFrom('feedback_forms')
      .select(['template_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('template_id', 'in', part)
      .groupBy('template_id')
      .execute();
    for (const r of rows) counts.set(r.template_id, Number(r.n));
  }
  return counts;
}

/**
 * Questionnaires that ask `fromVersionId` and have no responses move to `toVersionId` (the template's
 * new version); those with responses keep the version they were answered in. Answers their events.
 */
export async function moveUnansweredForms(db: Db, fromVersionId: string, toVersionId: string, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback_forms')
    .select(['id', 'event_id'])
    .where('version_id', '=', fromVersionId)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('feedback_responses').select('feedback_responses.id').whereRef('feedback_responses.form_id', '=', 'feedback_forms.id'))),
    )
    .execute();
  const ids = rows.map((r) => r.id);
  for (const part of chunks(ids)) await db.updateTable('feedback_forms').set({ version_id: toVersionId, updated_at: now }).where('id', 'in', part).execute();
  return rows.map((r) => r.event_id);
}

/** A template no questionnaire uses goes, with its versions and their items (cascade). */
export async function deleteTemplateRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('feedback_templates').where('id', '=', id).execute();
}

// Questionnaires of events

export async function insertForm(db: Db, row: FormRow): Promise<void> {
  await db.insertInto('feedback_forms').values(row).execute();
}

export async function findFormOfEvent(db: Db, eventId: string): Promise<FormRow | undefined> {
  return db.selectFrom('feedback_forms').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

/** The questionnaire of a public link, with its event's title (all the link shows of the event). */
export async function findFormByToken(db: Db, token: string) {
  return db
    .selectFrom('feedback_forms')
    .innerJoin('events', 'events.id', 'feedback_forms.event_id')
    .selectAll('feedback_forms')
    .select('events.title as event_title')
    .where('feedback_forms.link_token', '=', token)
    .executeTakeFirst();
}

export async function updateFormRow(
  db: Db,
  id: string,
  changes: Partial<Pick<FormRow, 'link_open' | 'link_token' | 'version_id' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('feedback_forms').set(changes).where('id', '=', id).execute();
}

export async function deleteFormRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('feedback_forms').where('id', '=', id).execute();
}

/**
 * Takes the questionnaire's row lock for the rest of the transaction (an update that changes
 * nothing), so that submissions to one questionnaire take turns: each sees the responses and
 * "has answered" records of the one before. Portable, unlike SELECT … FOR UPDATE; SQLite runs one
 * write transaction at a time anyway.
 */
export async function lockForm(db: Db, id: string): Promise<void> {
  await db
    .updateTable('feedback_forms')
    .set((eb) => ({ link_open: eb.ref('link_open') }))
    .where('id', '=', id)
    .execute();
}

export async function responseCounts(db: Db, formIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(formIds.map((id) => [id, 0]));
  for (const part of chunks([...new Set(formIds)])) {
    const rows = await db
      .selectFrom('feedback_responses')
      .select(['form_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('form_id', 'in', part)
      .groupBy('form_id')
      .execute();
    for (const r of rows) counts.set(r.form_id, Number(r.n));
  }
  return counts;
}

// "Has answered" records and responses

export async function findAnsweredByClientId(db: Db, clientId: string): Promise<AnsweredRow | undefined> {
  return db.selectFrom('feedback_answered').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function findAnswered(db: Db, formId: string, participationId: string): Promise<AnsweredRow | undefined> {
  return db.selectFrom('feedback_answered').selectAll().where('form_id', '=', formId).where('participation_id', '=', participationId).executeTakeFirst();
}

export async function insertAnswered(db: Db, row: AnsweredRow): Promise<void> {
  await db.insertInto('feedback_answered').values(row).execute();
}

export async function responsesOfForm(db: Db, formId: string): Promise<ResponseRow[]> {
  return db.selectFrom('feedback_responses').selectAll().where('form_id', '=', formId).execute();
}

export async function answersOfResponses(db: Db, responseIds: readonly string[]): Promise<AnswerRow[]> {
  const rows: AnswerRow[] = [];
  for (const part of chunks(responseIds)) rows.push(...(await db.selectFrom('feedback_answers').selectAll().where('response_id', 'in', part).execute()));
  return rows;
}

/** Removes responses with their answers (to write them again: see `storeResponse` in feedback.responses.ts). */
export async function deleteResponses(db: Db, responseIds: readonly string[]): Promise<void> {
  for (const part of chunks(responseIds)) {
    await db.deleteFrom('feedback_answers').where('response_id', 'in', part).execute();
    await db.deleteFrom('feedback_responses').where('id', 'in', part).execute();
  }
}

/** Inserts rows in exactly the order given (the caller chose it). */
export async function insertResponses(db: Db, responses: readonly ResponseRow[], answers: readonly AnswerRow[]): Promise<void> {
  for (const part of chunks(responses, 200)) await db.insertInto('feedback_responses').values(part).execute();
  for (const part of chunks(answers, 500)) await db.insertInto('feedback_answers').values(part).execute();
}

// Results

/** Answers to these questionnaires counted by item, value or option, and the respondents' sex and organisation type. */
export async function answerCounts(db: Db, formIds: readonly string[]) {
  const rows: Array<{
    item_id: string;
    value: number | null;
    option_id: string | null;
    respondent_sex: ResponseRow['respondent_sex'];
    respondent_organization_type: ResponseRow['respondent_organization_type'];
    n: number;
  }> = [];
  for (const part of chunks([...new Set(formIds)])) {
    const found = await db
      .selectFrom('feedback_answers')
      .innerJoin('feedback_responses', 'feedback_responses.id', 'feedback_answers.response_id')
      .select([
        'feedback_answers.item_id',
        'feedback_answers.value',
        'feedback_answers.option_id',
        'feedback_responses.respondent_sex',
        'feedback_responses.respondent_organization_type',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('feedback_responses.form_id', 'in', part)
      .where('feedback_answers.text', 'is', null)
      .groupBy([
        'feedback_answers.item_id',
        'feedback_answers.value',
        'feedback_answers.option_id',
        'feedback_responses.respondent_sex',
        'feedback_responses.respondent_organization_type',
      ])
      .execute();
    rows.push(...found.map((r) => ({ ...r, n: Number(r.n) })));
  }
  return rows;
}

/** The free-text answers to these questionnaires, by item (nothing else of the response). */
export async function freeTexts(db: Db, formIds: readonly string[]): Promise<Array<{ item_id: string; text: string }>> {
  const rows: Array<{ item_id: string; text: string }> = [];
  for (const part of chunks([...new Set(formIds)])) {
    const found = await db
      .selectFrom('feedback_answers')
      .innerJoin('feedback_responses', 'feedback_responses.id', 'feedback_answers.response_id')
      .select(['feedback_answers.item_id', 'feedback_answers.text'])
      .where('feedback_responses.form_id', 'in', part)
      .where('feedback_answers.text', 'is not', null)
      .execute();
    for (const r of found) if (r.text !== null) rows.push({ item_id: r.item_id, text: r.text });
  }
  return rows;
}

/** The questionnaires of these events, with the template each asks. */
type FormOfEvent = { id: string; event_id: string; template_id: string; link_open: FeedbackFormsTable['link_open'] };

export async function formsOfEvents(db: Db, eventIds: readonly string[]): Promise<FormOfEvent[]> {
  const rows: FormOfEvent[] = [];
  for (const part of chunks([...new Set(eventIds)])) {
    rows.push(
      ...(await db.selectFrom('feedback_forms').select(['id', 'event_id', 'template_id', 'link_open']).where('event_id', 'in', part).orderBy('id').execute()),
    );
  }
  return rows;
}

/** Templates by id, with their current version's title. */
export async function findTemplates(db: Db, ids: readonly string[]): Promise<TemplateWithVersion[]> {
  const rows: TemplateWithVersion[] = [];
  for (const part of chunks([...new Set(ids)])) rows.push(...(await selectTemplates(db).where('feedback_templates.id', 'in', part).execute()));
  return rows;
}

/** A merge joins two places at one event: the duplicate's "has answered" moves to the place kept for each questionnaire the kept place has not answered. */
export async function moveAnsweredOfPlace(db: Db, fromParticipationId: string, toParticipationId: string): Promise<void> {
  const keptForms = (await db.selectFrom('feedback_answered').select('form_id').where('participation_id', '=', toParticipationId).execute()).map(
    (r) => r.form_id,
  );
  let moving = db.updateTable('feedback_answered').set({ participation_id: toParticipationId }).where('participation_id', '=', fromParticipationId);
  if (keptForms.length > 0) moving = moving.where('form_id', 'not in', keptForms);
  await moving.execute();
}
