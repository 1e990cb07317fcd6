import {
  mergeFields,
  type CreatePersonBody,
  type DuplicateCandidate,
  type DuplicateQuery,
  type HistoryEntry,
  type MergeField,
  type MergeValues,
  type Page,
  type Person,
  type PersonListQuery,
  type UpdatePersonBody,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { conflict, forbidden, invalid, notFound } from '../../http/errors.js';
import { managesAllEvents, seesCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeEmail, normalizePhone, normalizeText, personMatchKeys, personNameKey, type PersonMatchKeys } from '../../shared/normalize.js';
import { changedColumns } from '../../shared/changes.js';
import { decodeCursor, toPage } from '../../shared/pagination.js';
import { diff, lastValuesOfRemoved, listHistory, presentHistory, recordAudit } from '../audit/index.js';
import * as participations from '../participations/index.js';
import { getVisibleOrganization } from '../organizations/index.js';
import * as repo from './people.repository.js';

export async function getVisiblePerson(db: Db, actor: Actor, id: string): Promise<repo.PersonWithOrganization> {
  const row = await repo.findPerson(db, id);
  if (!row || !seesCountry(actor, row.country_code)) throw notFound('Person');
  return row;
}

/**
 * The ids among `ids` of people the actor may see: by the person's country, or, for someone merged
 * away or deleted since, by the country their last history entry recorded (none recorded: hidden
 * from users limited to some countries).
 */
export async function visiblePersonIds(db: Db, actor: Actor, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (actor.countries === null) return new Set(unique);
  const found = await repo.findPeople(db, unique);
  const visible = new Set(found.filter((p) => seesCountry(actor, p.country_code)).map((p) => p.id));
  const gone = unique.filter((id) => !found.some((p) => p.id === id));
  for (const [id, country] of await lastValuesOfRemoved(db, 'person', gone, 'countryCode')) {
    if (seesCountry(actor, typeof country === 'string' ? country : null)) visible.add(id);
  }
  return visible;
}

/** The note a merge leaves on the kept person's history: "Merged <name> (<id>): …". */
const MERGE_NOTE = /^Merged (.+) \(([0-9a-f-]{36})\): (.*)$/s;

/** A person's history; a merge note names the person merged in only for users who may see that person. */
export async function personHistory(db: Db, actor: Actor, id: string): Promise<HistoryEntry[]> {
  await getVisiblePerson(db, actor, id);
  const items = await listHistory(db, 'person', id);
  if (actor.countries === null) return presentHistory(db, actor, items);
  const merged = items.map((entry) => (entry.action === 'merge' ? entry.note?.match(MERGE_NOTE) : null));
  const visible = await visiblePersonIds(
    db,
    actor,
    merged.flatMap((m) => (m?.[2] ? [m[2]] : [])),
  );
  const masked = items.map((entry, i) => {
    const match = merged[i];
    if (!match?.[2] || visible.has(match[2])) return entry;
    return { ...entry, note: `Merged a person from another country: ${match[3] ?? ''}` };
  });
  return presentHistory(db, actor, masked);
}

/**
 * Trainers change only the people of their own events (a phone number corrected on the day's list):
 * people who take part in an event they are a trainer of, and in no event they are not. Otherwise a
 * trainer could put anyone on an event of their own making and then rewrite that person's record,
 * which other trainers' lists and every report share. Programme managers change anyone they see.
 */
async function assertMayEditPerson(db: Db, actor: Actor, personId: string) {
  if (managesAllEvents(actor)) return;
  const { total, trained } = await repo.countParticipationsTrainedBy(db, personId, actor.id);
  if (trained === 0 || trained < total) {
    throw forbidden('A trainer may change only the people taking part in events they train, and in no other events; ask a programme manager');
  }
}

export async function getPerson(db: Db, actor: Actor, id: string): Promise<Person> {
  return repo.presentPerson(await getVisiblePerson(db, actor, id));
}

export async function listPeople(db: Db, actor: Actor, query: PersonListQuery): Promise<Page<Person>> {
  const rows = await repo.listPeople(db, {
    ...query,
    qNormalized: query.q ? normalizeText(query.q) : undefined,
    qEmail: normalizeEmail(query.q),
    qPhone: normalizePhone(query.q),
    countries: actor.countries,
    after: decodeCursor(query.cursor),
  });
  return toPage(rows, query.limit, (r) => ({ sort: r.name_normalized, id: r.id }), repo.presentPerson);
}

type MatchKeys = { nameKey: string | null; organizationId: string | null; phone: string | null; email: string | null };

/** Why a registered person probably is the one being entered; empty when they are not. */
export function matchReasons(
  keys: MatchKeys,
  other: { name_key: string; organization_id: string | null; phone_normalized: string | null; email_normalized: string | null },
): DuplicateCandidate['reasons'] {
  const reasons: DuplicateCandidate['reasons'] = [];
  if (keys.email && keys.email === other.email_normalized) reasons.push('same_email');
  if (keys.phone && keys.phone === other.phone_normalized) reasons.push('same_phone');
  if (keys.nameKey && keys.nameKey === other.name_key) {
    // The same name alone is only a hint when neither record names an organisation.
    if (keys.organizationId && keys.organizationId === other.organization_id) reasons.push('same_name_same_organization');
    else if (!keys.organizationId || !other.organization_id) reasons.push('same_name');
  }
  return reasons;
}

export async function findDuplicates(db: Db, actor: Actor, query: DuplicateQuery): Promise<DuplicateCandidate[]> {
  const keys: MatchKeys = {
    nameKey: query.fullName ? personNameKey(query.fullName) || null : null,
    organizationId: query.organizationId ?? null,
    phone: normalizePhone(query.phone),
    email: normalizeEmail(query.email),
  };
  const rows = await repo.findPeopleMatching(db, keys);
  return rows
    .filter((row) => row.id !== query.excludeId && seesCountry(actor, row.country_code))
    .map((row) => ({ person: repo.presentPerson(row), reasons: matchReasons(keys, row) }))
    .filter((c) => c.reasons.length > 0);
}

/** A person's country: as given, else their organisation's, else the one country a restricted user works in. */
function resolveCountry(actor: Actor, given: string | null | undefined, organizationCountry: string | null): string | null {
  const country = given ?? organizationCountry ?? (actor.countries?.length === 1 ? (actor.countries[0] ?? null) : null);
  if (actor.countries !== null && (country === null || !actor.countries.includes(country))) {
    throw forbidden('You may add people only in your own countries');
  }
  return country;
}

/**
 * A new person's row. `keys`: personMatchKeys of the body, when the caller has worked them out
 * already (an import, which matched its rows on them: 50,000 names normalised once, not twice).
 */
export function personRowFrom(
  body: CreatePersonBody,
  context: { id: string; now: string; countryCode: string | null },
  keys: PersonMatchKeys = personMatchKeys(body),
): repo.PersonRow {
  return {
    id: context.id,
    full_name: body.fullName,
    name_normalized: keys.nameNormalized,
    name_key: keys.nameKey,
    sex: body.sex,
    birth_year: body.birthYear ?? null,
    organization_id: body.organizationId ?? null,
    designation: body.designation ?? null,
    province: body.province ?? null,
    district: body.district ?? null,
    phone: body.phone ?? null,
    phone_normalized: keys.phone,
    email: body.email ?? null,
    email_normalized: keys.email,
    country_code: context.countryCode,
    created_at: context.now,
    updated_at: context.now,
  };
}

export async function createPerson(db: Db, actor: Actor, body: CreatePersonBody): Promise<Person & { possibleDuplicates: DuplicateCandidate[] }> {
  return db.transaction().execute(async (trx) => {
    const organization = body.organizationId
      ? await getVisibleOrganization(trx, actor, body.organizationId).catch(() => {
          throw invalid('Unknown organisation', [{ path: 'organizationId', message: 'No such organisation' }]);
        })
      : undefined;
    const countryCode = resolveCountry(actor, body.countryCode, organization?.country_code ?? null);
    const possibleDuplicates = await findDuplicates(trx, actor, {
      fullName: body.fullName,
      organizationId: body.organizationId ?? undefined,
      phone: body.phone ?? undefined,
      email: body.email ?? undefined,
    });
    const row = personRowFrom(body, { id: newId(), now: nowIso(), countryCode });
    await repo.insertPerson(trx, row);
    const created = await getPerson(trx, actor, row.id);
    await recordAudit(trx, { entityType: 'person', entityId: row.id, action: 'create', userId: actor.id, changes: diff(null, created) });
    return { ...created, possibleDuplicates };
  });
}

export async function updatePerson(db: Db, actor: Actor, id: string, body: UpdatePersonBody): Promise<Person> {
  return db.transaction().execute(async (trx) => {
    const before = await getVisiblePerson(trx, actor, id);
    await assertMayEditPerson(trx, actor, id);
    const organizationId = body.organizationId !== undefined ? body.organizationId : before.organization_id;
    const organization =
      organizationId && organizationId !== before.organization_id
        ? await getVisibleOrganization(trx, actor, organizationId).catch(() => {
            throw invalid('Unknown organisation', [{ path: 'organizationId', message: 'No such organisation' }]);
          })
        : undefined;
    // An explicit country wins (null clears it); a new organisation brings its country; else it stays.
    const countryCode =
      body.countryCode !== undefined
        ? resolveCountry(actor, body.countryCode, organization?.country_code ?? null)
        : organization
          ? resolveCountry(actor, organization.country_code ?? before.country_code, null)
          : before.country_code;
    const fullName = body.fullName ?? before.full_name;
    const pick = <K extends keyof UpdatePersonBody>(key: K, current: UpdatePersonBody[K]) => (body[key] !== undefined ? body[key] : current);
    const phone = pick('phone', before.phone) ?? null;
    const email = pick('email', before.email) ?? null;
    const keys = personMatchKeys({ fullName, phone, email });
    const changes: Partial<repo.PersonRow> = {
      full_name: fullName,
      name_normalized: keys.nameNormalized,
      name_key: keys.nameKey,
      sex: body.sex ?? before.sex,
      birth_year: pick('birthYear', before.birth_year) ?? null,
      organization_id: organizationId ?? null,
      designation: pick('designation', before.designation) ?? null,
      province: pick('province', before.province) ?? null,
      district: pick('district', before.district) ?? null,
      phone,
      phone_normalized: keys.phone,
      email,
      email_normalized: keys.email,
      country_code: countryCode,
      updated_at: nowIso(),
    };
    await repo.updatePersonRow(trx, id, changedColumns<repo.PersonRow>(before, changes, ['updated_at']));
    if (changes.sex !== before.sex || changes.organization_id !== before.organization_id) {
      await participations.refreshParticipationFacts(trx, { personId: id });
    }
    const after = await getPerson(trx, actor, id);
    await recordAudit(trx, { entityType: 'person', entityId: id, action: 'update', userId: actor.id, changes: diff(repo.presentPerson(before), after) });
    return after;
  });
}

export async function deletePerson(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getVisiblePerson(trx, actor, id);
    // Events in countries the actor does not work in are not counted aloud: they are someone else's records.
    const { visible, elsewhere } = await repo.countParticipationsOf(trx, id, actor.countries);
    if (elsewhere > 0) {
      throw conflict(
        visible > 0
          ? `This person took part in ${visible} events, and in events in other countries; merge them into another record instead of deleting`
          : 'This person took part in events in other countries; merge them into another record instead of deleting',
      );
    }
    if (visible > 0) throw conflict(`This person took part in ${visible} events; merge them into another record instead of deleting`);
    await repo.deletePersonRow(trx, id);
    await recordAudit(trx, { entityType: 'person', entityId: id, action: 'delete', userId: actor.id, changes: diff(repo.presentPerson(before), null) });
  });
}

