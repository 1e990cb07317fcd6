import type { Translate } from '../i18n';

export type Option = { value: string; label: string };

/** Select options for a contract enum, labelled by the translation under `prefix.value`. */
export function enumOptions(t: Translate, prefix: string, values: readonly string[]): Option[] {
  return values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
}

/** Adds the current value to suggestions when it is not among them (free text in an Autocomplete). */
export function uniqueSorted(values: Iterable<string | null | undefined>): string[] {
  const set = new Set<string>();
  for (const v of values) if (v) set.add(v);
  return [...set].sort((a, b) => a.localeCompare(b));
}

/** The value when it belongs to the enum, else null (narrows a Select's string). */
export function asEnum<T extends string>(values: readonly T[], value: string | null | undefined): T | null {
  return values.find((v) => v === value) ?? null;
}

/** A province's name in the reader's language (Pakistan's, from the contract's list); any other as written. */
export function provinceLabel(t: Translate, province: string | null | undefined): string | null {
  if (!province) return null;
  return t(`province.${province}`, { defaultValue: province });
}
