import {
  identifyingAgencyTypes,
  identityDocumentKinds,
  sexes,
  type CaseDetail,
  type CreateCaseBody,
  type IdentifyingAgencyType,
  type IdentityDocumentKind,
  type Sex,
  type UpdateCaseBody,
} from '@hifazat/contract';
import type { Translate } from '../../i18n';
import { isApiError } from '../../lib/api';
import { asEnum } from '../../lib/options';

// The case form's values and how they become the API's bodies; kept apart from the page so that the
// rules (which field is sent how, where a server error belongs) are tested without drawing anything.

export type IdentityDocumentRow = { kind: IdentityDocumentKind; number: string };

export type CaseFormValues = {
  countryCode: string;
  province: string;
  district: string;
  /** YYYY-MM-DD. */
  identifiedOn: string;
  identificationPlace: string;
  identifiedByAgencyType: IdentifyingAgencyType | '';
  fullName: string;
  otherScriptName: string;
  /** One a line. */
  aliases: string;
  /** '' until chosen: a person's sex is never assumed. */
  sex: Sex | '';
  birthDate: string;
  /** Digits, used when the date of birth is not known. */
  estimatedAge: string;
  citizenship: string;
  phone: string;
  identityDocuments: IdentityDocumentRow[];
  /** Separated by commas (or new lines). */
  languages: string;
  address: string;
  narrative: string;
};

export function emptyCaseForm(countryCode: string, province: string, today: string): CaseFormValues {
  return {
    countryCode,
    province,
    district: '',
    identifiedOn: today,
    identificationPlace: '',
    identifiedByAgencyType: '',
    fullName: '',
    otherScriptName: '',
    aliases: '',
    sex: '',
    birthDate: '',
    estimatedAge: '',
    citizenship: '',
    phone: '',
    identityDocuments: [{ kind: 'cnic', number: '' }],
    languages: '',
    address: '',
    narrative: '',
  };
}

/** The form filled with a case as it is (to correct it). */
export function caseFormOf(record: CaseDetail): CaseFormValues {
  const victim = record.victim;
  return {
    countryCode: record.countryCode,
    province: record.province ?? '',
    district: record.district ?? '',
    identifiedOn: record.identifiedOn,
    identificationPlace: record.identificationPlace ?? '',
    identifiedByAgencyType: record.identifiedByAgencyType ?? '',
    fullName: victim?.fullName ?? '',
    otherScriptName: victim?.otherScriptName ?? '',
    aliases: (victim?.aliases ?? []).join('\n'),
    sex: victim?.sex ?? record.sex,
    birthDate: victim?.birthDate ?? '',
    estimatedAge: victim?.estimatedAge === null || victim?.estimatedAge === undefined ? '' : String(victim.estimatedAge),
    citizenship: victim?.citizenship ?? '',
    phone: victim?.phone ?? '',
    identityDocuments: victim && victim.identityNumbers.length > 0 ? victim.identityNumbers.map((d) => ({ ...d })) : [{ kind: 'cnic', number: '' }],
    languages: (victim?.languages ?? []).join(', '),
    address: victim?.address ?? '',
    narrative: record.narrative ?? '',
  };
}

const lines = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');

/** The person's part of either body: empty fields sent as null, so that a correction can clear them. */
function victimOf(values: CaseFormValues) {
  const age = values.estimatedAge.trim() === '' ? null : Number(values.estimatedAge);
  return {
    fullName: values.fullName.trim(),
    otherScriptName: values.otherScriptName,
    aliases: lines(values.aliases, /\n/),
    // Never '' here: the form's rules refuse to submit until a sex is chosen.
    sex: values.sex === '' ? ('unknown' as const) : values.sex,
    birthDate: values.birthDate || null,
    // The estimate counts only without a date of birth (the server would prefer the date anyway).
    estimatedAge: values.birthDate || age === null || !Number.isInteger(age) ? null : age,
    citizenship: values.citizenship || null,
    phone: values.phone,
    identityNumbers: values.identityDocuments.filter((d) => d.number.trim() !== '').map((d) => ({ kind: d.kind, number: d.number.trim() })),
    languages: lines(values.languages, /[,،\n]/),
    address: values.address,
  };
}

