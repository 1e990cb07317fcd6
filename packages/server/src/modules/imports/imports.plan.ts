/**
 * What an import will do, row by row, worked out from the file and a snapshot of the register
 * without touching the database: this runs in a worker thread (imports.worker.ts), so that checking
 * 90,000 rows does not hold up every other request. Nothing here may import database code.
 */
import {
  participantRoles,
  zPersonFields,
  type ImportCandidate,
  type ImportColumn,
  type ImportDuplicate,
  type ImportPlanRow,
  type ImportProblem,
  type ImportReport,
  type OrganizationType,
  type ParticipantRole,
  type Sex,
} from '@hifazat/contract';
import { newId } from '../../shared/ids.js';
import { lookupTable } from '../../shared/lookup-table.js';
import { normalizeText, personMatchKeys, type PersonMatchKeys } from '../../shared/normalize.js';
import type { ParsedFile, RawRow } from './imports.parse.js';

const SEX_WORDS = lookupTable<Sex>();
for (const [sex, words] of Object.entries({
  female: ['f', 'female', 'woman', 'w', 'fem', 'خاتون', 'عورت', 'مونث', 'مؤنث', 'خ'],
  male: ['m', 'male', 'man', 'مرد', 'مذکر', 'م'],
  other: ['other', 'x', 'دیگر', 'خواجہ سرا', 'transgender'],
  unknown: ['unknown', 'not recorded', 'u', 'نامعلوم'],
})) {
  for (const word of words) SEX_WORDS[normalizeText(word)] = sex as Sex;
}

const ROLE_WORDS = lookupTable<ParticipantRole>({ 'resource person': 'trainer', organiser: 'organizer', شریک: 'participant', ٹرینر: 'trainer' });
for (const role of participantRoles) ROLE_WORDS[role] = role;

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'present', 'p', 'ہاں', 'حاضر']);
const NO = new Set(['no', 'n', 'false', '0', 'absent', 'a', 'نہیں', 'غیر حاضر']);

export type CheckedRow = {
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
  /** null: the cell was blank, attendance not recorded. */
  attended: boolean | null;
  /** How the row is looked up in the register (rowKeys), worked out once: the keys, the plan, the write's check and the new person's row all use them. */
  keys: PersonMatchKeys;
};

/** A registered person as the import sees them: only people the user may see, or already on the event's list. */
export type RegisterPerson = {
  id: string;
  fullName: string;
  nameKey: string;
  organizationId: string | null;
  designation: string | null;
  sex: Sex;
  phone: string | null;
  email: string | null;
  phoneNormalized: string | null;
  emailNormalized: string | null;
  /** False for a person of another country who is on this event's list: matched, never shown or offered. */
  visible: boolean;
  listed: boolean;
  eventsAttended: number;
};

export type RegisterOrganization = {
  id: string;
  name: string;
  nameNormalized: string;
  acronymNormalized: string | null;
  countryCode: string | null;
  type: OrganizationType;
};

/**
 * The register as one import needs it: every organisation the user may see, and the registered
 * people who share a name key, phone or email with a row of the file (`registerKeys`), the only
 * people `planImport` can match. Reading only those keeps an import's cost independent of the
 * register's size (reading all 200,000 people and their attendance took 0.8 s of a 10 s import).
 */
export type ImportSnapshot = {
  eventCountry: string;
  people: RegisterPerson[];
  organizations: RegisterOrganization[];
  /** The change counter (migration 0023) when the snapshot was read: unmoved at the write, nothing in the register changed. */
  registerVersion: number;
};

/** What a file's rows can be matched on: the keys `planImport` looks registered people up by. */
export type RegisterKeys = { nameKeys: string[]; phones: string[]; emails: string[] };

/** A parsed file with each row checked: rows that passed, and every problem found (header ones first). */
export type CheckedFile = { file: ParsedFile; rows: CheckedRow[]; problems: ImportProblem[] };

/** Line number → a candidate's personId, or 'new'. */
export type RowChoices = Map<number, string>;

export type PlannedRow = {
  row: CheckedRow;
  existingId: string | null;
  organizationId: string | null;
  organizationType: OrganizationType | null;
};

export type ImportPlan = {
  report: ImportReport;
  /** Rows to write (create, link, listed), in file order; empty when any row has a problem. */
  rows: PlannedRow[];
  newOrganizations: Array<{ id: string; key: string; name: string }>;
  /** Every problem, including the rows still to be chosen for (a real import refuses them). */
  problems: ImportProblem[];
  /** The people of the snapshot, and its counter: what the write checks the register against. */
  registerIds: string[];
  registerVersion: number;
};

const fieldPaths: Partial<Record<string, ImportColumn>> = { fullName: 'full_name', birthYear: 'birth_year' };

