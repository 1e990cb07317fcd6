import {
  FEEDBACK_MIN_GROUP_SIZE,
  likertScale,
  organizationTypes,
  sexes,
  type EventFeedbackResults,
  type FeedbackCount,
  type FeedbackItem,
  type FeedbackItemResult,
  type FeedbackResultsAcross,
  type FeedbackResultsQuery,
  type OrganizationType,
  type Sex,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import type { Actor } from '../../http/permissions.js';
import { eventsInSelection } from '../events/index.js';
import { eventResultsWithheld } from './feedback.disclosure.js';
import * as repo from './feedback.repository.js';
import { getVisibleForm, getVisibleTemplate, presentItem } from './feedback.service.js';

/**
 * Results of questionnaires: per item the number of answers, the distribution, the mean of Likert
 * items, the free-text answers; by sex and by organisation type with figures only for groups large
 * enough that nobody in them can be picked out.
 *
 * Suppression, per item and per breakdown (the brief's rule, and the usual one of statistical
 * disclosure control, e.g. Hundepool et al., "Statistical Disclosure Control", Wiley 2012, §5.2–5.3):
 * - primary: a group with fewer than 5 answers shows its count only;
 * - secondary: since the whole item's figures are shown, the withheld groups together could be worked
 *   out by subtraction; when they add up to fewer than 5 answers, the smallest shown groups are
 *   withheld too until they add up to at least 5 (or all are withheld).
 * Free text is never broken down: a sentence can name its writer whatever the group's size.
 */

export type CountRow = {
  itemId: string;
  value: number | null;
  optionId: string | null;
  sex: Sex;
  organizationType: OrganizationType | null;
  n: number;
};
export type TextRow = { itemId: string; text: string };

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Which groups to withhold, given each group's size (primary and secondary suppression, above). */
export function withheldGroups(sizes: readonly number[], minGroupSize = FEEDBACK_MIN_GROUP_SIZE): boolean[] {
  const withheld = sizes.map((n) => n < minGroupSize);
  let withheldTotal = sizes.reduce((sum, n, i) => sum + (withheld[i] ? n : 0), 0);
  if (withheldTotal === 0 || withheldTotal >= minGroupSize) return withheld;
  const shownSmallestFirst = sizes
    .map((n, i) => ({ n, i }))
    .filter(({ i }) => !withheld[i])
    .sort((a, b) => a.n - b.n || a.i - b.i);
  for (const { n, i } of shownSmallestFirst) {
    if (withheldTotal >= minGroupSize) break;
    withheld[i] = true;
    withheldTotal += n;
  }
  return withheld;
}

/** The bars of an item's distribution: the five Likert points or the item's options, with their counts. */
function distributionOf(item: FeedbackItem, rows: readonly CountRow[]): FeedbackCount[] {
  if (item.kind === 'likert') {
    return likertScale.map((p) => ({
      key: String(p.value),
      text: { en: p.text.en, ur: p.text.ur },
      count: rows.filter((r) => r.value === p.value).reduce((s, r) => s + r.n, 0),
    }));
  }
  if (item.kind === 'choice') {
    return item.options.map((o) => ({ key: o.id, text: o.text, count: rows.filter((r) => r.optionId === o.id).reduce((s, r) => s + r.n, 0) }));
  }
  return [];
}

const meanOf = (item: FeedbackItem, rows: readonly CountRow[]): number | null => {
  if (item.kind !== 'likert') return null;
  const n = rows.reduce((s, r) => s + (r.value === null ? 0 : r.n), 0);
  return n === 0 ? null : round2(rows.reduce((s, r) => s + (r.value ?? 0) * r.n, 0) / n);
};

/** An answer counted towards an item: a Likert point, or an option the item (still) lists. */
const counts = (item: FeedbackItem) => (r: CountRow) =>
  r.itemId === item.id && (item.kind === 'likert' ? r.value !== null : item.options.some((o) => o.id === r.optionId));

function breakdown<G extends string | null>(
  item: FeedbackItem,
  rows: readonly CountRow[],
  groups: readonly G[],
  groupOf: (r: CountRow) => G,
  minGroupSize: number,
) {
  const present = groups
    .map((group) => ({ group, rows: rows.filter((r) => groupOf(r) === group) }))
    .map((g) => ({ ...g, n: g.rows.reduce((s, r) => s + r.n, 0) }))
    .filter((g) => g.n > 0);
  const withheld = withheldGroups(
    present.map((g) => g.n),
    minGroupSize,
  );
  return present.map((g, i) => ({
    group: g.group,
    n: g.n,
    distribution: withheld[i] ? null : distributionOf(item, g.rows),
    mean: withheld[i] ? null : meanOf(item, g.rows),
  }));
}

/** The results of each item from the counted answers and the free texts (pure: the route's figures, and the unit tests'). */
export function itemResults(
  items: readonly FeedbackItem[],
  countRows: readonly CountRow[],
  textRows: readonly TextRow[],
  minGroupSize = FEEDBACK_MIN_GROUP_SIZE,
): FeedbackItemResult[] {
  const organizationGroups: Array<OrganizationType | null> = [...organizationTypes, null];
  return items.map((item) => {
    if (item.kind === 'text') {
      // Sorted, so that their order says nothing of who wrote which, or when.
      const texts = textRows
        .filter((t) => t.itemId === item.id)
        .map((t) => t.text)
        .sort((a, b) => a.localeCompare(b));
      return { itemId: item.id, kind: item.kind, text: item.text, n: texts.length, distribution: [], mean: null, texts, bySex: [], byOrganizationType: [] };
    }
    const rows = countRows.filter(counts(item));
    return {
      itemId: item.id,
      kind: item.kind,
      text: item.text,
      n: rows.reduce((s, r) => s + r.n, 0),
      distribution: distributionOf(item, rows),
      mean: meanOf(item, rows),
      texts: [],
      bySex: breakdown(item, rows, sexes, (r) => r.sex, minGroupSize),
      byOrganizationType: breakdown(item, rows, organizationGroups, (r) => r.organizationType, minGroupSize),
    };
  });
}

const toCountRows = (rows: Awaited<ReturnType<typeof repo.answerCounts>>): CountRow[] =>
  rows.map((r) => ({
    itemId: r.item_id,
    value: r.value === null ? null : Number(r.value),
    optionId: r.option_id,
    sex: r.respondent_sex,
    organizationType: r.respondent_organization_type,
    n: r.n,
  }));

async function resultsOf(db: Db, formIds: readonly string[], items: readonly FeedbackItem[]) {
  const [countRows, texts, responses] = await Promise.all([repo.answerCounts(db, formIds), repo.freeTexts(db, formIds), repo.responseCounts(db, formIds)]);
  return {
    responseCount: [...responses.values()].reduce((s, n) => s + n, 0),
    minGroupSize: FEEDBACK_MIN_GROUP_SIZE,
    items: itemResults(
      items,
      toCountRows(countRows),
      texts.map((t) => ({ itemId: t.item_id, text: t.text })),
    ),
  };
}

/**
 * The results of the event's questionnaire, for anyone who may see the event (figures, no names):
 * the number of responses only while the link is open or fewer than 5 responded (feedback.disclosure.ts).
 */
export async function eventFeedbackResults(db: Db, actor: Actor, eventId: string): Promise<EventFeedbackResults> {
  const form = await getVisibleForm(db, actor, eventId);
  const [version, items, responses] = await Promise.all([
    repo.findVersion(db, form.version_id),
    repo.itemsOfVersions(db, [form.version_id]),
    repo.responseCounts(db, [form.id]),
  ]);
  const template = { id: form.template_id, title: { en: version?.title_en ?? '', ur: version?.title_ur ?? null } };
  const responseCount = responses.get(form.id) ?? 0;
  const withheld = eventResultsWithheld(toBoolean(form.link_open), responseCount);
  if (withheld) return { template, eventCount: 1, responseCount, minGroupSize: FEEDBACK_MIN_GROUP_SIZE, items: [], withheld };
  return { template, eventCount: 1, ...(await resultsOf(db, [form.id], (items.get(form.version_id) ?? []).map(presentItem))), withheld: null };
}

/**
 * Every item the template has had, each as its newest version words it, with every option it has
 * had: the current version's items first, in its order, then items only older versions ask.
 */
async function itemsAcrossVersions(db: Db, templateId: string): Promise<FeedbackItem[]> {
  const versions = await repo.versionsOfTemplate(db, templateId);
  const byVersion = await repo.itemsOfVersions(
    db,
    versions.map((v) => v.id),
  );
  const merged = new Map<string, FeedbackItem>();
  for (const v of versions) {
    for (const row of byVersion.get(v.id) ?? []) {
      const item = presentItem(row);
      const seen = merged.get(item.id);
      if (!seen) merged.set(item.id, item);
      else for (const o of item.options) if (!seen.options.some((s) => s.id === o.id)) seen.options.push(o);
    }
  }
  return [...merged.values()];
}

/**
 * One template's results over a selection of events (programme, series, period of the start) that the
 * user sees, by the same rule as the event list and the reports. Without a template asked for, the one
 * the most events of the selection use (the first by English title, then id, on a tie). A template
 * asked for is counted over the selection's questionnaires that use it; one the user may not see is
 * 404 unless a questionnaire of the selection uses it (the event's own results show it too).
 */
export async function feedbackResults(db: Db, actor: Actor, query: FeedbackResultsQuery): Promise<FeedbackResultsAcross> {
  const events = await eventsInSelection(db, actor, query);
  const forms = await repo.formsOfEvents(
    db,
    events.map((e) => e.id),
  );
  const counts = new Map<string, number>();
  for (const form of forms) counts.set(form.template_id, (counts.get(form.template_id) ?? 0) + 1);
  const used = (await repo.findTemplates(db, [...counts.keys()]))
    .map((t) => ({ id: t.id, title: { en: t.title_en, ur: t.title_ur }, eventCount: counts.get(t.id) ?? 0 }))
    .sort((a, b) => b.eventCount - a.eventCount || a.title.en.localeCompare(b.title.en) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chosen = query.templateId
    ? (used.find((t) => t.id === query.templateId) ??
      (await getVisibleTemplate(db, actor, query.templateId).then((t) => ({ id: t.id, title: { en: t.title_en, ur: t.title_ur }, eventCount: 0 }))))
    : used[0];
  if (!chosen)
    return { template: null, templates: [], eventCount: 0, withheldEventCount: 0, responseCount: 0, minGroupSize: FEEDBACK_MIN_GROUP_SIZE, items: [] };
  // Counted only where the event's own results would show: closed, with at least 5 responses. Else a
  // reading before and after one submission, or with and without one small event (by the period),
  // would give single people's answers away; those questionnaires are in `withheldEventCount`.
  const ofTemplate = forms.filter((f) => f.template_id === chosen.id);
  const responses = await repo.responseCounts(
    db,
    ofTemplate.map((f) => f.id),
  );
  const formIds = ofTemplate.filter((f) => eventResultsWithheld(toBoolean(f.link_open), responses.get(f.id) ?? 0) === null).map((f) => f.id);
  return {
    template: { id: chosen.id, title: chosen.title },
    templates: used,
    eventCount: formIds.length,
    withheldEventCount: ofTemplate.length - formIds.length,
    ...(await resultsOf(db, formIds, await itemsAcrossVersions(db, chosen.id))),
  };
}
