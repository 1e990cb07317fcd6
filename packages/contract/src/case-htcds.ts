// HTCDS v2.0 exchange of case files (issue 13): the Excel case sheet's columns and the pick-lists
// its cells take, without zod (the web app imports these as values). See docs/cases.md, "HTCDS exchange",
// for what follows the official template and what is inferred (../shared/reference/case_anchors.md §2).
import { decisionMakingOrgs, traffickingStatuses } from './case-vocabulary.js';
import { exploitationTypes, forcedLabourIndustries, methodsOfControl, perpetratorRoles, recruitmentMethods } from './case-work-vocabulary.js';
import { COUNTRY_CODES } from './countries.js';

/** HTCDS `cas_Status`. */
export const htcdsCaseStatuses = ['Active', 'FollowUp', 'Closed', 'ClosedReferred'] as const;
/** HTCDS `prs_Gender` (an expression of gender, not sex: see docs/cases.md). */
export const htcdsGenders = ['Feminine', 'Masculine', 'TransgenderFeminine', 'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown'] as const;
/** HTCDS `vic_TypeOfSexExploitation`. */
export const htcdsSexExploitationTypes = ['Prostitution', 'Pornography', 'RemoteInteractiveServices', 'PrivateSexualServices'] as const;
/** HTCDS reasons for an incoming or outgoing referral. */
export const htcdsReferralReasons = ['AdditionalServicesRequired', 'MigrationOrChangeOfLocation', 'Other'] as const;
/** HTCDS multi-select cells hold values separated by "; " (the template's VBA joins them so). */
export const HTCDS_SEPARATOR = '; ';

/** How a column's cells are read and written. */
export type HtcdsKind =
  | 'text'
  | 'date'
  | 'number'
  /** One value of `values`. */
  | 'pick'
  /** Values of `values`, joined by "; ". */
  | 'multi'
  /** Places "CC" or "CC:Province" (ISO 3166-1 alpha-2), joined by "; ". */
  | 'places';

export type HtcdsColumn = {
  /** Row 1: the machine name as the official template has it (typo and all); '' where it has none. */
  name: string;
  /** Row 2: the label as the template has it. */
  label: string;
  /** The JSON field name: the HTCDS field list's own name (which the template misspells or misplaces in places). */
  key: string;
  kind: HtcdsKind;
  values?: readonly string[];
  /** Holds what identifies the person: written only with `identity=include`. */
  identifying?: boolean;
  /** Not one of the template's 37 CORE columns: a column Hifazat adds after them. */
  extension?: boolean;
};

const countries = [...COUNTRY_CODES];

/**
 * The case sheet, column A first. A–AK are the 37 CORE fields of "HTCDS Excel Spreadsheet multi
 * select with validation v2.0.xlsm", sheet "Case Sheet", in the positions case_anchors §2.3 records
 * (N–R mailing fields misaligned, T misspelt, AJ without a machine name); the order of the others is
 * inferred (docs/cases.md). AL onwards are Hifazat's extensions for the care file and the case itself.
 */
