import { participantRoles, zPersonFields, type ImportColumn, type ImportDuplicate, type ImportProblem, type ImportReport, type ParticipantRole, type Sex } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import { seesCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeEmail, normalizePhone, normalizeText, personNameKey } from '../../shared/normalize.js';
import { recordAudit, recordAuditMany } from '../audit/audit.repository.js';
import { getEditableEventRow, participationRow } from '../events/events.service.js';
import * as participations from '../events/participations.repository.js';
import * as organizations from '../organizations/organizations.repository.js';
import * as people from '../people/people.repository.js';
import { matchReasons, personRowFrom } from '../people/people.service.js';
import type { ParsedFile, RawRow } from './imports.parse.js';

const SEX_WORDS: Record<string, Sex> = {};
for (const [sex, words] of Object.entries({
  female: ['f', 'female', 'woman', 'w', 'fem', 'خاتون', 'عورت', 'مونث', 'مؤنث', 'خ'],
  male: ['m', 'male', 'man', 'مرد', 'مذکر', 'م'],
  other: ['other', 'x', 'دیگر', 'خواجہ سرا', 'transgender'],
  unknown: ['unknown', 'not recorded', 'u', 'نامعلوم'],
})) {
  for (const word of words) SEX_WORDS[normalizeText(word)] = sex as Sex;
}

const ROLE_WORDS: Record<string, ParticipantRole> = { 'resource person': 'trainer', organiser: 'organizer', 'شریک': 'participant', 'ٹرینر': 'trainer' };
for (const role of participantRoles) ROLE_WORDS[role] = role;

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'present', 'p', 'ہاں', 'حاضر']);
const NO = new Set(['no', 'n', 'false', '0', 'absent', 'a', 'نہیں', 'غیر حاضر']);

type CheckedRow = {
  line: number;
  fullName: string;
  sex: Sex;
  organizationName: string | null;
  organizationKey: string | null;
  designation: string | null;
  province: string | null;
  district: string | null;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  role: ParticipantRole;
  attended: boolean | null;
};

const fieldPaths: Partial<Record<string, ImportColumn>> = { fullName: 'full_name', birthYear: 'birth_year' };

/** One row's values checked the same way as the person form; problems name the line and column. */
function checkRow(row: RawRow, problems: ImportProblem[]): CheckedRow | null {
  const v = row.values;
  const before = problems.length;
  const problem = (column: ImportColumn, message: string) => problems.push({ line: row.line, column, message });
  const sex = SEX_WORDS[normalizeText(v.sex ?? '')] ?? (v.sex ? undefined : 'unknown');
  if (!sex) problem('sex', `"${v.sex}" is not a sex we know: write female, male, other or unknown`);
  const roleText = normalizeText(v.role ?? '');
  const role = roleText === '' ? 'participant' : ROLE_WORDS[roleText];
  if (!role) problem('role', `"${v.role}" is not a role: write ${participantRoles.join(', ')}`);
  const attendedText = normalizeText(v.attended ?? '');
  const attended = attendedText === '' ? null : YES.has(attendedText) ? true : NO.has(attendedText) ? false : undefined;
  if (attended === undefined) problem('attended', `"${v.attended}" is not yes or no`);
  const birthYear = v.birth_year ? Number(v.birth_year) : null;
  const checked = zPersonFields.safeParse({
    fullName: v.full_name ?? '',
    sex: sex ?? 'unknown',
    designation: v.designation,
    province: v.province,
    district: v.district,
    phone: v.phone,
    email: v.email,
    birthYear: birthYear !== null && Number.isNaN(birthYear) ? -1 : birthYear,
  });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0] ?? '');
      const column = fieldPaths[field] ?? (field as ImportColumn);
      problem(column, column === 'full_name' && !v.full_name ? 'The name is missing' : issue.message);
    }
  }
  const organizationName = v.organization?.trim() || null;
  if (organizationName && organizationName.length > 300) problem('organization', 'The organisation name is too long');
  if (problems.length > before || !checked.success || !sex || !role || attended === undefined) return null;
  return {
    line: row.line,
    fullName: checked.data.fullName,
    sex,
    organizationName,
    organizationKey: organizationName ? normalizeText(organizationName) : null,
    designation: checked.data.designation ?? null,
    province: checked.data.province ?? null,
    district: checked.data.district ?? null,
    phone: checked.data.phone ?? null,
    email: checked.data.email ?? null,
    birthYear: checked.data.birthYear ?? null,
    role,
    attended,
  };
}

