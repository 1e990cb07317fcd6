/**
 * HTCDS v2.0 mapping (issue 13): a case file (the case, its decision, the care file's plain context)
 * to HTCDS field names, and a row of the HTCDS case sheet back to what createCase and putCareFile take.
 * Pure functions: reading and writing, sealing and auditing are the service's.
 */
import {
  COUNTRY_CODES,
  HTCDS_SEPARATOR,
  htcdsColumns,
  type CareFileBody,
  type CreateCaseBody,
  type HtcdsCase,
  type HtcdsColumn,
  type Sex,
  type TraffickingDecision,
} from '@hifazat/contract';
import { fromJson } from '../../db/dialect.js';
import type { SealedIdentity } from './cases.service.js';
import type { CaseListRow } from './cases.repository.js';
import { lookupTable } from '../../shared/lookup-table.js';

/** The care file's plain part, as case-work.care.ts keeps it. */
export type CareContext = {
  exploitationTypes?: string[];
  forcedLabourIndustries?: string[];
  methodsOfControl?: string[];
  recruitmentMethods?: string[];
  places?: Array<{ kind: string; countryCode: string; province?: string | null }>;
  recruitedOn?: string | null;
  exploitationStartedOn?: string | null;
  exploitationEndedOn?: string | null;
  perpetratorRoles?: string[];
};

export type HtcdsSource = {
  row: CaseListRow;
  /** Opened only for `identity=include`; null: pseudonymised. */
  identity: SealedIdentity | null;
  care: unknown;
  owner: string | null;
  /** The latest referral not withdrawn (the service and its organisation; never the sealed reason). */
  referral?: { referredAt: string; serviceName: string; serviceType: string; organizationName: string | null; status: string } | null;
};

const GENDER_OF_SEX: Record<Sex, string> = { female: 'Feminine', male: 'Masculine', other: 'NonConforming', unknown: 'NonSpecifiedUnknown' };
const SEX_OF_GENDER = lookupTable<Sex>({
  Feminine: 'female',
  Masculine: 'male',
  TransgenderFeminine: 'other',
  TransgenderMasculine: 'other',
  NonConforming: 'other',
  NonSpecifiedUnknown: 'unknown',
});

/** HTCDS cas_Status of a case's SOP status. */
function caseStatusOf(status: string): string {
  if (status === 'closed') return 'Closed';
  if (status === 'follow_up') return 'FollowUp';
  return 'Active';
}

const placeText = (p: { countryCode: string; province?: string | null }) => (p.province ? `${p.countryCode}:${p.province}` : p.countryCode);

/** One case in HTCDS field names: every column's key (null when empty; multi-selects as arrays), and its historic events. */
export function toHtcds({ row, identity, care, owner, referral = null }: HtcdsSource): HtcdsCase {
  const context = fromJson<CareContext>(care, {});
  const places = context.places ?? [];
  const placesOf = (kind: string) => places.filter((p) => p.kind === kind).map(placeText);
  const [firstName, ...rest] = (identity?.fullName ?? '').trim().split(/\s+/);
  const values: Record<string, string | number | string[] | null> = {
    cas_Status: caseStatusOf(row.status),
    cas_CaseOwner: owner,
    prs_FirstName: identity ? firstName || null : null,
    prs_SecondName: identity && rest.length > 0 ? rest.join(' ') : null,
    prs_Birthdate: identity?.birthDate ?? null,
    prs_Gender: GENDER_OF_SEX[row.victim_sex as Sex] ?? 'NonSpecifiedUnknown',
    prs_Citizenship: row.victim_citizenship ? [row.victim_citizenship] : [],
    prs_MobilePhone: identity?.phone ?? null,
    // The address is one text in Hifazat: it goes whole where the street goes.
    prs_MailingStreet: identity?.address ?? null,
    vic_TraffickingStatus: row.trafficking_status,
    vic_TraffickingStatusDecisionMakingOrg: row.decision_making_org,
    vic_MethodOfRecruitment: context.recruitmentMethods ?? [],
    vic_LocationOfRecruitment: placesOf('Recruitment'),
    vic_LocationOfExploitation: placesOf('Exploitation'),
    vic_MethodsOfControl: context.methodsOfControl ?? [],
    vic_TypeOfExploitation: context.exploitationTypes ?? [],
    vic_ForcedLabourIndustry: context.forcedLabourIndustries ?? [],
    vic_TypeOfSexExploitation: [],
    // Hifazat refers to services for what the person needs; the reason itself is sealed and never exported.
    cas_ReferredOrganisation: referral ? (referral.organizationName ?? referral.serviceName) : null,
    cas_OutgoingReferralDate: referral ? referral.referredAt.slice(0, 10) : null,
    cas_ReasonForOutgoingReferral: referral ? 'AdditionalServicesRequired' : null,
    cas_OutgoingReferralDetails: referral ? `${referral.serviceName} (${referral.serviceType}), ${referral.status}` : null,
    hfz_CaseReference: row.reference,
    hfz_CountryCode: row.country_code,
    hfz_Province: row.province,
    hfz_IdentifiedOn: row.identified_on,
    vic_AgeWhenTrafficked: row.victim_age_at_identification,
    per_RoleInProcess: context.perpetratorRoles ?? [],
    hte_Transit: placesOf('Transit'),
    hte_RecruitmentDate: context.recruitedOn ?? null,
    hte_ExploitationStartDate: context.exploitationStartedOn ?? null,
    hte_ExploitationEndDate: context.exploitationEndedOn ?? null,
  };
  const out: HtcdsCase = {};
  for (const column of htcdsColumns) out[column.key] = values[column.key] ?? (column.kind === 'multi' || column.kind === 'places' ? [] : null);
  // HTCDS Historic Trafficking Events: one a place, dated where the care file dates it.
  out.hte_Events = places.map((p) => ({
    hte_Type: p.kind,
    hte_Country: p.countryCode,
    hte_State: p.province ?? null,
    hte_Date: p.kind === 'Recruitment' ? (context.recruitedOn ?? null) : p.kind === 'Exploitation' ? (context.exploitationStartedOn ?? null) : null,
  }));
  return out;
}

