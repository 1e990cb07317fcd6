import type {
  CreateFeedbackFormBody,
  CreateFeedbackTemplateBody,
  ErrorDetail,
  EventFeedback,
  FeedbackForm,
  FeedbackItem,
  FeedbackItemInput,
  FeedbackLinkBody,
  FeedbackTemplate,
  FeedbackTemplateListQuery,
  HistoryEntry,
  LocalText,
  Page,
  StandardFeedbackTemplateBody,
  UpdateFeedbackTemplateBody,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { conflict, forbidden, invalid, notFound, ruleViolation } from '../../http/errors.js';
import { managesAllEvents, seesCountry, seesOrganizationCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import { newLinkToken, newRefKey } from '../assessments/index.js';
import { diff, listHistory, presentHistory, recordAudit } from '../audit/index.js';
import { getEditableEventRow, getVisibleEventRow } from '../events/index.js';
import * as repo from './feedback.repository.js';
import { STANDARD_TEMPLATE } from './feedback.standard.js';

/**
 * Questionnaire templates and the questionnaire (form) of an event.
 *
 * Versions, not freezing: a template whose current version has responses is never changed in place;
 * a change becomes its next version. Questionnaires with responses keep the version they were
 * answered in (so their results read exactly what was asked), those without move to the new one.
 * An item keeps its id and kind across versions (and an option its id), so a reworded item or a
 * corrected Urdu text is still counted as the same item across events; a change of kind is a new
 * item. Freezing would have split one questionnaire's results across copies at every typo fixed.
 */

// Templates

/** A template of no country is shared by every country's users, like a question of the bank. */
const seesTemplate = (actor: Actor, countryCode: string | null) => seesOrganizationCountry(actor, countryCode);

export async function getVisibleTemplate(db: Db, actor: Actor, id: string): Promise<repo.TemplateWithVersion> {
  const row = await repo.findTemplate(db, id);
  if (!row || !seesTemplate(actor, row.country_code)) throw notFound('Feedback template');
  return row;
}

/** Managers change any template they see, trainers those they wrote; a template of every country only users of every country. */
function assertMayChangeTemplate(actor: Actor, row: repo.TemplateRow) {
  if (row.country_code === null && actor.countries !== null) {
    throw forbidden('Only a user who works in all countries may change a template shared by every country');
  }
  if (!managesAllEvents(actor) && row.created_by !== actor.id) {
    throw forbidden('A trainer may change only the templates they wrote; ask a programme manager');
  }
}

/** The country of a new template: the one given, else the user's only country, else (users of every country) none. */
function templateCountry(actor: Actor, given: string | null | undefined): string | null {
  const country = given !== undefined ? given : actor.countries === null ? null : actor.countries.length === 1 ? (actor.countries[0] ?? null) : undefined;
  if (country === undefined) throw invalid('Choose the country of the template', [{ path: 'countryCode', message: 'Required' }]);
  if (country === null && actor.countries !== null) {
    throw forbidden('Only a user who works in all countries may add a template shared by every country');
  }
  if (country !== null && !seesCountry(actor, country)) throw forbidden('You may not add records for this country');
  return country;
}

const text = (en: string, ur: string | null): LocalText => ({ en, ur });

export const presentItem = (row: repo.ItemRow): FeedbackItem => ({
  id: row.item_id,
  kind: row.kind,
  text: text(row.text_en, row.text_ur),
  options: row.options.map((o) => ({ id: o.id, text: text(o.en, o.ur) })),
});

async function presentTemplates(db: Db, rows: repo.TemplateWithVersion[]): Promise<FeedbackTemplate[]> {
  const versionIds = rows.map((r) => r.current_version_id);
  const [items, answered, formCounts] = await Promise.all([
    repo.itemsOfVersions(db, versionIds),
    repo.answeredVersions(db, versionIds),
    repo.formCountsOfTemplates(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    versionId: r.current_version_id,
    version: r.version,
    title: text(r.title_en, r.title_ur),
    items: (items.get(r.current_version_id) ?? []).map(presentItem),
    countryCode: r.country_code,
    answered: answered.has(r.current_version_id),
    formCount: formCounts.get(r.id) ?? 0,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function presentTemplate(db: Db, row: repo.TemplateWithVersion): Promise<FeedbackTemplate> {
  const [template] = await presentTemplates(db, [row]);
  if (!template) throw notFound('Feedback template');
  return template;
}

/** What a template's history records: its content (with item ids, which say what stayed the same item) and country. */
const templateHistoryView = (t: FeedbackTemplate) => ({ version: t.version, title: t.title, items: t.items, countryCode: t.countryCode });

/**
 * The items as they are to be stored: ids kept where given (checked against every version of the
 * template: an item keeps its kind, an option belongs to its item), new ids for the others.
 */
function itemRows(versionId: string, input: readonly FeedbackItemInput[], known: ReadonlyMap<string, repo.ItemRow>): repo.ItemRow[] {
  const problems: ErrorDetail[] = [];
  const rows = input.map((item, position): repo.ItemRow => {
    const before = item.id === undefined ? undefined : known.get(item.id);
    if (item.id !== undefined && !before) problems.push({ path: `items.${position}.id`, message: 'Not an item of this template' });
    if (before && before.kind !== item.kind) {
      problems.push({ path: `items.${position}.kind`, message: 'An item keeps its kind; add a new item instead' });
    }
    const knownOptions = new Set(before?.options.map((o) => o.id));
    const options = (item.options ?? []).map((o, i) => {
      if (o.id !== undefined && !knownOptions.has(o.id)) problems.push({ path: `items.${position}.options.${i}.id`, message: 'Not an option of this item' });
      return { id: o.id ?? newId(), en: o.text.en, ur: o.text.ur ?? null };
    });
    return {
      version_id: versionId,
      item_id: item.id ?? newId(),
      position,
      kind: item.kind,
      text_en: item.text.en,
      text_ur: item.text.ur ?? null,
      options,
    };
  });
  if (problems.length > 0) throw invalid('The items do not fit this template', problems);
  return rows;
}

/** Every item the template has had, by id, as its newest version has it (ids may come back from an older version). */
async function knownItems(db: Db, templateId: string): Promise<Map<string, repo.ItemRow>> {
  const versions = await repo.versionsOfTemplate(db, templateId);
  const items = await repo.itemsOfVersions(
    db,
    versions.map((v) => v.id),
  );
  const known = new Map<string, repo.ItemRow>();
  for (const v of versions) {
    for (const item of items.get(v.id) ?? []) {
      const seen = known.get(item.item_id);
      // Newest first: the newest text wins, and options of every version are known.
      if (!seen) known.set(item.item_id, { ...item, options: [...item.options] });
      else for (const o of item.options) if (!seen.options.some((s) => s.id === o.id)) seen.options.push(o);
    }
  }
  return known;
}

export async function listTemplates(db: Db, actor: Actor, query: FeedbackTemplateListQuery): Promise<Page<FeedbackTemplate>> {
  const rows = await repo.listTemplates(db, {
    countries: actor.countries,
    countryCode: query.countryCode,
    after: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await presentTemplates(db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ sort: last.id, id: last.id }) : null,
  };
}

export async function getTemplate(db: Db, actor: Actor, id: string): Promise<FeedbackTemplate> {
  return presentTemplate(db, await getVisibleTemplate(db, actor, id));
}

export async function createTemplate(db: Db, actor: Actor, body: CreateFeedbackTemplateBody): Promise<FeedbackTemplate> {
  const countryCode = templateCountry(actor, body.countryCode);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const id = newId();
    const versionId = newId();
    // A new template has no items yet: ids given by the caller name nothing.
    const items = itemRows(versionId, body.items, new Map());
    await repo.insertTemplate(trx, { id, country_code: countryCode, current_version_id: versionId, created_by: actor.id, created_at: now, updated_at: now });
    await repo.insertVersion(trx, {
      id: versionId,
      template_id: id,
      version: 1,
      title_en: body.title.en,
      title_ur: body.title.ur ?? null,
      created_by: actor.id,
      created_at: now,
    });
    await repo.insertItems(trx, items);
    const created = await getTemplate(trx, actor, id);
    await recordAudit(trx, {
      entityType: 'feedback_template',
      entityId: id,
      action: 'create',
      userId: actor.id,
      changes: diff(null, templateHistoryView(created)),
    });
    return created;
  });
}

/** The standard post-workshop questionnaire, as a new template. */
export async function createStandardTemplate(db: Db, actor: Actor, body: StandardFeedbackTemplateBody): Promise<FeedbackTemplate> {
  return createTemplate(db, actor, { ...STANDARD_TEMPLATE, countryCode: body.countryCode });
}

const contentKey = (title: LocalText, items: readonly repo.ItemRow[]) =>
  JSON.stringify([title.en, title.ur, items.map((i) => [i.item_id, i.kind, i.text_en, i.text_ur, i.options.map((o) => [o.id, o.en, o.ur])])]);

export async function updateTemplate(db: Db, actor: Actor, id: string, body: UpdateFeedbackTemplateBody): Promise<FeedbackTemplate> {
  return db.transaction().execute(async (trx) => {
    const row = await getVisibleTemplate(trx, actor, id);
    assertMayChangeTemplate(actor, row);
    const before = await presentTemplate(trx, row);
    const countryCode = body.countryCode !== undefined ? templateCountry(actor, body.countryCode) : row.country_code;
    // Questionnaires use templates of their event's country or of none: a template in use stays where it is.
    if (countryCode !== row.country_code && before.formCount > 0) {
      throw ruleViolation('A template that events use keeps its country', [{ path: 'countryCode', message: 'Used by events' }]);
    }
    const title = body.title ? text(body.title.en, body.title.ur ?? null) : before.title;
    const currentItems = (await repo.itemsOfVersions(trx, [row.current_version_id])).get(row.current_version_id) ?? [];
    const items = body.items ? itemRows(row.current_version_id, body.items, await knownItems(trx, id)) : currentItems;
    const now = nowIso();
    let note: string | null = null;
    if (contentKey(title, items) !== contentKey(before.title, currentItems)) {
      if (before.answered) {
        // The answered version stays as it is; the change is the next version.
        const versionId = newId();
        await repo.insertVersion(trx, {
          id: versionId,
          template_id: id,
          version: before.version + 1,
          title_en: title.en,
          title_ur: title.ur,
          created_by: actor.id,
          created_at: now,
        });
        await repo.insertItems(
          trx,
          items.map((i) => ({ ...i, version_id: versionId })),
        );
        await repo.updateTemplateRow(trx, id, { current_version_id: versionId });
        const movedEvents = await repo.moveUnansweredForms(trx, before.versionId, versionId, now);
        note = `Version ${before.version + 1}: questionnaires answered in version ${before.version} keep it; ${movedEvents.length} without responses moved to the new version`;
        for (const eventId of movedEvents) {
          await recordAudit(trx, {
            entityType: 'feedback_form',
            entityId: eventId,
            action: 'update',
            userId: actor.id,
            changes: { version: { from: before.version, to: before.version + 1 } },
          });
        }
      } else {
        await repo.updateVersionRow(trx, before.versionId, { title_en: title.en, title_ur: title.ur });
        await repo.replaceItems(trx, before.versionId, items);
      }
    }
    await repo.updateTemplateRow(trx, id, { country_code: countryCode, updated_at: now });
    const after = await getTemplate(trx, actor, id);
    await recordAudit(trx, {
      entityType: 'feedback_template',
      entityId: id,
      action: 'update',
      userId: actor.id,
      changes: diff(templateHistoryView(before), templateHistoryView(after)),
      note,
    });
    return after;
  });
}

export async function deleteTemplate(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await getVisibleTemplate(trx, actor, id);
    assertMayChangeTemplate(actor, row);
    const before = await presentTemplate(trx, row);
    if (before.formCount > 0) throw conflict(`This template is used by the questionnaires of ${before.formCount} events; take it off them first`);
    await repo.deleteTemplateRow(trx, id);
    await recordAudit(trx, {
      entityType: 'feedback_template',
      entityId: id,
      action: 'delete',
      userId: actor.id,
      changes: diff(templateHistoryView(before), null),
    });
  });
}

export async function templateHistory(db: Db, actor: Actor, id: string): Promise<HistoryEntry[]> {
  await getVisibleTemplate(db, actor, id);
  return presentHistory(db, actor, await listHistory(db, 'feedback_template', id));
}

// The questionnaire of an event

export const linkPath = (token: string) => `/feedback/${token}`;

const feedbackFormNotFound = () => notFound('Feedback form');

async function presentForm(db: Db, form: repo.FormRow): Promise<FeedbackForm> {
  const [version, template, items, counts] = await Promise.all([
    repo.findVersion(db, form.version_id),
    repo.findTemplate(db, form.template_id),
    repo.itemsOfVersions(db, [form.version_id]),
    repo.responseCounts(db, [form.id]),
  ]);
  if (!version || !template) throw feedbackFormNotFound();
  return {
    id: form.id,
    eventId: form.event_id,
    templateId: form.template_id,
    versionId: form.version_id,
    version: version.version,
    latestVersion: template.current_version_id === form.version_id,
    title: text(version.title_en, version.title_ur),
    items: (items.get(form.version_id) ?? []).map(presentItem),
    link: { token: form.link_token, open: toBoolean(form.link_open), path: linkPath(form.link_token) },
    responseCount: counts.get(form.id) ?? 0,
    createdAt: form.created_at,
    updatedAt: form.updated_at,
  };
}

/** What the event's history of its questionnaire records (the link's token stays out: it is a key to the form). */
const formHistoryView = (f: FeedbackForm) => ({ templateId: f.templateId, version: f.version, title: f.title, linkOpen: f.link.open });

/** The event's questionnaire, when the actor may see the event (another country's answers 404, as the event would). */
export async function getVisibleForm(db: Db, actor: Actor, eventId: string): Promise<repo.FormRow> {
  await getVisibleEventRow(db, actor, eventId);
  const form = await repo.findFormOfEvent(db, eventId);
  if (!form) throw feedbackFormNotFound();
  return form;
}

/** The event's questionnaire, when the actor may change the event: managers, and its own trainers. */
export async function getEditableForm(db: Db, actor: Actor, eventId: string): Promise<repo.FormRow> {
  await getEditableEventRow(db, actor, eventId);
  const form = await repo.findFormOfEvent(db, eventId);
  if (!form) throw feedbackFormNotFound();
  return form;
}

export async function getEventFeedback(db: Db, actor: Actor, eventId: string): Promise<EventFeedback> {
  await getVisibleEventRow(db, actor, eventId);
  const form = await repo.findFormOfEvent(db, eventId);
  return { form: form ? await presentForm(db, form) : null };
}

export async function createEventFeedback(db: Db, actor: Actor, eventId: string, body: CreateFeedbackFormBody): Promise<FeedbackForm> {
  return db.transaction().execute(async (trx) => {
    const event = await getEditableEventRow(trx, actor, eventId);
    if (await repo.findFormOfEvent(trx, eventId)) throw conflict('This event has a questionnaire already', [{ path: 'templateId', message: 'Taken' }]);
    const template = await repo.findTemplate(trx, body.templateId);
    // A questionnaire in Pakistan does not borrow another country's template.
    if (!template || !seesTemplate(actor, template.country_code) || (template.country_code !== null && template.country_code !== event.country_code)) {
      throw invalid('Unknown template', [{ path: 'templateId', message: `No template ${body.templateId} for an event in ${event.country_code}` }]);
    }
    const now = nowIso();
    const form: repo.FormRow = {
      id: newId(),
      event_id: eventId,
      template_id: template.id,
      version_id: template.current_version_id,
      link_token: newLinkToken(),
      link_open: body.linkOpen ?? true,
      ref_key: newRefKey(),
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    await repo.insertForm(trx, form);
    const created = await presentForm(trx, form);
    await recordAudit(trx, {
      entityType: 'feedback_form',
      entityId: eventId,
      action: 'create',
      userId: actor.id,
      changes: diff(null, formHistoryView(created)),
    });
    return created;
  });
}

export async function deleteEventFeedback(db: Db, actor: Actor, eventId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const form = await getEditableForm(trx, actor, eventId);
    const before = await presentForm(trx, form);
    if (before.responseCount > 0) throw conflict(`This questionnaire has ${before.responseCount} responses; a questionnaire that has been answered stays`);
    await repo.deleteFormRow(trx, form.id);
    await recordAudit(trx, {
      entityType: 'feedback_form',
      entityId: eventId,
      action: 'delete',
      userId: actor.id,
      changes: diff(formHistoryView(before), null),
    });
  });
}

/** Opens or closes the public link; `renew` gives it a new token, so that the old address stops working. */
export async function setEventFeedbackLink(db: Db, actor: Actor, eventId: string, body: FeedbackLinkBody): Promise<FeedbackForm> {
  return db.transaction().execute(async (trx) => {
    const form = await getEditableForm(trx, actor, eventId);
    const wasOpen = toBoolean(form.link_open);
    const changes = { link_open: body.open, ...(body.renew ? { link_token: newLinkToken() } : {}), updated_at: nowIso() };
    await repo.updateFormRow(trx, form.id, changes);
    await recordAudit(trx, {
      entityType: 'feedback_form',
      entityId: eventId,
      action: 'update',
      userId: actor.id,
      changes: {
        ...(wasOpen !== body.open ? { linkOpen: { from: wasOpen, to: body.open } } : {}),
        ...(body.renew ? { linkRenewed: { from: false, to: true } } : {}),
      },
    });
    return presentForm(trx, { ...form, ...changes });
  });
}

export async function eventFeedbackHistory(db: Db, actor: Actor, eventId: string): Promise<HistoryEntry[]> {
  await getVisibleEventRow(db, actor, eventId);
  return presentHistory(db, actor, await listHistory(db, 'feedback_form', eventId));
}
