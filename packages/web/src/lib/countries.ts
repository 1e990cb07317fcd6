import { useMemo } from 'react';
import { COUNTRY_CODES } from '@hifazat/contract';
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
