// The web app's strings in English and Urdu. A small translator of our own instead of i18next and
// react-i18next: the app uses keys, `{{name}}` values and a language switch, nothing more, and the two
// libraries were 17.6 kB (gzip) of the sign-in page's 120 kB budget on a slow link (issue 9).
import { useSyncExternalStore } from 'react';
import en from './en.json';

export const LANGUAGES = ['en', 'ur'] as const;
export type AppLanguage = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'hifazat.lang';

/**
 * Values put into a string at its `{{name}}` places; `defaultValue` is said when the key has no
 * string in either language (a code the strings do not know yet).
 */
export type TranslationValues = { defaultValue?: string } & Record<string, string | number | bigint | null | undefined>;
/** A string by its key ('nav.events'), in the reader's language, English where Urdu has none. */
export type Translate = (key: string, values?: TranslationValues) => string;

type Strings = { [key: string]: string | Strings };

function storedLanguage(): AppLanguage {
  try {
    const value = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (value === 'ur' || value === 'en') return value;
  } catch {
    // storage may be blocked; fall through to English
  }
  return 'en';
}

export function directionOf(language: string): 'rtl' | 'ltr' {
  return language === 'ur' ? 'rtl' : 'ltr';
}

/** Sets <html lang dir> for the language (in a browser; the module also loads in Node for unit tests). */
export function applyDocumentLanguage(language: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

function lookup(strings: Strings | undefined, key: string): string | undefined {
  let value: string | Strings | undefined = strings;
  for (const part of key.split('.')) {
    if (value === undefined || typeof value === 'string') return undefined;
    value = value[part];
  }
  return typeof value === 'string' ? value : undefined;
}

// English is in the first load (and the fallback); Urdu is a chunk of its own, fetched when it is the
// language chosen, so that a reader of one language does not download the other's strings.
const strings: Partial<Record<AppLanguage, Strings>> = { en: en as Strings };
let urduLoading: Promise<void> | undefined;

function load(language: AppLanguage): Promise<void> | undefined {
  if (strings[language]) return undefined;
  urduLoading ??= import('./ur.json').then(
    (module) => {
      strings.ur = module.default as Strings;
    },
    (error: unknown) => {
      urduLoading = undefined;
      throw error;
    },
  );
  return urduLoading;
}

/**
 * Strings of a part of the app that brings its own ('take:…', 'assessments:…' keys), in both languages,
 * so that they weigh only on the chunks that use them.
 */
const namespaces = new Map<string, Partial<Record<AppLanguage, Strings>>>();
export function addStrings(namespace: string, byLanguage: Partial<Record<AppLanguage, object>>): void {
  namespaces.set(namespace, { ...namespaces.get(namespace), ...(byLanguage as Partial<Record<AppLanguage, Strings>>) });
}

function find(language: AppLanguage, key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon < 0) return lookup(strings[language], key);
  const namespace = namespaces.get(key.slice(0, colon));
  return lookup(namespace?.[language], key.slice(colon + 1));
}

function translatorFor(language: AppLanguage): Translate {
  return (key, values) => {
    const template = find(language, key) ?? find('en', key) ?? values?.defaultValue ?? key;
    if (!values) return template;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (place, name: string) => {
      const value = values[name];
      return value === undefined || value === null ? place : String(value);
    });
  };
}

// One translator per language, so that a component's `t` changes with the language (hooks that
// depend on it run again).
const translators: Record<AppLanguage, Translate> = { en: translatorFor('en'), ur: translatorFor('ur') };

let current: AppLanguage = storedLanguage();
applyDocumentLanguage(current);
const listeners = new Set<() => void>();

/** The reader's language and a translator for code outside components (messages, exports). */
export const i18n = {
  get language(): AppLanguage {
    return current;
  },
  t: ((key, values) => translators[current](key, values)) as Translate,
  changeLanguage,
};

/** Switches the app's language once its strings are here; remembered on this device. */
export async function changeLanguage(language: AppLanguage): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // not persisted; still switch
  }
  await load(language);
  applyDocumentLanguage(language);
  current = language;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The translator for the reader's language; the component draws again when the language changes.
 * While Urdu's strings are on their way (a reload in Urdu) it suspends, as react-i18next did.
 */
export function useTranslation(): { t: Translate; i18n: typeof i18n } {
  const language = useSyncExternalStore(subscribe, () => current);
  const pending = load(language);
  if (pending) throw pending;
  return { t: translators[language], i18n };
}
