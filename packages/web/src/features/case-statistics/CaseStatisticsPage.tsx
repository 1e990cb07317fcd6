import { Alert, Box, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import type { CaseStatistics } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NativeFilter } from '../../components/NativeFilter';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useCountryOptions } from '../../lib/countries';
import { useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useMe } from '../auth/session';
import { breakdowns, cellText, type Breakdown } from './statistics';
import './strings';

const FILTERS = ['countryCode', 'year'] as const;
/** Case files began with issue 12 (2026); a few years back covers cases entered late. */
const FIRST_YEAR = 2018;

/** A count, or "<5" for a withheld one, said in full to a screen reader and on hover. */
function Count({ count, minimumCell, testId }: { count: number | null; minimumCell: number; testId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = cellText(count, minimumCell, f.number);
  if (count !== null) {
    return (
      <span className="num" data-testid={testId}>
        {text}
      </span>
    );
  }
  const label = t('caseStats:withheldLabel', { min: f.number(minimumCell) });
  // Left to right: in an Urdu line "<5" would otherwise read "5>".
  return (
    <Text span c="dimmed" dir="ltr" title={label} aria-label={label} data-testid={testId ? `${testId}-withheld` : 'stats-withheld'} className="num">
      {text}
    </Text>
  );
}

function BreakdownCard({ breakdown, minimumCell }: { breakdown: Breakdown; minimumCell: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder data-testid={`stats-${breakdown.id}`}>
      <Title order={4} mb="xs">
        {t(`caseStats:${breakdown.id}`)}
      </Title>
      {breakdown.rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('common.noData')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('caseStats:category')}</Table.Th>
              <Table.Th ta="end">{t('caseStats:count')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {breakdown.rows.map((row) => (
              <Table.Tr key={row.key} data-testid="stats-row" data-key={row.key}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm" dir="auto">
                    {row.label}
                  </Text>
                  {/* The share as a bar from the start side on an even track; the track stays empty where the count is withheld. */}
                  <Box mt={4} h={6} bg="gray.1" style={{ borderRadius: 3, overflow: 'hidden' }}>
                    {row.share !== null && row.share > 0 ? (
                      <Box
                        h="100%"
                        bg="teal.5"
                        style={{ width: `${Math.max(row.share * 100, 1)}%` }}
                        role="img"
                        aria-label={`${t('caseStats:share')}: ${f.percent(row.share)}`}
                      />
                    ) : null}
                  </Box>
                </Table.Td>
                <Table.Td ta="end" style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  <Count count={row.count} minimumCell={minimumCell} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function Figures({ stats }: { stats: CaseStatistics }) {
  const { t } = useTranslation();
  const f = useFormat();
  const min = f.number(stats.minimumCell);
  if (stats.total === 0) {
    return (
      <Text c="dimmed" data-testid="stats-none">
        {t('caseStats:none')}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <Card withBorder padding="md" maw={320} data-testid="stats-total-card">
        <Text size="sm" c="dimmed">
          {t('caseStats:total')}
        </Text>
        <Text fz={28} fw={700}>
          <Count count={stats.total} minimumCell={stats.minimumCell} testId="stats-total" />
        </Text>
      </Card>
      {stats.total === null ? (
        <Alert color="yellow" data-testid="stats-total-withheld-alert">
          {t('caseStats:totalWithheld', { min })}
        </Alert>
      ) : null}
      <Alert color="gray" title={t('caseStats:withheldTitle', { min })} data-testid="stats-withheld-help">
        {t('caseStats:withheldHelp', { min, max: f.number(stats.minimumCell - 1) })}
      </Alert>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {breakdowns(stats, t, f.country).map((breakdown) => (
          <BreakdownCard key={breakdown.id} breakdown={breakdown} minimumCell={stats.minimumCell} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** Analysts and supervisors: the case files in figures, never a name, small counts withheld. */
export default function CaseStatisticsPage() {
  const { t } = useTranslation();
  const user = useMe().data ?? null;
  const allowed = can.readCaseStatistics(user);
  const { values, set } = useUrlFilters(FILTERS);
  const countryOptions = useCountryOptions();
  const countries = user?.countries ? countryOptions.filter((o) => user.countries?.includes(o.value)) : countryOptions;
  const years = Array.from({ length: new Date().getFullYear() - FIRST_YEAR + 1 }, (_, i) => String(new Date().getFullYear() - i));
  const query = { ...(values.countryCode ? { countryCode: values.countryCode } : {}), ...(values.year ? { year: values.year } : {}) };
  const stats = useQuery({
    queryKey: ['case-statistics', query],
    queryFn: () => api.call('caseStatistics', { query }),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  if (!allowed) return <Navigate to="/" replace />;

  return (
    <>
      <PageHeader title={t('caseStats:title')} subtitle={t('caseStats:subtitle')} />
      <SimpleGrid cols={{ base: 1, xs: 2 }} maw={560} mb="md">
        {countries.length > 1 ? (
          <NativeFilter
            label={t('caseStats:country')}
            data={countries}
            value={values.countryCode}
            onChange={(v) => set('countryCode', v)}
            testId="stats-filter-country"
          />
        ) : null}
        <NativeFilter label={t('caseStats:year')} data={years} value={values.year} onChange={(v) => set('year', v)} testId="stats-filter-year" />
      </SimpleGrid>
      <ErrorAlert error={stats.error} />
      {stats.data ? <Figures stats={stats.data} /> : stats.isPending ? <PageLoader /> : null}
    </>
  );
}
