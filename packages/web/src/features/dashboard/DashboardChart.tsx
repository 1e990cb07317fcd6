import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import type { SexCounts } from '@hifazat/contract';
import { useFormat } from '../../lib/format';
import '@mantine/charts/styles.css';

/** Participations by sex as horizontal bars (loaded on its own so the numbers show first). */
export default function DashboardChart({ counts }: { counts: SexCounts }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const rtl = i18n.language === 'ur';
  // Recharts lays out SVG text for left-to-right; mirror the axes by hand for Urdu instead.
  return (
    <div dir="ltr">
      <BarChart
        h={200}
        data={[
          { sex: t('sex.female'), value: counts.female },
          { sex: t('sex.male'), value: counts.male },
          { sex: t('sex.other'), value: counts.other },
          { sex: t('sex.unknown'), value: counts.unknown },
        ]}
        dataKey="sex"
        withYAxis={false}
        xAxisProps={{ reversed: rtl }}
        maxBarWidth={60}
        series={[{ name: 'value', label: t('dashboard.participations'), color: 'teal.6' }]}
        valueFormatter={(v) => f.number(v)}
        withBarValueLabel
        data-testid="dashboard-sex-chart"
      />
    </div>
  );
}