/** A cell's text as the sheet writes it: multi-selects and places joined by "; ". */
export function cellTextOf(column: HtcdsColumn, value: HtcdsCase[string] | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : (value as string[]).join(HTCDS_SEPARATOR);
  return column.kind === 'number' && typeof value === 'number' ? value : String(value);
}

export type ImportProblem = { line: number; column: string; message: string };

/** What one sheet row becomes: the case to open, the decision recorded, the care file, and what has no place here. */
export type ImportedRow = {
  line: number;
  body: CreateCaseBody;
  decision: TraffickingDecision | null;
  care: CareFileBody | null;
  notKept: string[];
};

/** Columns whose values Hifazat keeps nowhere (yet): reported, never stored. */
const NOT_KEPT = new Set([
  'cas_ReasonForCaseClosure',
  'cas_CaseOwner',
  'prs_Salutation',
  'prs_Title',
  'prs_Email',
  'prs_HomePhone',
  'vic_TypeOfSexExploitation',
  'cas_ReferringOrganisation',
  'cas_IncomingReferralDate',
  'cas_ReferringPrimaryCaseWorker',
  'cas_ReasonForIncomingReferral',
  'cas_IncomingReferralDetails',
  'cas_ReferredOrganisation',
  'cas_OutgoingReferralDate',
  'cas_ReferredPrimaryCaseWorker',
  'cas_ReasonForOutgoingReferral',
  'cas_OutgoingReferralDetails',
  'hfz_CaseReference',
]);

/** Perpetrators named only by their role in the sheet (HTCDS keeps their names elsewhere): the care file needs a name. */
export const UNNAMED_PERPETRATOR = 'Not named (HTCDS import)';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** No date of a case (nor a birth of anyone it could concern) before this: an 1800s date is a typing slip that would skew the statistics. */
const EARLIEST_DAY = '1900-01-01';

/**
 * Checks a row's cells (text by column key) against their columns and maps them; every problem names
 * the column as "T vic_TraffickinStatusDecisionMakingOrg" (its letter and the template's name).
 */
