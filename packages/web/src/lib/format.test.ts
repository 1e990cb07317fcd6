import { describe, expect, it } from 'vitest';
import { createFormatters } from './format';

describe('formatters', () => {
  it('write an Urdu time on the 24-hour clock, without the English "PM"', () => {
    const ur = createFormatters('ur').dateTime('2026-12-01T18:41:00.000Z');
    expect(ur).not.toMatch(/[AP]M/);
    expect(ur).toMatch(/\d{1,2}:41|[۰-۹]{1,2}:۴۱/);
    expect(createFormatters('en').dateTime('2026-12-01T18:41:00.000Z')).toMatch(/41/);
  });

  it('name countries and write numbers in the reader’s language', () => {
    expect(createFormatters('ur').country('PK')).toBe('پاکستان');
    expect(createFormatters('en').country('af')).toBe('Afghanistan');
    expect(createFormatters('en').number(24000)).toBe('24,000');
  });
});
