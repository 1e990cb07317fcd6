import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { changeLanguage, i18n, useTranslation } from '.';
import en from './en.json';
import ur from './ur.json';

function Title({ k }: { k: string }) {
  const { t } = useTranslation();
  return <h1 data-testid="title">{t(k)}</h1>;
}

describe('the translator', () => {
  afterEach(async () => {
    await changeLanguage('en');
  });

  it('reads a key by its path, puts values in, and falls back to English, the default value, then the key', async () => {
    expect(i18n.t('nav.events')).toBe(en.nav.events);
    expect(i18n.t('validation.tooLong', { max: 40 })).toBe(en.validation.tooLong.replace('{{max}}', '40'));
    expect(i18n.t('nav.nowhere', { defaultValue: 'law_enforcement' })).toBe('law_enforcement');
    expect(i18n.t('nav.nowhere')).toBe('nav.nowhere');
    // A value missing from the call leaves its place visible rather than printing "undefined".
    expect(i18n.t('validation.tooLong')).toContain('{{max}}');
    await changeLanguage('ur');
    expect(i18n.language).toBe('ur');
    expect(i18n.t('nav.events')).toBe(ur.nav.events);
    expect(document.documentElement.dir).toBe('rtl');
  });

  it('draws a component again in the new language when the language changes', async () => {
    render(<Title k="nav.events" />);
    expect(screen.getByTestId('title').textContent).toBe(en.nav.events);
    await act(async () => {
      await changeLanguage('ur');
    });
    expect(screen.getByTestId('title').textContent).toBe(ur.nav.events);
    expect(localStorage.getItem('hifazat.lang')).toBe('ur');
  });
});