const STRONG_REASONS = new Set(['same_email', 'same_phone', 'same_name_same_organization']);

/**
 * Checks a participant list against the event and the register, and (unless a dry run) writes it:
 * new organisations and people are created, people already registered are linked, all in one
 * transaction. Any invalid row stops a real import with 422 and nothing written.
 */
export async function importParticipants(db: Db, actor: Actor, eventId: string, file: ParsedFile, dryRun: boolean): Promise<ImportReport> {
  const problems: ImportProblem[] = [...file.headerProblems];
  const checked = file.headerProblems.length > 0 ? [] : file.rows.map((row) => checkRow(row, problems)).filter((r): r is CheckedRow => r !== null);

  const run = async (trx: Db): Promise<ImportReport> => {
    const event = await getEditableEventRow(trx, actor, eventId);
    // Organisations the actor may see (international ones have no country): a restricted user's
    // import must not link people to an agency of another country.
    const allOrganizations = (await organizations.listAllOrganizationKeys(trx)).filter((o) => o.country_code === null || seesCountry(actor, o.country_code));
    const orgByKey = new Map<string, (typeof allOrganizations)[number]>();
    // Prefer an organisation of the event's country when two share a name or acronym.
    for (const o of allOrganizations) {
      for (const key of [o.name_normalized, o.acronym_normalized]) {
        if (!key) continue;
        const current = orgByKey.get(key);
        if (!current || (current.country_code !== event.country_code && o.country_code === event.country_code)) orgByKey.set(key, o);
      }
    }
    const newOrganizations = new Map<string, { id: string; name: string }>();
    for (const row of checked) {
      if (row.organizationKey && !orgByKey.has(row.organizationKey) && !newOrganizations.has(row.organizationKey)) {
        newOrganizations.set(row.organizationKey, { id: newId(), name: row.organizationName ?? '' });
      }
    }
    const organizationIdOf = (row: CheckedRow) =>
      row.organizationKey ? (orgByKey.get(row.organizationKey)?.id ?? newOrganizations.get(row.organizationKey)?.id ?? null) : null;
    const organizationTypeOf = (row: CheckedRow) => (row.organizationKey ? (orgByKey.get(row.organizationKey)?.type ?? 'other') : null);

    // Index the register once instead of querying per row.
    const listed = await participations.personIdsAtEvent(trx, eventId);
    // Only people the user may see (or already on this event's list): a match shows their name and links them here.
    const register = (await people.listPersonMatchKeys(trx)).filter((p) => seesCountry(actor, p.country_code) || listed.has(p.id));
    const byEmail = new Map<string, (typeof register)[number]>();
    const byPhone = new Map<string, (typeof register)[number]>();
    const byName = new Map<string, Array<(typeof register)[number]>>();
    for (const p of register) {
      if (p.email_normalized) byEmail.set(p.email_normalized, p);
      if (p.phone_normalized) byPhone.set(p.phone_normalized, p);
      const list = byName.get(p.name_key) ?? [];
      list.push(p);
      byName.set(p.name_key, list);
    }
    const orgNames = new Map(allOrganizations.map((o) => [o.id, o.name]));

    const duplicates: ImportDuplicate[] = [];
    const seenInFile = new Map<string, number>();
    const plan: Array<{ row: CheckedRow; existingId: string | null }> = [];
    for (const row of checked) {
      const keys = { nameKey: personNameKey(row.fullName), organizationId: organizationIdOf(row), phone: normalizePhone(row.phone), email: normalizeEmail(row.email) };
      for (const [label, key] of [['email', keys.email], ['phone', keys.phone]] as const) {
        if (!key) continue;
        const firstLine = seenInFile.get(`${label}:${key}`);
        if (firstLine !== undefined) problems.push({ line: row.line, column: label, message: `The same ${label} as line ${firstLine}: one person twice in the file` });
        else seenInFile.set(`${label}:${key}`, row.line);
      }
      const candidates = new Map<string, (typeof register)[number]>();
      for (const c of [keys.email ? byEmail.get(keys.email) : undefined, keys.phone ? byPhone.get(keys.phone) : undefined, ...(byName.get(keys.nameKey) ?? [])]) {
        if (c) candidates.set(c.id, c);
      }
      const matches = [...candidates.values()]
        .map((c) => ({ person: c, reasons: matchReasons(keys, c) }))
        .filter((m) => m.reasons.length > 0);
      if (matches.length > 0) {
        duplicates.push({
          line: row.line,
          fullName: row.fullName,
          candidates: matches.slice(0, 5).map((m) => ({
            personId: m.person.id,
            fullName: m.person.full_name,
            organizationName: m.person.organization_id ? (orgNames.get(m.person.organization_id) ?? null) : null,
            reasons: m.reasons,
          })),
        });
      }
      // A name alone is a weak hint, except for somebody already on this event's list: importing
      // the same sheet twice must not list a person twice.
      const strong = matches.find((m) => m.reasons.some((r) => STRONG_REASONS.has(r))) ?? matches.find((m) => listed.has(m.person.id));
      plan.push({ row, existingId: strong?.person.id ?? null });
    }

    const report: ImportReport = {
      dryRun,
      rows: file.rows.length,
      valid: file.rows.length - new Set(problems.map((p) => p.line)).size,
      errors: problems.sort((a, b) => a.line - b.line),
      duplicates,
      newOrganizations: [...newOrganizations.values()].map((o) => o.name),
      createdPeople: 0,
      linkedPeople: 0,
      alreadyListed: 0,
      addedParticipants: 0,
    };
    if (file.headerProblems.length > 0) report.valid = 0;
    if (dryRun) {
      report.createdPeople = plan.filter((p) => p.existingId === null).length;
      report.linkedPeople = plan.length - report.createdPeople;
      report.alreadyListed = plan.filter((p) => p.existingId && listed.has(p.existingId)).length;
      report.addedParticipants = plan.length - report.alreadyListed;
      return report;
    }
    if (problems.length > 0) {
      throw new AppError('import_invalid', `${new Set(problems.map((p) => p.line)).size} rows have problems; nothing was imported`, problems);
    }

    const now = nowIso();
    for (const o of newOrganizations.values()) {
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
    const heldEvent = event.status === 'held';
    for (const { row, existingId } of plan) {
      let personId = existingId;
      if (!personId) {
        const person = personRowFrom(
          { fullName: row.fullName, sex: row.sex, organizationId: organizationIdOf(row), designation: row.designation, province: row.province, district: row.district, phone: row.phone, email: row.email, birthYear: row.birthYear },
          { id: newId(), now, countryCode: event.country_code },
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
      // A list imported into a held event is a list of who came, unless a column says otherwise.
      places.push(participationRow(event, { id: personId, sex: row.sex, organizationType: organizationTypeOf(row) }, row.role, row.attended ?? heldEvent, now));
      report.addedParticipants += 1;
    }
    await people.insertPeople(trx, newPeople);
    await participations.insertParticipations(trx, places);
    // Linked people keep their own recorded sex and organisation: copy those facts from the register.
    await participations.refreshParticipationFacts(trx, { personIds: plan.filter((p) => p.existingId).map((p) => p.existingId as string) });
    await recordAuditMany(
      trx,
      newPeople.map((p) => ({ entityType: 'person', entityId: p.id, action: 'import', userId: actor.id, changes: { fullName: { from: null, to: p.full_name } }, note: `Imported into event ${eventId}` })),
    );
    await recordAudit(trx, {
      entityType: 'event',
      entityId: eventId,
      action: 'import',
      userId: actor.id,
      changes: { participants: { from: null, to: report.addedParticipants } },
      note: `${report.rows} rows: ${report.createdPeople} new people, ${report.linkedPeople} already registered, ${report.alreadyListed} already on the list, ${newOrganizations.size} new organisations`,
    });
    return report;
  };

  // A dry run reads inside a transaction too, so that it sees one consistent register.
  return db.transaction().execute(run);
}
