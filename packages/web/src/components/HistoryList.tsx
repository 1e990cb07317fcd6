import { Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '@hifazat/contract';
import { useFormat, type Formatters } from '../lib/format';
import { ErrorAlert } from './ErrorAlert';
import { PageLoader } from './PageLoader';
import { WideTable } from './WideTable';

type Translate = (key: string, options?: { defaultValue: string }) => string;

const ENUM_GROUPS: Record<string, string[]> = {
  role: ['participantRole', 'role'],
  type: ['eventType', 'organizationType'],
  status: ['eventStatus'],
  sex: ['sex'],
  action: ['historyAction'],
};

/** A changed value in words: enums translated, dates formatted, yes/no for booleans. */
export function describeValue(value: unknown, field: string, t: Translate, f: Formatters): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('participants.yes') : t('participants.no');
  if (typeof value === 'number') return f.number(value);
  if (typeof value === 'string') {
    if ((field === 'countryCode' || field === 'countries') && /^[A-Z]{2}$/.test(value)) return f.country(value);
    for (const group of ENUM_GROUPS[field] ?? []) {
      const label = t(`${group}.${value}`, { defaultValue: '' });
      if (label) return label;
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return f.date(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => describeValue(v, field, t, f)).join(t('common.listSeparator')) || '—';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    // A person, organisation or trainer of a country the reader does not work in: the server sends `{ hidden: true }`.
    if (record.hidden === true) parts.push(t('history.hidden'));
    const name = record.name ?? record.fullName ?? record.title;
    if (typeof name === 'string') parts.push(name);
    for (const [key, v] of Object.entries(record)) {
      if (key === 'name' || key === 'fullName' || key === 'title' || key === 'id' || key === 'hidden') continue;
      parts.push(`${t(`field.${key}`, { defaultValue: key })}: ${describeValue(v, key, t, f)}`);
    }
    return parts.join(t('common.listSeparator')) || '—';
  }
  return String(value);
}

/** "participant:<id>" → the label of "participant"; plain field names → their label. */
export function describeField(field: string, t: Translate): string {
  const base = field.includes(':') ? (field.split(':')[0] ?? field) : field;
  return t(`field.${base}`, { defaultValue: base });
}

const HIDDEN_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);

/** Who changed what and when: field from → to. */
export function HistoryList({ items, isPending, error }: { items: HistoryEntry[] | undefined; isPending: boolean; error: unknown }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (isPending) return <PageLoader />;
  if (error) return <ErrorAlert error={error} />;
  if (!items || items.length === 0) {
    return (
      <Text c="dimmed" data-testid="history-empty">
        {t('history.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="history-list">
      {items.map((entry) => {
        const changes = Object.entries(entry.changes).filter(
          // Ids stay out of sight when the entry also names the record ("programmeId" next to "programmeName").
          ([field]) => !HIDDEN_FIELDS.has(field) && !(field.endsWith('Id') && `${field.slice(0, -2)}Name` in entry.changes),
        );
        return (
          <Card key={entry.id} withBorder padding="sm" data-testid="history-entry">
            <Group gap="xs" mb={changes.length > 0 || entry.note ? 'xs' : 0} wrap="wrap">
              <Badge variant="light">{t(`historyAction.${entry.action}`)}</Badge>
              <Text size="sm" fw={600}>
                {entry.userName ?? t('history.system')}
              </Text>
              <Text size="sm" c="dimmed">
                {f.dateTime(entry.at)}
              </Text>
            </Group>
            {entry.note ? (
              <Text size="sm" mb="xs">
                {entry.note}
              </Text>
            ) : null}
            {changes.length > 0 ? (
              <WideTable minWidth={0}>
                <Table withRowBorders={false} verticalSpacing={2} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('history.field')}</Table.Th>
                      <Table.Th>{t('history.from')}</Table.Th>
                      <Table.Th>{t('history.to')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {changes.map(([field, change]) => (
                      <Table.Tr key={field}>
                        <Table.Td>{describeField(field, t)}</Table.Td>
                        <Table.Td c="dimmed" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                          {describeValue(change.from, field, t, f)}
                        </Table.Td>
                        <Table.Td dir="auto" style={{ overflowWrap: 'anywhere' }}>
                          {describeValue(change.to, field, t, f)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </WideTable>
            ) : null}
          </Card>
        );
      })}
    </Stack>
  );
}