/** A person's value of one field that a merge lets the user choose. */
function mergeValueOf(row: repo.PersonWithOrganization, field: MergeField): string | number | null {
  const columns: Record<MergeField, string | number | null> = {
    fullName: row.full_name,
    sex: row.sex,
    birthYear: row.birth_year,
    organizationId: row.organization_id,
    designation: row.designation,
    province: row.province,
    district: row.district,
    phone: row.phone,
    email: row.email,
    countryCode: row.country_code,
  };
  return columns[field];
}

/**
 * The values the merged record keeps: each chosen value must be one of the two records' (else 400
 * before anything is written); a field not chosen keeps the kept record's value, or the duplicate's
 * where the kept record has none (sex: where it is 'unknown').
 */
function mergedValues(keep: repo.PersonWithOrganization, duplicate: repo.PersonWithOrganization, chosen: MergeValues) {
  const problems = mergeFields.flatMap((field) => {
    const value = chosen[field];
    if (value === undefined || value === mergeValueOf(keep, field) || value === mergeValueOf(duplicate, field)) return [];
    return [{ path: `values.${field}`, message: 'Neither record has this value' }];
  });
  if (problems.length > 0) throw invalid('A merged record keeps values of the two records only', problems);
  const pick = <F extends MergeField>(field: F, fallback: string | number | null) => (chosen[field] !== undefined ? (chosen[field] ?? null) : fallback);
  const fill = (field: MergeField) => pick(field, mergeValueOf(keep, field) ?? mergeValueOf(duplicate, field));
  const fullName = String(pick('fullName', keep.full_name));
  const phone = fill('phone') as string | null;
  const email = fill('email') as string | null;
  const row: Partial<repo.PersonRow> = {
    full_name: fullName,
    name_normalized: normalizeText(fullName),
    name_key: personNameKey(fullName),
    sex: pick('sex', keep.sex === 'unknown' ? duplicate.sex : keep.sex) as repo.PersonRow['sex'],
    birth_year: fill('birthYear') as number | null,
    organization_id: fill('organizationId') as string | null,
    designation: fill('designation') as string | null,
    province: fill('province') as string | null,
    district: fill('district') as string | null,
    phone,
    phone_normalized: normalizePhone(phone),
    email,
    email_normalized: normalizeEmail(email),
    country_code: pick('countryCode', keep.country_code) as string | null,
  };
  return row;
}

