import { lazy, Suspense } from 'react';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { participantSummaryText } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { currentLanguage, useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useMe } from '../auth/session';
import { CaseHome } from './CaseHome';
import { DashboardChart } from './DashboardChart';
import { useDashboard } from './dashboard.queries';
import { useRecentEvents } from '../events/events.queries';

// The trend and the provinces stand below the first screen: loaded after the figures, so that a slow
// link shows the figures first (the slow-link spec's 5 s).
const DashboardTrends = lazy(() => import('./DashboardTrends'));
// The cascades and the campaigns come from their own modules (GET /api/cascades/summary,
// /api/campaigns/summary), asked once the figures are in and only by a user who may read them.
const DashboardCascades = lazy(() => import('./DashboardCascades'));
const DashboardCampaigns = lazy(() => import('./DashboardCampaigns'));

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

/**
 * The home page: the training register's dashboard, or for the case roles (who see nothing of the
 * register) a page of their own (CaseHome.tsx).
 */
export default function DashboardPage() {
  const user = useMe().data ?? null;
  return user && !can.readRegister(user) ? <CaseHome user={user} /> : <RegisterDashboard />;
}

function RegisterDashboard() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const dashboard = useDashboard();
  const recent = useRecentEvents();
  const lang = currentLanguage(i18n.language);
  const d = dashboard.data;
  const user = useMe().data ?? null;
  const cascades = can.readCascades(user);
  const campaigns = can.readCampaigns(user);

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
          {cascades || campaigns ? (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {cascades ? (
                <Suspense fallback={null}>
                  <DashboardCascades />
                </Suspense>
              ) : null}
              {campaigns ? (
                <Suspense fallback={null}>
                  <DashboardCampaigns />
                </Suspense>
              ) : null}
            </SimpleGrid>
          ) : null}
          <Suspense fallback={null}>
            <DashboardTrends dashboard={d} />
          </Suspense>
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
