import type { ReactNode } from 'react';
import { Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from '../i18n';
import type { SexCounts } from '@hifazat/contract';
import { useFormat } from '../lib/format';
import { usePhone } from '../lib/media';
import { WideTable } from './WideTable';

export type SexCountsRow = { key: string; label: ReactNode; counts: SexCounts; extra?: ReactNode[] };

/** Rows of head counts by sex: a table on wide screens, a card per row on a phone (every count in sight). */
export function SexCountsTable({
  rows,
  firstColumn,
  extraColumns = [],
  testId,
}: {
  rows: SexCountsRow[];
  firstColumn: ReactNode;
  extraColumns?: ReactNode[];
  testId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const phone = usePhone();
  if (phone) {
    const sexes = ['female', 'male', 'other', 'unknown'] as const;
    return (
      <Stack gap="xs" data-testid={testId}>
        {rows.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('common.noData')}
          </Text>
        ) : (
          rows.map((row) => (
            <Card key={row.key} withBorder padding="xs" data-testid={`${testId}-card`}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Text size="sm" fw={600} className="card-value">
                  {row.label}
                </Text>
                <Text size="sm" fw={700} className="num" style={{ whiteSpace: 'nowrap' }}>
                  {t('common.total')}: {f.number(row.counts.total)}
                </Text>
              </Group>
              <Group gap="md" wrap="wrap" style={{ rowGap: 0 }}>
                {extraColumns.map((c, i) => (
                  <Count key={`extra-${i}`} label={c} value={row.extra?.[i]} />
                ))}
                {sexes.map((sex) => (
                  <Count key={sex} label={t(`sex.${sex}`)} value={f.number(row.counts[sex])} />
                ))}
              </Group>
            </Card>
          ))
        )}
      </Stack>
    );
  }
  return (
    <WideTable minWidth={0}>
      <Table striped highlightOnHover data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{firstColumn}</Table.Th>
            {extraColumns.map((c, i) => (
              <Table.Th key={i} ta="end">
                {c}
              </Table.Th>
            ))}
            <Table.Th ta="end">{t('sex.female')}</Table.Th>
            <Table.Th ta="end">{t('sex.male')}</Table.Th>
            <Table.Th ta="end">{t('sex.other')}</Table.Th>
            <Table.Th ta="end">{t('sex.unknown')}</Table.Th>
            <Table.Th ta="end">{t('common.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={6 + extraColumns.length} c="dimmed">
                {t('common.noData')}
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>{row.label}</Table.Td>
                {(row.extra ?? []).map((cell, i) => (
                  <Table.Td key={i} ta="end" className="num">
                    {cell}
                  </Table.Td>
                ))}
                <Table.Td ta="end" className="num">
                  {f.number(row.counts.female)}
                </Table.Td>
                <Table.Td ta="end" className="num">
                  {f.number(row.counts.male)}
                </Table.Td>
                <Table.Td ta="end" className="num">
                  {f.number(row.counts.other)}
                </Table.Td>
                <Table.Td ta="end" className="num">
                  {f.number(row.counts.unknown)}
                </Table.Td>
                <Table.Td ta="end" className="num" fw={700}>
                  {f.number(row.counts.total)}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

function Count({ label, value }: { label: ReactNode; value: ReactNode }) {
  return (
    <Text size="sm" component="span" style={{ whiteSpace: 'nowrap' }}>
      <Text span size="sm" c="dimmed">
        {label}:
      </Text>{' '}
      <span className="num">{value}</span>
    </Text>
  );
}
