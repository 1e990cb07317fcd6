import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Person } from '@hifazat/contract';
import { renderWithProviders } from '../../test/render';
import { chosenValues, defaultChoices, MergeCompare, type MergeChoices } from './MergeCompare';

const person = (overrides: Partial<Person>): Person => ({
  id: crypto.randomUUID(),
  fullName: 'Ayesha Bibi',
  sex: 'female',
  birthYear: 1980,
  organization: null,
  designation: null,
  province: 'Punjab',
  district: null,
  phone: '0300 1111111',
  email: null,
  countryCode: 'PK',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

const kept = person({});
const duplicate = person({ fullName: 'Ayesha B.', birthYear: 1981, email: 'ayesha@example.pk', sex: 'unknown' });

function Harness({ onValues }: { onValues: (v: ReturnType<typeof chosenValues>) => void }) {
  const [choices, setChoices] = useState<MergeChoices>(defaultChoices(kept, duplicate));
  onValues(chosenValues(kept, duplicate, choices));
  return <MergeCompare kept={kept} duplicate={duplicate} choices={choices} onChange={setChoices} />;
}

describe(MergeCompare.name, () => {
  it('offers a choice only where the records differ, keeping this record’s value unless it has none', () => {
    let values: ReturnType<typeof chosenValues> = {};
    renderWithProviders(<Harness onValues={(v) => (values = v)} />);
    expect(screen.getByTestId('merge-field-fullName').dataset.differs).toBe('true');
    expect(screen.getByTestId('merge-field-phone').dataset.differs).toBe('false');
    expect(screen.queryByTestId('merge-choice-phone-kept')).toBeNull();
    // Kept: own name, year and sex; the duplicate's email, as this record has none.
    expect(values).toEqual({ fullName: 'Ayesha Bibi', birthYear: 1980, sex: 'female', email: 'ayesha@example.pk' });

    fireEvent.click(screen.getByTestId('merge-choice-fullName-duplicate'));
    fireEvent.click(screen.getByTestId('merge-choice-birthYear-duplicate'));
    expect(values).toEqual({ fullName: 'Ayesha B.', birthYear: 1981, sex: 'female', email: 'ayesha@example.pk' });
  });
});
