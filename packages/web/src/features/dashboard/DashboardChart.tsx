import { useTranslation } from '../../i18n';
import type { SexCounts } from '@hifazat/contract';
import { BarChart } from '../../components/BarChart';
import { useFormat } from '../../lib/format';

/** Participations by sex, one bar each. */
export function DashboardChart({ counts }: { counts: SexCounts }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <BarChart
      height={200}
      data={[
        { label: t('sex.female'), values: [counts.female] },
        { label: t('sex.male'), values: [counts.male] },
        { label: t('sex.other'), values: [counts.other] },
        { label: t('sex.unknown'), values: [counts.unknown] },
      ]}
      series={[{ label: t('dashboard.participations'), color: 'var(--mantine-color-teal-6)' }]}
      format={(v) => f.number(v)}
      testId="dashboard-sex-chart"
    />
  );
}
