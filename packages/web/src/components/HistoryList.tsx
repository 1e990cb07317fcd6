import { Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '@hifazat/contract';
import { useFormat } from '../lib/format';
import { ErrorAlert } from './ErrorAlert';
import { PageLoader } from './PageLoader';

function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => showValue(v)).join(', ') || '—';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string') return record.name;
    if (typeof record.fullName === 'string') return record.fullName;
    return JSON.stringify(value);
  }
  return String(value);
}

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
        const changes = Object.entries(entry.changes);
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
              <Table.ScrollContainer minWidth={420}>
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
                        <Table.Td>{t(`field.${field}`, { defaultValue: field })}</Table.Td>
                        <Table.Td c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {showValue(change.from)}
                        </Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{showValue(change.to)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : null}
          </Card>
        );
      })}
    </Stack>
  );
}
