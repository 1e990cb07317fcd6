// Case management by the SOPs (issue 13): the workflow's moves and the care file's pick-lists, without
// zod (the web app imports these as values; see vocabulary.ts on keeping zod out of first loads).
import type { CaseStatus } from './case-vocabulary.js';

/**
 * Who may make a move of the SOP workflow: `officer` (a data officer or a supervisor of the case's
 * agency) or `supervisor` only (approving the case plan, closing, reopening).
 */
export type TransitionAuthority = 'officer' | 'supervisor';

export type SopMove = {
  from: CaseStatus;
  to: CaseStatus;
  by: TransitionAuthority;
  /** A note is required (reopening, closing a case screened out). */
  noteRequired: boolean;
};

/**
 * The moves the SOP allows; any other answers 409. Forward in the SOP's order, with two skips the SOP
 * allows: no referral needed (assistance → case plan) and a person screened out (screening → closed,
 * by a supervisor, with a note). A follow-up that shows the plan must change goes back to case plan
 * (the revised plan is approved again). Reopening goes to follow-up or to immediate assistance.
 */
export const sopMoves: readonly SopMove[] = [
  { from: 'identification', to: 'screening', by: 'officer', noteRequired: false },
  { from: 'screening', to: 'assistance', by: 'officer', noteRequired: false },
  { from: 'screening', to: 'closed', by: 'supervisor', noteRequired: true },
  { from: 'assistance', to: 'referral', by: 'officer', noteRequired: false },
  { from: 'assistance', to: 'case_plan', by: 'officer', noteRequired: false },
  { from: 'referral', to: 'case_plan', by: 'officer', noteRequired: false },
  { from: 'case_plan', to: 'follow_up', by: 'supervisor', noteRequired: false },
  { from: 'follow_up', to: 'case_plan', by: 'officer', noteRequired: false },
  { from: 'follow_up', to: 'closed', by: 'supervisor', noteRequired: false },
  { from: 'closed', to: 'follow_up', by: 'supervisor', noteRequired: true },
  { from: 'closed', to: 'assistance', by: 'supervisor', noteRequired: true },
];

export const findSopMove = (from: string, to: string): SopMove | undefined => sopMoves.find((m) => m.from === from && m.to === to);

/** What a data officer asks a supervisor for: approving the case plan, or closing the case. */
export const approvalKinds = ['case_plan', 'closure'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];

/** The move each approval stands for. */
export const approvalMoves: Record<ApprovalKind, { from: CaseStatus[]; to: CaseStatus }> = {
  case_plan: { from: ['case_plan'], to: 'follow_up' },
  closure: { from: ['follow_up'], to: 'closed' },
};

