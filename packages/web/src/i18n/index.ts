import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ur from './ur.json';

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

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ur: { translation: ur } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
