import { useMemo } from 'react';
import { useTranslation } from '../i18n';

export type Language = 'en' | 'ur';

export function localeOf(language: string): string {
  return language === 'ur' ? 'ur-PK' : 'en-GB';
}

export function currentLanguage(language: string | undefined): Language {
  return language === 'ur' ? 'ur' : 'en';
}

/** Parses YYYY-MM-DD as a UTC date (no time-zone drift). */
export function parseIsoDate(value: string): Date {
  return new Date(`${value.slice(0, 10)}T00:00:00Z`);
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function createFormatters(language: string) {
  const locale = localeOf(language);
  const numberFormat = new Intl.NumberFormat(locale);
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const shortDateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const weekdayFormat = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  // Urdu reads times on the 24-hour clock: ICU's Urdu data writes the English "AM"/"PM" otherwise.
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(language === 'ur' ? { hourCycle: 'h23' as const } : {}),
  });
  let regionNames: Intl.DisplayNames | null = null;
  try {
    regionNames = new Intl.DisplayNames([locale], { type: 'region' });
  } catch {
    regionNames = null;
  }
  return {
    locale,
    number: (value: number | null | undefined) => (value == null ? '—' : numberFormat.format(value)),
    /** A share from 0 to 1 as a whole per cent ("14%", "١٤٪" style per locale). */
    percent: (share: number) => percentFormat.format(share),
    date: (value: string | null | undefined) => (value ? dateFormat.format(parseIsoDate(value)) : '—'),
    shortDate: (value: string) => shortDateFormat.format(parseIsoDate(value)),
    weekday: (value: string) => weekdayFormat.format(parseIsoDate(value)),
    dateRange: (start: string, end: string) => {
      if (!start) return '—';
      if (!end || start === end) return dateFormat.format(parseIsoDate(start));
      return dateFormat.formatRange(parseIsoDate(start), parseIsoDate(end));
    },
    dateTime: (value: string | null | undefined) => {
      if (!value) return '—';
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
    },
    country: (code: string | null | undefined) => {
      if (!code) return '—';
      try {
        return regionNames?.of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
  };
}

export type Formatters = ReturnType<typeof createFormatters>;

/** Locale-aware number, date and country formatters for the current language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => createFormatters(language), [language]);
}
