import type { ReactNode } from 'react';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SexCounts } from '@hifazat/contract';
import { useFormat } from '../lib/format';

export type SexCountsRow = { key: string; label: ReactNode; counts: SexCounts; extra?: ReactNode[] };

/** Rows of head counts by sex; scrolls sideways on a phone. */
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
  return (
    <Table.ScrollContainer minWidth={520}>
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
    </Table.ScrollContainer>
  );
}
