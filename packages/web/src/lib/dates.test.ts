import { describe, expect, it } from 'vitest';
import { parseTypedDate } from './dates';

describe(parseTypedDate.name, () => {
  it('reads ISO dates and day-first dates with any separator', () => {
    expect(parseTypedDate('2027-02-10')).toBe('2027-02-10');
    expect(parseTypedDate(' 10/02/2027 ')).toBe('2027-02-10');
    expect(parseTypedDate('1-2-2027')).toBe('2027-02-01');
    expect(parseTypedDate('31.12.2026')).toBe('2026-12-31');
  });

  it('reads Urdu and Arabic digits', () => {
    expect(parseTypedDate('۱۰/۰۲/۲۰۲۷')).toBe('2027-02-10');
    expect(parseTypedDate('١٠/٠٢/٢٠٢٧')).toBe('2027-02-10');
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(parseTypedDate('31/02/2027')).toBeNull();
    expect(parseTypedDate('2027-13-01')).toBeNull();
    expect(parseTypedDate('02/10')).toBeNull();
    expect(parseTypedDate('tomorrow')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
  });
});
