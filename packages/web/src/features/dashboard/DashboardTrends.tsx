import { Card, Text, Title } from '@mantine/core';
import type { Dashboard } from '@hifazat/contract';
import { BarChart } from '../../components/BarChart';
import { SexCountsTable } from '../../components/SexCountsTable';
import { quarterLabel, sexSeries, sexValues } from '../../components/sexBars';
import { useTranslation } from '../../i18n';
import { useFormat } from '../../lib/format';
import { provinceLabel } from '../../lib/options';

/** The dashboard's last eight quarters by sex (with the share of women) and this year by province. */
export default function DashboardTrends({ dashboard: d }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('dashboard.trend')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('dashboard.trendNote')}
        </Text>
        <BarChart
          height={220}
          data={d.quarters.map((q) => ({ label: quarterLabel(t, q.quarter), values: sexValues(q.participations) }))}
          series={sexSeries(t)}
          withValueAxis
          maxBarWidth={40}
          format={(v) => f.number(v)}
          testId="dashboard-trend-chart"
        />
        <SexCountsTable
          testId="dashboard-quarters"
          firstColumn={t('dashboard.quarter')}
          extraColumns={[t('dashboard.heldEvents'), t('dashboard.womenShare')]}
          rows={[...d.quarters].reverse().map((q) => ({
            key: q.quarter,
            label: quarterLabel(t, q.quarter),
            counts: q.participations,
            extra: [f.number(q.events), q.participations.total === 0 ? '–' : f.percent(q.participations.female / q.participations.total)],
          }))}
        />
      </Card>
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('dashboard.byProvince')}
        </Title>
        <SexCountsTable
          testId="dashboard-by-province"
          firstColumn={t('event.province')}
          rows={d.byProvince.map((row) => ({
            key: row.province ?? 'none',
            label: provinceLabel(t, row.province) ?? t('common.notRecorded'),
            counts: row.participations,
          }))}
        />
      </Card>
    </>
  );
}