function pushProblem(problems: ImportProblem[], line: number, column: ImportColumn, message: string): void {
  problems.push({ line, column, message });
}

/** One row's values checked the same way as the person form; problems name the line and column. */
function checkRow(row: RawRow, problems: ImportProblem[], normalizeCell: (text: string) => string): CheckedRow | null {
  const v = row.values;
  const before = problems.length;
  const sex = SEX_WORDS[normalizeCell(v.sex ?? '')] ?? (v.sex ? undefined : 'unknown');
  if (!sex) pushProblem(problems, row.line, 'sex', `"${v.sex}" is not a sex we know: write female, male, other or unknown`);
  const roleText = normalizeCell(v.role ?? '');
  const role = roleText === '' ? 'participant' : ROLE_WORDS[roleText];
  if (!role) pushProblem(problems, row.line, 'role', `"${v.role}" is not a role: write ${participantRoles.join(', ')}`);
  const attendedText = normalizeCell(v.attended ?? '');
  const attended = attendedText === '' ? null : YES.has(attendedText) ? true : NO.has(attendedText) ? false : undefined;
  if (attended === undefined) pushProblem(problems, row.line, 'attended', `"${v.attended}" is not yes or no`);
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
      pushProblem(problems, row.line, column, column === 'full_name' && !v.full_name ? 'The name is missing' : issue.message);
    }
  }
  const organizationName = v.organization?.trim() || null;
  if (organizationName && organizationName.length > 300) pushProblem(problems, row.line, 'organization', 'The organisation name is too long');
  if (problems.length > before || !checked.success || !sex || !role || attended === undefined) return null;
  const phone = checked.data.phone ?? null;
  const email = checked.data.email ?? null;
  return {
    line: row.line,
    fullName: checked.data.fullName,
    sex,
    organizationName,
    organizationKey: organizationName ? normalizeCell(organizationName) : null,
    designation: checked.data.designation ?? null,
    province: checked.data.province ?? null,
    district: checked.data.district ?? null,
    phone,
    email,
    birthYear: checked.data.birthYear ?? null,
    role,
    attended,
    keys: personMatchKeys({ fullName: checked.data.fullName, phone, email }),
  };
}

/** The last three digits: enough to tell two people apart on the phone, not enough to call them. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 3 ? '•••' : `${'•'.repeat(Math.min(digits.length - 3, 9))}${digits.slice(-3)}`;
}

/** The first letter and the domain: a@… at fia.gov.pk. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

/** normalizeText remembering its answers, for one file: its sex, role, attended and organisation cells repeat a few values thousands of times. */
function rememberingNormalizeText(): (text: string) => string {
  const known = new Map<string, string>();
  return (text) => {
    let normalized = known.get(text);
    if (normalized === undefined) {
      normalized = normalizeText(text);
      known.set(text, normalized);
    }
    return normalized;
  };
}

/** Checks every row of a parsed file; rows are not checked when the header itself has problems. */
export function checkImportFile(file: ParsedFile): CheckedFile {
  const problems: ImportProblem[] = [...file.headerProblems];
  const normalizeCell = rememberingNormalizeText();
  const rows = file.headerProblems.length > 0 ? [] : file.rows.map((row) => checkRow(row, problems, normalizeCell)).filter((r): r is CheckedRow => r !== null);
  return { file, rows, problems };
}

/** How a checked row is looked up in the register: its name key, phone and email as stored there. */
const rowKeys = (row: CheckedRow) => row.keys;

/** The distinct name keys, phones and emails of the file's checked rows (blank ones never match). */
export function registerKeys(checked: CheckedFile): RegisterKeys {
  return keysOfRows(checked.rows);
}

/** The distinct name keys, phones and emails of these rows. */
export function keysOfRows(rows: readonly CheckedRow[]): RegisterKeys {
  const nameKeys = new Set<string>();
  const phones = new Set<string>();
  const emails = new Set<string>();
  for (const row of rows) {
    const { nameKey, phone, email } = rowKeys(row);
    if (nameKey) nameKeys.add(nameKey);
    if (phone) phones.add(phone);
    if (email) emails.add(email);
  }
  return { nameKeys: [...nameKeys], phones: [...phones], emails: [...emails] };
}

type Reason = 'same_email' | 'same_phone' | 'same_name_same_organization' | 'same_name';
type Match = { person: RegisterPerson; reasons: Reason[]; strong: boolean };
/** A row's matches by person id. */
type Matches = Map<string, Match>;
const NO_MATCHES: readonly Match[] = [];

function addMatch(matches: Matches, p: RegisterPerson, reason: Reason, strong: boolean): void {
  const m = matches.get(p.id) ?? { person: p, reasons: [], strong: false };
  if (!m.reasons.includes(reason)) m.reasons.push(reason);
  m.strong ||= strong;
  matches.set(p.id, m);
}

