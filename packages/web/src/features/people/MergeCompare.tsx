import { Card, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n';
import { mergeFields, type MergeField, type MergeValues, type Person } from '@hifazat/contract';
import { useFormat } from '../../lib/format';
import { provinceLabel } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';

type Value = string | number | null;
type Side = 'kept' | 'duplicate';
export type MergeChoices = Partial<Record<MergeField, Side>>;

/** A person's value of a field the merge lets the user choose, as the merge body carries it. */
export function mergeValueOf(person: Person, field: MergeField): Value {
  switch (field) {
    case 'organizationId':
      return person.organization?.id ?? null;
    default:
      return person[field] ?? null;
  }
}

/** The fields where the two records differ. */
export const differingFields = (kept: Person, duplicate: Person): MergeField[] =>
  mergeFields.filter((field) => mergeValueOf(kept, field) !== mergeValueOf(duplicate, field));

/**
 * What each differing field keeps before the user chooses: the kept record's value, unless it has
 * none (or sex 'unknown') and the duplicate has one, as the server fills blanks.
 */
export function defaultChoices(kept: Person, duplicate: Person): MergeChoices {
  const choices: MergeChoices = {};
  for (const field of differingFields(kept, duplicate)) {
    const own = mergeValueOf(kept, field);
    choices[field] = own === null || (field === 'sex' && own === 'unknown') ? 'duplicate' : 'kept';
  }
  return choices;
}

/** The body's `values`: the chosen value of every field where the records differ. */
export function chosenValues(kept: Person, duplicate: Person, choices: MergeChoices): MergeValues {
  const values: Record<string, Value> = {};
  for (const field of differingFields(kept, duplicate)) {
    values[field] = mergeValueOf(choices[field] === 'duplicate' ? duplicate : kept, field);
  }
  return values as MergeValues;
}

const LABELS: Record<MergeField, string> = {
  fullName: 'person.fullName',
  sex: 'person.sex',
  birthYear: 'person.birthYear',
  organizationId: 'person.organization',
  designation: 'person.designation',
  province: 'person.province',
  district: 'person.district',
  phone: 'person.phone',
  email: 'person.email',
  countryCode: 'person.country',
};
const LATIN_DATA = new Set<MergeField>(['phone', 'email']);

/**
 * The two records side by side, field by field; where they differ, the person picks the value the
 * merged record keeps. On a phone the two values stack under the field's name.
 */
export function MergeCompare({
  kept,
  duplicate,
  choices,
  onChange,
}: {
  kept: Person;
  duplicate: Person;
  choices: MergeChoices;
  onChange: (c: MergeChoices) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const show = (person: Person, field: MergeField): string => {
    const value = mergeValueOf(person, field);
    if (value === null || value === '') return '—';
    if (field === 'sex') return t(`sex.${value}`);
    if (field === 'organizationId') return organizationLabel(person.organization) || '—';
    if (field === 'countryCode') return f.country(String(value));
    if (field === 'province') return provinceLabel(t, String(value)) ?? '—';
    return String(value);
  };
  return (
    <Stack gap="xs" data-testid="merge-compare">
      <SimpleGrid cols={2} spacing="xs" visibleFrom="xs">
        <Text size="sm" fw={700}>
          {t('person.mergeKept')}: <bdi>{kept.fullName}</bdi>
        </Text>
        <Text size="sm" fw={700}>
          {t('person.mergeDuplicate')}: <bdi>{duplicate.fullName}</bdi>
        </Text>
      </SimpleGrid>
      {mergeFields.map((field) => {
        const same = mergeValueOf(kept, field) === mergeValueOf(duplicate, field);
        const value = (person: Person) => (
          <Text span size="sm" className={LATIN_DATA.has(field) ? 'ltr-data' : undefined} style={{ overflowWrap: 'anywhere' }}>
            <bdi>{show(person, field)}</bdi>
          </Text>
        );
        return (
          <Card key={field} withBorder padding="xs" data-testid={`merge-field-${field}`} data-differs={same ? 'false' : 'true'}>
            <Text size="xs" c="dimmed" fw={600} mb={4}>
              {t(LABELS[field])}
            </Text>
            {same ? (
              <Group gap="xs">
                {value(kept)}
                <Text span size="xs" c="dimmed">
                  ({t('person.mergeSame')})
                </Text>
              </Group>
            ) : (
              <Radio.Group
                value={choices[field] ?? 'kept'}
                onChange={(side) => onChange({ ...choices, [field]: side === 'duplicate' ? 'duplicate' : 'kept' })}
                aria-label={t(LABELS[field])}
              >
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                  {(['kept', 'duplicate'] as const).map((side) => (
                    <Radio
                      key={side}
                      value={side}
                      data-testid={`merge-choice-${field}-${side}`}
                      label={
                        <Stack gap={0}>
                          <Text span size="xs" c="dimmed" hiddenFrom="xs">
                            {side === 'kept' ? t('person.mergeKept') : t('person.mergeDuplicate')}
                          </Text>
                          {value(side === 'kept' ? kept : duplicate)}
                        </Stack>
                      }
                    />
                  ))}
                </SimpleGrid>
              </Radio.Group>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
