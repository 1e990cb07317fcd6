import i18n, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

export const LANGUAGES = ['en', 'ur'] as const;
export type AppLanguage = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'hifazat.lang';

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

/** Sets <html lang dir> for the language. */
export function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export async function changeLanguage(language: AppLanguage): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // not persisted; still switch
  }
  applyDocumentLanguage(language);
  await i18n.changeLanguage(language);
}

const initial = storedLanguage();
applyDocumentLanguage(initial);

// English is in the first load (and the fallback); Urdu is a chunk of its own, fetched when it is the
// language chosen, so that a reader of one language does not download the other's strings.
const strings: BackendModule = {
  type: 'backend',
  init: () => {},
  read: (language: string, namespace: string, done: ReadCallback) => {
    // Other namespaces ('take', 'assessments') come with the pages that use them (features/assessments/strings.ts).
    if (namespace !== 'translation') return done(null, {});
    if (language !== 'ur') return done(null, en);
    import('./ur.json').then(
      (module) => done(null, module.default),
      (error: Error) => done(error, false),
    );
  },
};

void i18n
  .use(strings)
  .use(initReactI18next)
  .init({
    // English is ready at once; Urdu suspends the first render (react-i18next) until its strings arrive.
    initAsync: false,
    lng: initial,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });

export default i18n;