export const htcdsColumns: readonly HtcdsColumn[] = [
  { name: 'cas_Status', label: 'Case Status', key: 'cas_Status', kind: 'pick', values: htcdsCaseStatuses },
  { name: 'cas_ReasonForCaseClosure', label: 'Reason for Case Closure', key: 'cas_ReasonForCaseClosure', kind: 'text' },
  { name: 'cas_CaseOwner', label: 'Case Owner', key: 'cas_CaseOwner', kind: 'text' },
  { name: 'prs_Salutation', label: 'Salutation', key: 'prs_Salutation', kind: 'text', identifying: true },
  { name: 'prs_FirstName', label: 'First Name', key: 'prs_FirstName', kind: 'text', identifying: true },
  { name: 'prs_SecondName', label: 'Second Name', key: 'prs_SecondName', kind: 'text', identifying: true },
  { name: 'prs_Birthdate', label: 'Birthdate', key: 'prs_Birthdate', kind: 'date', identifying: true },
  { name: 'prs_Gender', label: 'Gender', key: 'prs_Gender', kind: 'pick', values: htcdsGenders },
  { name: 'prs_Citizenship', label: 'Citizenship', key: 'prs_Citizenship', kind: 'multi', values: countries },
  { name: 'prs_Title', label: 'Title', key: 'prs_Title', kind: 'text', identifying: true },
  { name: 'prs_Email', label: 'Email', key: 'prs_Email', kind: 'text', identifying: true },
  { name: 'prs_HomePhone', label: 'Home Phone', key: 'prs_HomePhone', kind: 'text', identifying: true },
  { name: 'prs_MobilePhone', label: 'Mobile Phone', key: 'prs_MobilePhone', kind: 'text', identifying: true },
  // N–R: the template's machine names do not match their labels; a person fills in what the label says.
  { name: 'prs_MailingCity', label: 'Mailing Street', key: 'prs_MailingStreet', kind: 'text', identifying: true },
  { name: 'prs_MailingCountry', label: 'Mailing City', key: 'prs_MailingCity', kind: 'text', identifying: true },
  { name: 'prs_MailingState', label: 'Mailing State/Province', key: 'prs_MailingState', kind: 'text', identifying: true },
  { name: 'prs_MailingStreet', label: 'Mailing Zip/Postal Code', key: 'prs_MailingPostalCode', kind: 'text', identifying: true },
  { name: 'prs_MailingPostalCode', label: 'Mailing Country', key: 'prs_MailingCountry', kind: 'pick', values: countries, identifying: true },
  { name: 'vic_TraffickingStatus', label: 'Trafficking Status', key: 'vic_TraffickingStatus', kind: 'pick', values: traffickingStatuses },
  // T: the template's typo, kept (the importer accepts both spellings).
  {
    name: 'vic_TraffickinStatusDecisionMakingOrg',
    label: 'Trafficking Status Decision Making Organisation',
    key: 'vic_TraffickingStatusDecisionMakingOrg',
    kind: 'pick',
    values: decisionMakingOrgs,
  },
  { name: 'vic_MethodOfRecruitment', label: 'Method of Recruitment', key: 'vic_MethodOfRecruitment', kind: 'multi', values: recruitmentMethods },
  { name: 'vic_LocationOfRecruitment', label: 'Location of Recruitment', key: 'vic_LocationOfRecruitment', kind: 'places' },
  { name: 'vic_LocationOfExploitation', label: 'Location of Exploitation', key: 'vic_LocationOfExploitation', kind: 'places' },
  { name: 'vic_MethodsOfControl', label: 'Methods of Control', key: 'vic_MethodsOfControl', kind: 'multi', values: methodsOfControl },
  { name: 'vic_TypeOfExploitation', label: 'Type of Exploitation', key: 'vic_TypeOfExploitation', kind: 'multi', values: exploitationTypes },
  { name: 'vic_ForcedLabourIndustry', label: 'Forced Labour Industry', key: 'vic_ForcedLabourIndustry', kind: 'multi', values: forcedLabourIndustries },
  { name: 'vic_TypeOfSexExploitation', label: 'Type of Sex Exploitation', key: 'vic_TypeOfSexExploitation', kind: 'multi', values: htcdsSexExploitationTypes },
  { name: 'cas_ReferringOrganisation', label: 'Referring Organisation', key: 'cas_ReferringOrganisation', kind: 'text' },
  { name: 'cas_IncomingReferralDate', label: 'Incoming Referral Date', key: 'cas_IncomingReferralDate', kind: 'date' },
  { name: 'cas_ReferringPrimaryCaseWorker', label: 'Referring Primary Case Worker', key: 'cas_ReferringPrimaryCaseWorker', kind: 'text' },
  {
    name: 'cas_ReasonForIncomingReferral',
    label: 'Reason for Incoming Referral',
    key: 'cas_ReasonForIncomingReferral',
    kind: 'pick',
    values: htcdsReferralReasons,
  },
  { name: 'cas_IncomingReferralDetails', label: 'Incoming Referral Details', key: 'cas_IncomingReferralDetails', kind: 'text' },
  { name: 'cas_ReferredOrganisation', label: 'Referred Organisation', key: 'cas_ReferredOrganisation', kind: 'text' },
  { name: 'cas_OutgoingReferralDate', label: 'Outgoing Referral Date', key: 'cas_OutgoingReferralDate', kind: 'date' },
  { name: 'cas_ReferredPrimaryCaseWorker', label: 'Referred Primary Case Worker', key: 'cas_ReferredPrimaryCaseWorker', kind: 'text' },
  // AJ: the template names no field here; the field list's name is written so that the sheet reads back.
  {
    name: 'cas_ReasonForOutgoingReferral',
    label: 'Reason for Outgoing Referral',
    key: 'cas_ReasonForOutgoingReferral',
    kind: 'pick',
    values: htcdsReferralReasons,
  },
  { name: 'cas_OutgoingReferralDetails', label: 'Outgoing Referral Details', key: 'cas_OutgoingReferralDetails', kind: 'text' },
  // Hifazat's extensions (AL onwards).
  { name: 'hfz_CaseReference', label: 'Hifazat case reference', key: 'hfz_CaseReference', kind: 'text', extension: true },
  { name: 'hfz_CountryCode', label: 'Country of the case', key: 'hfz_CountryCode', kind: 'pick', values: countries, extension: true },
  { name: 'hfz_Province', label: 'Province of the case', key: 'hfz_Province', kind: 'text', extension: true },
  { name: 'hfz_IdentifiedOn', label: 'Identified on', key: 'hfz_IdentifiedOn', kind: 'date', extension: true },
  { name: 'vic_AgeWhenTrafficked', label: 'Age when trafficked (at identification)', key: 'vic_AgeWhenTrafficked', kind: 'number', extension: true },
  { name: 'per_RoleInProcess', label: 'Perpetrators: role in process', key: 'per_RoleInProcess', kind: 'multi', values: perpetratorRoles, extension: true },
  { name: 'hte_Transit', label: 'Places of transit', key: 'hte_Transit', kind: 'places', extension: true },
  { name: 'hte_RecruitmentDate', label: 'Date of recruitment', key: 'hte_RecruitmentDate', kind: 'date', extension: true },
  { name: 'hte_ExploitationStartDate', label: 'Exploitation started on', key: 'hte_ExploitationStartDate', kind: 'date', extension: true },
  { name: 'hte_ExploitationEndDate', label: 'Exploitation ended on', key: 'hte_ExploitationEndDate', kind: 'date', extension: true },
];

/** The 37 CORE columns of the official template (A–AK). */
export const HTCDS_CORE_COLUMNS = 37;

/** Other spellings an importer meets in row 1 (the template's typo, or the field list's name). */
export const htcdsAliases: Readonly<Record<string, string>> = {
  vic_TraffickingStatusDecisionMakingOrg: 'vic_TraffickinStatusDecisionMakingOrg',
};

/** Rows one import takes at most. */
export const MAX_HTCDS_IMPORT_ROWS = 2000;
/** Upload limit of the HTCDS import. */
export const MAX_HTCDS_IMPORT_BYTES = 5 * 1024 * 1024;