export function fromHtcdsRow(
  line: number,
  cells: ReadonlyMap<string, string>,
  where: (key: string) => string,
  defaultCountry: string | null,
): { row: ImportedRow | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (key: string, message: string) => problems.push({ line, column: where(key), message });
  const parsed = new Map<string, string | string[] | number>();
  for (const column of htcdsColumns) {
    const text = (cells.get(column.key) ?? '').trim();
    if (text === '') continue;
    const values = column.values;
    const canonical = (value: string) => values?.find((v) => v.toLowerCase() === value.toLowerCase());
    switch (column.kind) {
      case 'pick': {
        const value = canonical(text);
        if (value === undefined) problem(column.key, `"${text.slice(0, 60)}" is not in the HTCDS pick-list`);
        else parsed.set(column.key, value);
        break;
      }
      case 'multi': {
        const items = text
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = items.filter((item) => canonical(item) === undefined);
        if (bad.length > 0) problem(column.key, `"${bad[0]?.slice(0, 60)}" is not in the HTCDS pick-list`);
        else parsed.set(column.key, [...new Set(items.map((item) => canonical(item) as string))]);
        break;
      }
      case 'places': {
        const items = text
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = items.find((item) => !COUNTRY_CODES.has((item.split(':')[0] ?? '').trim().toUpperCase()) || item.length > 104);
        if (bad) problem(column.key, `"${bad.slice(0, 60)}" is not a place as CC or CC:Province (ISO 3166-1 alpha-2)`);
        else parsed.set(column.key, items);
        break;
      }
      case 'date':
        // Not echoed: a date here may be the person's birth date (the answer goes through proxies and browser caches).
        if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(text))) problem(column.key, 'Not a date (YYYY-MM-DD)');
        else if (text < EARLIEST_DAY) problem(column.key, `Before ${EARLIEST_DAY}`);
        else parsed.set(column.key, text);
        break;
      case 'number': {
        const n = Number(text);
        if (!Number.isInteger(n) || n < 0 || n > 120) problem(column.key, 'Not an age in years (0 to 120)');
        else parsed.set(column.key, n);
        break;
      }
      default:
        if (text.length > 500) problem(column.key, 'Longer than 500 characters');
        else parsed.set(column.key, text);
    }
  }
  const text = (key: string) => {
    const value = parsed.get(key);
    return typeof value === 'string' ? value : null;
  };
  const list = (key: string) => {
    const value = parsed.get(key);
    return Array.isArray(value) ? value : [];
  };
  const fullName = [text('prs_FirstName'), text('prs_SecondName')].filter(Boolean).join(' ');
  if (!fullName && !problems.some((p) => p.column === where('prs_FirstName'))) problem('prs_FirstName', 'A case needs the person’s name');
  const status = text('vic_TraffickingStatus');
  const decidedBy = text('vic_TraffickingStatusDecisionMakingOrg');
  if (status && !decidedBy) problem('vic_TraffickingStatusDecisionMakingOrg', 'Who decided the trafficking status is needed with it');
  if (decidedBy && !status) problem('vic_TraffickingStatus', 'The trafficking status is needed with who decided it');
  const countryCode = text('hfz_CountryCode') ?? defaultCountry;
  if (!countryCode) problem('hfz_CountryCode', 'Name the country of the case (you work in more than one)');
  const started = text('hte_ExploitationStartDate');
  const ended = text('hte_ExploitationEndDate');
  const recruited = text('hte_RecruitmentDate');
  if (started && ended && ended < started) problem('hte_ExploitationEndDate', 'The exploitation ended before it started');
  if (recruited && started && started < recruited) problem('hte_ExploitationStartDate', 'The exploitation started before the recruitment');
  if (problems.length > 0 || !countryCode) return { row: null, problems };

  const citizenship = list('prs_Citizenship');
  const birthDate = text('prs_Birthdate');
  const age = parsed.get('vic_AgeWhenTrafficked');
  const address = ['prs_MailingStreet', 'prs_MailingCity', 'prs_MailingState', 'prs_MailingPostalCode', 'prs_MailingCountry']
    .map(text)
    .filter(Boolean)
    .join(', ');
  const body: CreateCaseBody = {
    countryCode,
    ...(text('hfz_Province') ? { province: text('hfz_Province') } : {}),
    ...(text('hfz_IdentifiedOn') ? { identifiedOn: text('hfz_IdentifiedOn') as string } : {}),
    victim: {
      fullName,
      sex: SEX_OF_GENDER[text('prs_Gender') ?? ''] ?? 'unknown',
      ...(birthDate ? { birthDate } : typeof age === 'number' ? { estimatedAge: age } : {}),
      ...(citizenship[0] ? { citizenship: citizenship[0] } : {}),
      ...(text('prs_MobilePhone') ? { phone: text('prs_MobilePhone') } : {}),
      ...(address ? { address } : {}),
    },
  };
  const placesOf = (key: string, kind: 'Recruitment' | 'Transit' | 'Exploitation') =>
    list(key).map((item) => {
      const [code = '', ...province] = item.split(':');
      return { kind, countryCode: code.trim().toUpperCase(), province: province.join(':').trim() || null };
    });
  const care: CareFileBody = {
    exploitationTypes: list('vic_TypeOfExploitation') as CareFileBody['exploitationTypes'],
    forcedLabourIndustries: list('vic_ForcedLabourIndustry') as CareFileBody['forcedLabourIndustries'],
    methodsOfControl: list('vic_MethodsOfControl') as CareFileBody['methodsOfControl'],
    recruitmentMethods: list('vic_MethodOfRecruitment') as CareFileBody['recruitmentMethods'],
    places: [
      ...placesOf('vic_LocationOfRecruitment', 'Recruitment'),
      ...placesOf('hte_Transit', 'Transit'),
      ...placesOf('vic_LocationOfExploitation', 'Exploitation'),
    ],
    recruitedOn: recruited,
    exploitationStartedOn: started,
    exploitationEndedOn: ended,
    perpetrators: list('per_RoleInProcess').map((role) => ({ name: UNNAMED_PERPETRATOR, role: role as 'Exploiter' })),
  };
  const hasCare =
    (care.places?.length ?? 0) > 0 ||
    (care.perpetrators?.length ?? 0) > 0 ||
    [care.exploitationTypes, care.forcedLabourIndustries, care.methodsOfControl, care.recruitmentMethods].some((l) => (l?.length ?? 0) > 0) ||
    !!recruited ||
    !!started ||
    !!ended;
  const notKept = htcdsColumns
    .filter((c) => parsed.has(c.key) && (NOT_KEPT.has(c.key) || (c.key === 'cas_Status' && parsed.get(c.key) !== 'Active')))
    .map((c) => c.key);
  if (citizenship.length > 1) notKept.push('prs_Citizenship');
  return {
    row: {
      line,
      body,
      decision: status && decidedBy ? ({ traffickingStatus: status, decisionMakingOrg: decidedBy } as TraffickingDecision) : null,
      care: hasCare ? care : null,
      notKept,
    },
    problems,
  };
}