export function createCaseBody(values: CaseFormValues): CreateCaseBody {
  return {
    countryCode: values.countryCode,
    province: values.province,
    district: values.district,
    identifiedOn: values.identifiedOn || undefined,
    identificationPlace: values.identificationPlace,
    identifiedByAgencyType: values.identifiedByAgencyType || undefined,
    narrative: values.narrative,
    victim: victimOf(values),
  };
}

/**
 * A correction: only what differs from the case as it was, so that the history names the fields that
 * really changed (the server records every field it is sent a new value for).
 */
export function updateCaseBody(values: CaseFormValues, before: CaseFormValues): UpdateCaseBody {
  const next = {
    province: values.province,
    district: values.district,
    identifiedOn: values.identifiedOn || before.identifiedOn,
    identificationPlace: values.identificationPlace,
    identifiedByAgencyType: values.identifiedByAgencyType || null,
    narrative: values.narrative,
  };
  const was = {
    province: before.province,
    district: before.district,
    identifiedOn: before.identifiedOn,
    identificationPlace: before.identificationPlace,
    identifiedByAgencyType: before.identifiedByAgencyType || null,
    narrative: before.narrative,
  };
  const body: UpdateCaseBody = changed(next, was);
  const victim = changed(victimOf(values), victimOf(before));
  if (Object.keys(victim).length > 0) body.victim = victim;
  return body;
}

/** The entries of `next` whose value differs from `before`'s. */
function changed<T extends Record<string, unknown>>(next: T, before: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) result[key] = next[key];
  }
  return result;
}

/** What the form checks before sending (the server checks the rest and answers at the fields). */
export function caseFormRules(values: CaseFormValues, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.fullName.trim() === '') errors.fullName = t('validation.required');
  if (values.sex === '') errors.sex = t('validation.required');
  if (values.countryCode === '') errors.countryCode = t('validation.required');
  const age = values.estimatedAge.trim();
  if (age !== '' && !values.birthDate && (!/^\d+$/.test(age) || Number(age) > 120)) errors.estimatedAge = t('validation.max', { max: 120 });
  return errors;
}

/** The form's field for a path of the API's body ('victim.identityNumbers.0.number' → 'identityDocuments.0.number'). */
export function formFieldOf(path: string): string | null {
  const parts = path.split('.');
  if (parts[0] === 'victim') {
    const [, field, ...rest] = parts;
    if (!field) return 'fullName';
    if (field === 'identityNumbers' || field === 'identityNumber') return rest[0] !== undefined ? `identityDocuments.${rest.join('.')}` : 'identityDocuments';
    // An alias or a language is one field of the form, whichever item is wrong.
    return field;
  }
  const field = parts[0] ?? '';
  // The account's agency is not a field of the form: the alert above it says so.
  return field === '' || field === 'organizationId' || field === 'body' ? null : field;
}

/**
 * The field errors of a refused case (400 validation, 422 rule: a province outside the officer's area),
 * keyed by the form's fields; what belongs to no field stays in the alert above the form.
 */
export function caseFieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error) || (error.status !== 400 && error.status !== 422)) return result;
  for (const detail of error.details) {
    const field = detail.path ? formFieldOf(detail.path) : null;
    if (field && !(field in result)) result[field] = detail.message;
  }
  return result;
}

/** Typed values from a select's text. */
export const agencyTypeOf = (value: string | null): IdentifyingAgencyType | '' => asEnum(identifyingAgencyTypes, value) ?? '';
export const sexOf = (value: string | null): Sex | '' => asEnum(sexes, value) ?? '';
export const documentKindOf = (value: string | null): IdentityDocumentKind => asEnum(identityDocumentKinds, value) ?? 'other';
