import type { ImportReport, ParticipantRole } from '@hifazat/contract';
import { readChangeCounter } from '../../db/change-counter.js';
import type { Db } from '../../db/database.js';
import { AppError, conflict } from '../../http/errors.js';
import { seesCountry, type Actor } from '../../http/permissions.js';
import { nowIso, newId } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { canonicalFieldChange, canonicalObjectText, recordAudit, recordAuditMany } from '../audit/index.js';
import { getEditableEventRow, participationRow } from '../events/index.js';
import * as participations from '../participations/index.js';
import * as organizations from '../organizations/index.js';
import * as people from '../people/index.js';
import { personRowFrom } from '../people/index.js';
import type { ParsedFile } from './imports.parse.js';
import {
  checkImportFile,
  keysOfRows,
  planImport,
  registerKeys,
  type ImportPlan,
  type ImportSnapshot,
  type RegisterKeys,
  type RowChoices,
} from './imports.plan.js';
import * as repo from './imports.repository.js';

async function visibleOrganizationKeys(db: Db, actor: Actor) {
  return (await organizations.listAllOrganizationKeys(db)).filter((o) => o.country_code === null || seesCountry(actor, o.country_code));
}

/**
 * The register as this user's import of a file with these keys may use it: organisations the actor
 * may see (international ones have no country), so that a restricted user's import never links
 * people to an agency of another country; the people sharing a key with the file whom the actor
 * may see, or who are already on this event's list.
 */
export async function readImportSnapshot(db: Db, actor: Actor, eventId: string, keys: RegisterKeys): Promise<ImportSnapshot> {
  // One transaction: one state of the register on SQLite. On PostgreSQL (READ COMMITTED) each read
  // may see later commits; the counter is read first, so the write checks again anything committed
  // after it.
  return db.transaction().execute(async (trx) => {
    const registerVersion = await readChangeCounter(trx);
    const event = await getEditableEventRow(trx, actor, eventId);
    const allOrganizations = await visibleOrganizationKeys(trx, actor);
    const listed = await participations.personIdsAtEvent(trx, eventId);
    const register = (await repo.registerPeopleMatching(trx, keys)).filter((p) => seesCountry(actor, p.country_code) || listed.has(p.id));
    const attended = await repo.attendedEventCounts(
      trx,
      register.map((p) => p.id),
      actor.countries,
    );
    return {
      registerVersion,
      eventCountry: event.country_code,
      organizations: allOrganizations.map((o) => ({
        id: o.id,
        name: o.name,
        nameNormalized: o.name_normalized,
        acronymNormalized: o.acronym_normalized,
        countryCode: o.country_code,
        type: o.type,
      })),
      people: register.map((p) => ({
        id: p.id,
        fullName: p.full_name,
        nameKey: p.name_key,
        organizationId: p.organization_id,
        designation: p.designation,
        sex: p.sex as ImportSnapshot['people'][number]['sex'],
        phone: p.phone,
        email: p.email,
        phoneNormalized: p.phone_normalized,
        emailNormalized: p.email_normalized,
        visible: seesCountry(actor, p.country_code),
        listed: listed.has(p.id),
        eventsAttended: attended.get(p.id) ?? 0,
      })),
    };
  });
}

export function refuseProblems(plan: ImportPlan): void {
  if (plan.problems.length === 0) return;
  throw new AppError('import_invalid', `${new Set(plan.problems.map((p) => p.line)).size} rows have problems; nothing was imported`, plan.problems);
}

/**
 * The plan's rows in the order they are written: rows of registered people first, in file order
 * (which of two rows for one person puts them on the list depends on it); then the rows that create
 * a person, by normalised name. Those are independent of one another, and written in name order
 * with ids made in that order, every index the new people and their places go into (names, ids,
 * report numbers, the facts) is written page after page instead of all over.
 */
function inWriteOrder(rows: ImportPlan['rows']): ImportPlan['rows'] {
  const creating = rows.filter((r) => !r.existingId).map((r) => ({ key: r.row.keys.nameNormalized, r }));
  creating.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [...rows.filter((r) => r.existingId), ...creating.map((c) => c.r)];
}

const registerChanged = () => conflict('The register changed while the file was being checked; check the file again');

type LinkedPeople = Map<string, { name: string; countryCode: string | null }>;

/**
 * Whether the register still is what the plan was made from, as far as the plan relies on it: the
 * people it links still exist and are the user's to link (of their countries, or on this event's
 * list), and nobody the user may see who shares a name, phone or email with a row to be created was
 * added since (another import of the same sheet, say). That last read is skipped when the change
 * counter has not moved since the snapshot: then nothing in the register changed.
 */
async function assertRegisterUnchanged(trx: Db, actor: Actor, plan: ImportPlan, listed: ReadonlySet<string>, linked: LinkedPeople): Promise<void> {
  const mayUse = (id: string, countryCode: string | null) => seesCountry(actor, countryCode) || listed.has(id);
  for (const row of plan.rows) {
    if (!row.existingId) continue;
    const person = linked.get(row.existingId);
    if (!person || !mayUse(row.existingId, person.countryCode)) throw registerChanged();
  }
  if ((await readChangeCounter(trx)) === plan.registerVersion) return;
  const known = new Set(plan.registerIds);
  const created = plan.rows.flatMap((r) => (r.existingId ? [] : [r.row]));
  const sharingKeys = await repo.registerPeopleMatching(trx, keysOfRows(created));
  if (sharingKeys.some((p) => mayUse(p.id, p.country_code) && !known.has(p.id))) throw registerChanged();
}

