import { useMemo } from 'react';
import { COUNTRY_CODES, type User } from '@hifazat/contract';
import { useFormat } from './format';
import type { Option } from './options';

/** Country options named in the current language, sorted by name. */
export function useCountryOptions(): Option[] {
  const f = useFormat();
  return useMemo(() => {
    const collator = new Intl.Collator(f.locale);
    return [...COUNTRY_CODES].map((code) => ({ value: code, label: `${f.country(code)} (${code})` })).sort((a, b) => collator.compare(a.label, b.label));
  }, [f]);
}

/** The form value of a record shared by every country (its `countryCode` is null). */
export const EVERY_COUNTRY = '*';

/**
 * The country of a record of a shared bank (a question, a questionnaire template): users of every
 * country may share it with all, users of several countries choose one, users of one get theirs
 * without being asked (`choose` false; the form's value '' leaves it to the server).
 */
export function useSharedRecordCountry(user: User | null, everyCountryLabel: string) {
  const countries = useCountryOptions();
  const choose = user !== null && (user.countries === null || user.countries.length > 1);
  const options: Option[] =
    user?.countries === null ? [{ value: EVERY_COUNTRY, label: everyCountryLabel }, ...countries] : countries.filter((c) => user?.countries?.includes(c.value));
  const initial = !choose ? '' : user?.countries === null ? EVERY_COUNTRY : (user?.countries?.[0] ?? '');
  return { choose, options, initial };
}

/** A stored record's country as the form's value. */
export const countryFormValue = (countryCode: string | null): string => countryCode ?? EVERY_COUNTRY;

/** The form's value as the request's `countryCode`: left out ('', the server's default), null (every country) or a code. */
export function countryCodeBody(value: string): { countryCode?: string | null } {
  return value === '' ? {} : { countryCode: value === EVERY_COUNTRY ? null : value };
}
