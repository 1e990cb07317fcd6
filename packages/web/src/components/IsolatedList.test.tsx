import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { provinceLabel } from '../lib/options';
import { renderWithProviders } from '../test/render';
import { IsolatedList } from './IsolatedList';

describe('IsolatedList', () => {
  it('isolates each value, so Latin and Urdu keep their own order, and separates them as Urdu does', async () => {
    await i18n.changeLanguage('ur');
    try {
      renderWithProviders(
        <span data-testid="place">
          <IsolatedList items={['Peshawar', 'Khyber Pakhtunkhwa', null, 'پاکستان', '']} />
        </span>,
      );
      const container = screen.getByTestId('place');
      const parts = [...container.querySelectorAll('bdi')].map((b) => b.textContent);
      expect(parts).toEqual(['Peshawar', 'Khyber Pakhtunkhwa', 'پاکستان']);
      expect(container.textContent).toBe(['Peshawar', 'Khyber Pakhtunkhwa', 'پاکستان'].join(i18n.t('common.listSeparator')));
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('names Pakistan’s provinces in Urdu, and keeps any other place as written', async () => {
    await i18n.changeLanguage('ur');
    try {
      expect(provinceLabel(i18n.t, 'Khyber Pakhtunkhwa')).toBe('خیبر پختونخوا');
      expect(provinceLabel(i18n.t, 'Nangarhar')).toBe('Nangarhar');
      expect(provinceLabel(i18n.t, null)).toBeNull();
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(provinceLabel(i18n.t, 'Khyber Pakhtunkhwa')).toBe('Khyber Pakhtunkhwa');
  });
});