/**
 * Joins a duplicate record into the one kept: every participation and attendance day moves over
 * (where both were at the same event, the two places become one), the kept record takes the chosen
 * values (blank fields filled from the duplicate otherwise), and the duplicate is removed. All or
 * nothing, audited in the same transaction.
 */
export async function mergePeople(db: Db, actor: Actor, keepId: string, duplicateId: string, chosen: MergeValues = {}) {
  if (keepId === duplicateId) throw invalid('A person cannot be merged with themselves', [{ path: 'duplicateId', message: 'Same person' }]);
  return db.transaction().execute(async (trx) => {
    const keep = await getVisiblePerson(trx, actor, keepId);
    const duplicate = await getVisiblePerson(trx, actor, duplicateId);
    const values = mergedValues(keep, duplicate, chosen);
    const keptPlaces = new Map((await participations.participationsOfPerson(trx, keepId)).map((p) => [p.event_id, p]));
    const duplicateAttendance = await participations.attendanceOfPerson(trx, duplicateId);
    const keptAttendance = new Set((await participations.attendanceOfPerson(trx, keepId)).map((a) => `${a.event_id}|${a.date}`));
    let moved = 0;
    let joined = 0;
    for (const place of await participations.participationsOfPerson(trx, duplicateId)) {
      const existing = keptPlaces.get(place.event_id);
      for (const day of duplicateAttendance.filter((a) => a.event_id === place.event_id)) {
        if (keptAttendance.has(`${day.event_id}|${day.date}`)) {
          if (toBoolean(day.present)) await participations.setAttendance(trx, { eventId: day.event_id, personId: keepId, date: day.date, present: true });
          await participations.deleteAttendanceRow(trx, day.event_id, duplicateId, day.date);
        } else {
          await participations.moveAttendanceRow(trx, day.event_id, duplicateId, keepId, day.date);
        }
      }
      if (existing) {
        await participations.updateParticipation(trx, existing.id, {
          attended_direct: toBoolean(existing.attended_direct) || toBoolean(place.attended_direct),
          updated_at: nowIso(),
        });
        // Graduations, test attempts, feedback and certificates of the duplicate's place stay with the person.
        await participations.movePlaceLinks(trx, place.id, existing.id);
        await participations.deleteParticipation(trx, place.event_id, duplicateId);
        joined += 1;
      } else {
        await participations.updateParticipation(trx, place.id, { person_id: keepId, updated_at: nowIso() });
        moved += 1;
      }
      await participations.recountAttendance(trx, place.event_id, keepId);
    }
    await repo.updatePersonRow(trx, keepId, { ...values, updated_at: nowIso() });
    await participations.refreshParticipationFacts(trx, { personId: keepId });
    await repo.deletePersonRow(trx, duplicateId);
    const after = await getPerson(trx, actor, keepId);
    const note = `Merged ${duplicate.full_name} (${duplicateId}): ${moved} participations moved, ${joined} joined`;
    await recordAudit(trx, { entityType: 'person', entityId: keepId, action: 'merge', userId: actor.id, changes: diff(repo.presentPerson(keep), after), note });
    await recordAudit(trx, {
      entityType: 'person',
      entityId: duplicateId,
      action: 'merge',
      userId: actor.id,
      changes: diff(repo.presentPerson(duplicate), null),
      note: `Merged into ${keep.full_name} (${keepId})`,
    });
    return { person: after, movedParticipations: moved, joinedParticipations: joined };
  });
}

export async function listPersonParticipations(db: Db, actor: Actor, id: string) {
  await getVisiblePerson(db, actor, id);
  return { items: await repo.listParticipationsOf(db, id, actor.countries, actor.id) };
}