/** Notes the line an email or phone is first seen on; a later row with it is one person twice in the file. */
function noteSeen(firstLines: Map<string, number>, column: 'email' | 'phone', key: string | null, line: number, problems: ImportProblem[]): void {
  if (!key) return;
  const firstLine = firstLines.get(key);
  if (firstLine !== undefined) problems.push({ line, column, message: `The same ${column} as line ${firstLine}: one person twice in the file` });
  else firstLines.set(key, line);
}

const designationKey = (designation: string | null) => normalizeText(designation ?? '');

/**
 * Plans the import: each row checked, matched against the register and given its action. A row is
 * linked by itself only on a strong match to exactly one person (the same email, the same phone,
 * or the same name, organisation and designation, a blank designation equal to a blank one); a row with any other
 * match waits for the person importing to choose (`choices`) one of its candidates or a new person.
 */
export function planImport(checkedFile: CheckedFile, snapshot: ImportSnapshot, choices: RowChoices, dryRun: boolean): ImportPlan {
  const { file, rows: checked } = checkedFile;
  const problems: ImportProblem[] = [...checkedFile.problems];

  const orgByKey = new Map<string, RegisterOrganization>();
  // Prefer an organisation of the event's country when two share a name or acronym.
  for (const o of snapshot.organizations) {
    for (const key of [o.nameNormalized, o.acronymNormalized]) {
      if (!key) continue;
      const current = orgByKey.get(key);
      if (!current || (current.countryCode !== snapshot.eventCountry && o.countryCode === snapshot.eventCountry)) orgByKey.set(key, o);
    }
  }
  const orgNames = new Map(snapshot.organizations.map((o) => [o.id, o.name]));
  const newOrganizations = new Map<string, { id: string; key: string; name: string }>();
  for (const row of checked) {
    if (row.organizationKey && !orgByKey.has(row.organizationKey) && !newOrganizations.has(row.organizationKey)) {
      newOrganizations.set(row.organizationKey, { id: newId(), key: row.organizationKey, name: row.organizationName ?? '' });
    }
  }

  const index = <K>(key: (p: RegisterPerson) => K | null) => {
    const map = new Map<K, RegisterPerson[]>();
    for (const p of snapshot.people) {
      const k = key(p);
      if (k === null || k === '') continue;
      const list = map.get(k);
      if (list) list.push(p);
      else map.set(k, [p]);
    }
    return map;
  };
  const byEmail = index((p) => p.emailNormalized);
  const byPhone = index((p) => p.phoneNormalized);
  const byName = index((p) => p.nameKey);

  const candidate = (p: RegisterPerson, reasons: Reason[]): ImportCandidate => ({
    personId: p.id,
    fullName: p.fullName,
    organizationName: p.organizationId ? (orgNames.get(p.organizationId) ?? null) : null,
    designation: p.designation,
    sex: p.sex,
    phone: maskPhone(p.phone),
    email: maskEmail(p.email),
    eventsAttended: p.eventsAttended,
    reasons,
  });

  const duplicates: ImportDuplicate[] = [];
  const firstLineOf = { email: new Map<string, number>(), phone: new Map<string, number>() };
  const chosenBy = new Map<string, number>();
  const planByLine = new Map<number, ImportPlanRow>();
  const planned: PlannedRow[] = [];
  const usedChoices = new Set<number>();
  for (const row of checked) {
    const organizationId = row.organizationKey ? (orgByKey.get(row.organizationKey)?.id ?? newOrganizations.get(row.organizationKey)?.id ?? null) : null;
    const organizationType = row.organizationKey ? (orgByKey.get(row.organizationKey)?.type ?? 'other') : null;
    const { nameKey, phone, email } = rowKeys(row);
    noteSeen(firstLineOf.email, 'email', email, row.line, problems);
    noteSeen(firstLineOf.phone, 'phone', phone, row.line, problems);

    // Why each registered person may be this row (the same reasons as the person form's duplicate check).
    const matches: Matches = new Map();
    if (email) for (const p of byEmail.get(email) ?? []) addMatch(matches, p, 'same_email', true);
    if (phone) for (const p of byPhone.get(phone) ?? []) addMatch(matches, p, 'same_phone', true);
    for (const p of byName.get(nameKey) ?? []) {
      if (organizationId && organizationId === p.organizationId) {
        addMatch(matches, p, 'same_name_same_organization', designationKey(row.designation) === designationKey(p.designation));
      } else if (!organizationId || !p.organizationId) {
        // The same name alone is only a hint, even with no organisation on either side: a row that
        // names none may be any namesake. Except for somebody already on this event's list (the
        // same sheet imported twice must not list a person twice).
        addMatch(
          matches,
          p,
          'same_name',
          p.listed && !organizationId && !p.organizationId && designationKey(row.designation) === designationKey(p.designation),
        );
      }
    }
    // Namesakes in the order they were registered (ids are time-ordered): the same order however the
    // register was read. A row that matches nobody (most of a sheet of new people) makes no lists.
    const all =
      matches.size === 0
        ? NO_MATCHES
        : [...matches.values()].sort(
            (a, b) =>
              Number(b.strong) - Number(a.strong) ||
              a.person.fullName.localeCompare(b.person.fullName) ||
              (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0),
          );
    const shown = all.length === 0 ? NO_MATCHES : all.filter((m) => m.person.visible);
    if (shown.length > 0) {
      duplicates.push({
        line: row.line,
        fullName: row.fullName,
        candidates: shown
          .slice(0, 5)
          .map((m) => ({ personId: m.person.id, fullName: m.person.fullName, organizationName: candidate(m.person, []).organizationName, reasons: m.reasons })),
      });
    }
    const strong = all.length === 0 ? NO_MATCHES : all.filter((m) => m.strong);

    let action: ImportPlanRow['action'];
    let existing: RegisterPerson | null = null;
    const choice = choices.get(row.line);
    if (choice !== undefined) {
      usedChoices.add(row.line);
      if (choice === 'new') {
        action = 'create';
      } else {
        existing = shown.find((m) => m.person.id === choice)?.person ?? null;
        if (!existing) {
          problems.push({ line: row.line, column: 'choice', message: 'The person chosen for this row is not one of its candidates' });
          action = 'error';
        } else {
          const earlier = chosenBy.get(existing.id);
          if (earlier !== undefined)
            problems.push({ line: row.line, column: 'choice', message: `The same person as line ${earlier}: one person chosen twice` });
          chosenBy.set(existing.id, row.line);
          action = existing.listed ? 'listed' : 'link';
        }
      }
    } else if (strong.length === 1 && strong[0]) {
      existing = strong[0].person;
      action = existing.listed ? 'listed' : 'link';
    } else if (shown.length > 0) {
      action = 'choose';
      if (!dryRun)
        problems.push({ line: row.line, column: 'choice', message: 'Choose who this row is: one of the registered people it matches, or a new person' });
    } else {
      action = 'create';
    }

    const planRow: ImportPlanRow = { line: row.line, fullName: row.fullName, action };
    // Someone of another country already on the list is matched (not listed twice) but neither
    // named nor identified: their id is left out, as the participant list leaves it out.
    if (existing?.visible) {
      planRow.personId = existing.id;
      planRow.candidates = [candidate(existing, matches.get(existing.id)?.reasons ?? [])];
    } else if (action === 'choose') {
      planRow.candidates = shown.slice(0, 10).map((m) => candidate(m.person, m.reasons));
    }
    planByLine.set(row.line, planRow);
    if (action !== 'choose' && action !== 'error') planned.push({ row, existingId: existing?.id ?? null, organizationId, organizationType });
  }
  for (const line of choices.keys()) {
    if (!usedChoices.has(line)) problems.push({ line, column: 'choice', message: 'A choice was sent for a line that is not a valid row of this file' });
  }

  problems.sort((a, b) => a.line - b.line);
  const rowsWithProblems = new Set(problems.map((p) => p.line));
  const plan: ImportPlanRow[] = file.rows.map((raw) => {
    const row = planByLine.get(raw.line);
    // A row still to be chosen for keeps its candidates on show, whatever else it is refused for.
    if (!row || (rowsWithProblems.has(raw.line) && row.action !== 'choose'))
      return { line: raw.line, fullName: row?.fullName ?? raw.values.full_name ?? '', action: 'error' };
    return row;
  });
  const count = (action: ImportPlanRow['action']) => plan.filter((p) => p.action === action).length;
  const report: ImportReport = {
    dryRun,
    rows: file.rows.length,
    valid: file.headerProblems.length > 0 ? 0 : file.rows.length - file.rows.filter((r) => rowsWithProblems.has(r.line)).length,
    errors: problems,
    duplicates,
    newOrganizations: [...newOrganizations.values()].map((o) => o.name),
    createdPeople: count('create'),
    linkedPeople: count('link') + count('listed'),
    alreadyListed: count('listed'),
    addedParticipants: count('create') + count('link'),
    toChoose: count('choose'),
    plan,
  };
  return {
    report,
    rows: problems.length > 0 ? [] : planned,
    newOrganizations: [...newOrganizations.values()],
    problems,
    registerIds: snapshot.people.map((p) => p.id),
    registerVersion: snapshot.registerVersion,
  };
}