export const approvalStatuses = ['pending', 'approved', 'declined'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

// ---- The care file: HTCDS v2.0 victim context (vic_) pick-lists. ----

/** HTCDS `vic_TypeOfExploitation`. */
export const exploitationTypes = [
  'ForcedLabour',
  'SexualExploitation',
  'ChildLabour',
  'ForcedMarriage',
  'Servitude',
  'ForcedMilitaryByNonStateActors',
  'OrganRemoval',
  'ForcedBegging',
  'ForcedAdoption',
  'Surrogacy',
  'Other',
] as const;

/** HTCDS `vic_ForcedLabourIndustry`: ISIC Rev.4 sections (brick kilns: C, agriculture: A, domestic work: T). */
export const forcedLabourIndustries = [
  'A_AgricultureForestryAndFishing',
  'B_MiningAndQuarrying',
  'C_Manufacturing',
  'D_ElectricityGasSteamAndAirConditioningSupply',
  'E_WaterSupplySewerageWasteManagementAndRemediationActivities',
  'F_Construction',
  'G_WholesaleAndRetailTradeRepairOfMotorVehiclesAndMotorcycles',
  'H_TransportationAndStorage',
  'I_AccommodationAndFoodServiceActivities',
  'J_InformationAndCommunication',
  'K_FinancialAndInsuranceActivities',
  'L_RealEstateActivities',
  'M_ProfessionalScientificAndTechnicalActivities',
  'N_AdministrativeAndSupportServiceActivities',
  'O_PublicAdministrationAndDefenceCompulsorySocialSecurity',
  'P_Education',
  'Q_HumanHealthAndSocialWorkActivities',
  'R_ArtsEntertainmentAndRecreation',
  'S_OtherServiceActivities',
  'T_ActivitiesOfHouseholdsAsEmployers',
  'U_ActivitiesOfExtraterritorialOrganizations',
] as const;

/** HTCDS `vic_MethodsOfControl` (the union of the .ods pick-list and Field Definitions.md). */
export const methodsOfControl = [
  'PhysicalThreats',
  'ThreatsLawEnforcement',
  'ThreatensChildrenFamily',
  'DebtBondage',
  'FalsePromises',
  'PhysicalAbuse',
  'SexualAbuse',
  'TakesEarnings',
  'RestrictsFinancialAccess',
  'RestrictsMedicalCare',
  'WithholdsNecessities',
  'PsychologicalAbuse',
  'PsychoactiveSubstance',
  'ExcessiveWorkingHours',
  'WithholdsDocuments',
  'RestrictsMovement',
  'UsesChildren',
  'Other',
] as const;

/** HTCDS `vic_MethodOfRecruitment`. */
export const recruitmentMethods = [
  'AtAPlaceOfBusiness',
  'AtAnEducationalInstitution',
  'AtWork',
  'ThroughOnlineSocialNetworks',
  'ThroughAnOnlineAdvertisement',
  'ThroughATelevisionAdvert',
  'ThroughANewspaperAdvert',
  'ThroughFamilyOrFamilyEvents',
  'ThroughFriendsOrSocialEvents',
  'Other',
] as const;

/** HTCDS historic trafficking events (`hte_Type`). */
export const traffickingPlaceKinds = ['Recruitment', 'Transit', 'Exploitation'] as const;

/** HTCDS `per_RoleInProcess`, narrowed to the roles the SOP records (the list). */
export const perpetratorRoles = ['RecruiterOrIntermediary', 'Transporter', 'Exploiter', 'Smuggler'] as const;

/** Services the person received (HTCDS `spl_Type` for the support plan, plus immediate assistance). */
export const careServiceTypes = [
  'Shelter',
  'Medical',
  'Psychosocial',
  'LegalAid',
  'Interpretation',
  'ReturnAndReintegration',
  'Livelihood',
  'ChildProtection',
  'Education',
  'Financial',
] as const;

// ---- The criminal-justice track (PTPA 2018 / PSMA 2018 and the other offences of case_anchors §5). ----

export const investigationStatuses = [
  'not_reported',
  'complaint_lodged',
  'fir_registered',
  'under_investigation',
  'challan_submitted',
  'closed_untraced',
  'closed_other',
] as const;
export const prosecutionStatuses = ['not_started', 'pending_trial', 'on_trial', 'decided', 'appeal'] as const;
export const verdicts = ['none', 'convicted', 'acquitted', 'compounded', 'dismissed'] as const;

/** The sections charges are brought under: the two 2018 Acts first, then the overlapping offences. */
export const chargeSections = [
  'PTPA-2018-s3',
  'PTPA-2018-s3(2)',
  'PTPA-2018-aggravated',
  'PSMA-2018-basic',
  'PSMA-2018-aggravated',
  'PPC-366A',
  'PPC-366B',
  'PPC-370',
  'PPC-371',
  'PPC-371A',
  'PPC-371B',
  'PPC-374',
  'BLSAA-1992',
  'EO-1979-s17',
  'EO-1979-s18',
  'Other',
] as const;

export const witnessProtectionNeeds = [
  'none',
  'identity_protection',
  'relocation',
  'police_protection',
  'in_camera_hearing',
  'psychosocial_support',
  'other',
] as const;
