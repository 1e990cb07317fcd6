import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { participantSummaryText } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { currentLanguage, useFormat } from '../../lib/format';
import { BarChart } from '../../components/BarChart';
import { SexCountsTable } from '../../components/SexCountsTable';
import { quarterLabel, sexSeries, sexValues } from '../../components/sexBars';
import { provinceLabel } from '../../lib/options';
import { DashboardChart } from './DashboardChart';
import { useDashboard } from './dashboard.queries';
import { useRecentEvents } from '../events/events.queries';

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} className="num">
        {value}
      </Text>
    </Card>
  );
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const dashboard = useDashboard();
  const recent = useRecentEvents();
  const lang = currentLanguage(i18n.language);
  const d = dashboard.data;

  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      <ErrorAlert error={dashboard.error} />
      {dashboard.isPending ? <PageLoader /> : null}
      {d ? (
        <Stack>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat label={t('dashboard.events')} value={f.number(d.events)} testId="dashboard-events" />
            <Stat label={t('dashboard.upcomingEvents')} value={f.number(d.upcomingEvents)} testId="dashboard-upcoming" />
            <Stat label={t('dashboard.people')} value={f.number(d.people)} testId="dashboard-people" />
            <Stat label={t('dashboard.organizations')} value={f.number(d.organizations)} testId="dashboard-organizations" />
          </SimpleGrid>
          <Card withBorder>
            <Title order={4} mb="xs">
              {t('dashboard.participationsThisYear')}
            </Title>
            <Text mb="md" data-testid="dashboard-participations-text">
              {participantSummaryText(d.participationsThisYear, lang)}
            </Text>
            <DashboardChart counts={d.participationsThisYear} />
          </Card>
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
        </Stack>
      ) : null}
      <Card withBorder mt="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('dashboard.recentEvents')}</Title>
          <Anchor component={Link} to="/events" size="sm" data-testid="dashboard-all-events">
            {t('dashboard.allEvents')}
          </Anchor>
        </Group>
        <ErrorAlert error={recent.error} />
        {recent.data && recent.data.items.length === 0 ? <Text c="dimmed">{t('events.none')}</Text> : null}
        <Stack gap="xs" data-testid="dashboard-recent-events">
          {recent.data?.items.map((event) => (
            <Group key={event.id} justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/events/${event.id}`} fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
                  {event.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {f.dateRange(event.startDate, event.endDate)} · {event.city}
                </Text>
              </Stack>
              <Badge variant="light" style={{ flexShrink: 0 }}>
                {t(`eventStatus.${event.status}`)}
              </Badge>
            </Group>
          ))}
        </Stack>
      </Card>
    </>
  );
}