/**
 * Writes a plan (made from a snapshot, maybe in a worker): new organisations and people created,
 * registered people linked, all in one transaction. What the plan relied on is checked again first,
 * one import at a time.
 */
export async function writeImportPlan(db: Db, actor: Actor, eventId: string, plan: ImportPlan): Promise<ImportReport> {
  refuseProblems(plan);
  return db.transaction().execute(async (trx) => {
    const event = await getEditableEventRow(trx, actor, eventId);
    await repo.takeImportTurn(trx);
    const listed = await participations.personIdsAtEvent(trx, eventId);
    const linkedIds = [...new Set(plan.rows.flatMap((r) => (r.existingId ? [r.existingId] : [])))];
    const linked = await repo.existingPeople(trx, linkedIds);
    await assertRegisterUnchanged(trx, actor, plan, listed, linked);
    if (plan.newOrganizations.length > 0) {
      const keys = new Set((await visibleOrganizationKeys(trx, actor)).flatMap((o) => [o.name_normalized, o.acronym_normalized ?? '']));
      if (plan.newOrganizations.some((o) => keys.has(o.key))) throw registerChanged();
    }
    const report: ImportReport = { ...plan.report, createdPeople: 0, linkedPeople: 0, alreadyListed: 0, addedParticipants: 0 };

    const now = nowIso();
    for (const o of plan.newOrganizations) {
      await organizations.insertOrganization(trx, {
        id: o.id,
        name: o.name,
        name_normalized: normalizeText(o.name),
        acronym: null,
        acronym_normalized: null,
        type: 'other',
        country_code: event.country_code,
        province: null,
        created_at: now,
        updated_at: now,
      });
    }
    const newPeople: people.PersonRow[] = [];
    const places: participations.ParticipationRow[] = [];
    // Who was put on the list, for the event's one import entry: the batch is one entry.
    const added: Array<{ id: string; name: string; role: ParticipantRole }> = [];
    for (const { row, existingId, organizationId, organizationType } of inWriteOrder(plan.rows)) {
      let personId = existingId;
      if (!personId) {
        const person = personRowFrom(
          {
            fullName: row.fullName,
            sex: row.sex,
            organizationId,
            designation: row.designation,
            province: row.province,
            district: row.district,
            phone: row.phone,
            email: row.email,
            birthYear: row.birthYear,
          },
          { id: newId(), now, countryCode: event.country_code },
          row.keys,
        );
        newPeople.push(person);
        personId = person.id;
        report.createdPeople += 1;
      } else {
        report.linkedPeople += 1;
      }
      if (listed.has(personId)) {
        report.alreadyListed += 1;
        continue;
      }
      listed.add(personId);
      // A blank attended cell is "not recorded": it counts as not attended until someone records it
      // (directly or on the day register). A sheet of who was invited must not count as who came.
      places.push(participationRow(event, { id: personId, sex: row.sex, organizationType }, row.role, row.attended ?? false, now));
      added.push({ id: personId, name: linked.get(personId)?.name ?? row.fullName, role: row.role });
      report.addedParticipants += 1;
    }
    await people.insertPeople(trx, newPeople);
    await participations.insertParticipations(trx, places);
    // Linked people keep their own recorded sex and organisation: copy those facts from the register.
    await participations.refreshParticipationFacts(trx, { personIds: linkedIds });
    await recordAuditMany(
      trx,
      newPeople.map((p) => ({
        entityType: 'person',
        entityId: p.id,
        action: 'import',
        userId: actor.id,
        changes: canonicalFieldChange('fullName', null, p.full_name),
        note: `Imported into event ${eventId}`,
      })),
    );
    // The entry's text written from the list in key order ('participant:…' sorts before 'participants'),
    // without a 50,000-key object first.
    added.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const eventChanges: Array<readonly [string, unknown]> = added.map((a) => [`participant:${a.id}`, { from: null, to: { name: a.name, role: a.role } }]);
    eventChanges.push(['participants', { from: null, to: report.addedParticipants }]);
    await recordAudit(trx, {
      entityType: 'event',
      entityId: eventId,
      action: 'import',
      userId: actor.id,
      changes: canonicalObjectText(eventChanges),
      note: `${report.rows} rows: ${report.createdPeople} new people, ${report.linkedPeople} already registered, ${report.alreadyListed} already on the list, ${plan.newOrganizations.length} new organisations`,
    });
    return report;
  });
}

/**
 * Checks a participant list against the event and the register, and (unless a dry run) writes it.
 * In-process; the route runs the checking in a worker thread (imports.runner.ts) and calls the
 * same two halves. Any invalid row, or a row still to be chosen for, stops a real import with 422
 * and nothing written.
 */
export async function importParticipants(
  db: Db,
  actor: Actor,
  eventId: string,
  file: ParsedFile,
  dryRun: boolean,
  choices: RowChoices = new Map(),
): Promise<ImportReport> {
  const checked = checkImportFile(file);
  const snapshot = await readImportSnapshot(db, actor, eventId, registerKeys(checked));
  const plan = planImport(checked, snapshot, choices, dryRun);
  if (dryRun) return plan.report;
  return writeImportPlan(db, actor, eventId, plan);
}
