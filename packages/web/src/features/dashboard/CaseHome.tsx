import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { User } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { DuplicatesCard } from '../case-duplicates/DuplicatesCard';
import './caseHomeStrings';

/** A supervisor's approvals waiting (the case plan, the closure), oldest first: each opens its case. */
function PendingApprovals() {
  const { t } = useTranslation();
  const f = useFormat();
  const approvals = useQuery({ queryKey: ['cases', 'approvals'], queryFn: () => api.call('listCaseApprovals', {}) });
  return (
    <Card withBorder padding="md" data-testid="case-home-approvals">
      <Title order={3} size="h4" mb="xs">
        {t('caseHome:approvalsTitle')}
      </Title>
      <ErrorAlert error={approvals.error} />
      {approvals.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('caseHome:approvalsNone')}
        </Text>
      ) : null}
      <Stack gap={6}>
        {approvals.data?.items.map((a) => (
          <Group key={a.id} gap="xs" wrap="wrap" data-testid="case-home-approval" data-kind={a.kind}>
            <Badge variant="light">{t(`caseHome:kind.${a.kind}`)}</Badge>
            <Anchor component={Link} to={`/cases/${a.caseId}`} size="sm">
              {t('caseHome:openCase', { reference: a.caseReference })}
            </Anchor>
            <Text size="xs" c="dimmed">
              <bdi>{a.requestedBy?.name ?? ''}</bdi> {f.dateTime(a.requestedAt)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** Open tasks past their due date on the cases the reader works on. */
function OverdueTasks() {
  const { t } = useTranslation();
  const f = useFormat();
  const overdue = useQuery({ queryKey: ['cases', 'overdue'], queryFn: () => api.call('overdueCaseTasks', {}) });
  return (
    <Card withBorder padding="md" data-testid="case-home-overdue">
      <Title order={3} size="h4" mb="xs">
        {t('caseHome:overdueTitle')}
      </Title>
      <ErrorAlert error={overdue.error} />
      {overdue.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('caseHome:overdueNone')}
        </Text>
      ) : null}
      <Stack gap={6}>
        {overdue.data?.items.map((task) => (
          <Stack key={task.id} gap={0} data-testid="case-home-overdue-task">
            <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
              {task.title}
            </Text>
            <Group gap={6} wrap="wrap">
              <Anchor component={Link} to={`/cases/${task.caseId}`} size="xs">
                <bdi>{task.caseReference}</bdi>
              </Anchor>
              <Text size="xs" c="red">
                {t('caseHome:dueOn', { date: f.date(task.dueOn) })}
              </Text>
            </Group>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

/**
 * The home page of the case roles, who see nothing of the training register: a data officer starts a
 * case or finds one, and has the screening aid at hand; a supervisor finds their agency's cases. The
 * roles whose pages come later (service providers) are told so. Its strings ('caseHome:…') come with
 * the dashboard's chunk, not the app's first load, and are not the case pages' (it loads none of theirs).
 */
export function CaseHome({ user }: { user: User }) {
  const { t } = useTranslation();
  const keepsCases = user.role === 'data_officer' || user.role === 'supervisor';
  return (
    <>
      <PageHeader title={t('caseHome:title', { name: user.name })} />
      <Stack gap="md" maw={860} data-testid="case-home" data-role={user.role}>
        {keepsCases ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Card withBorder padding="md" data-testid="case-home-cases">
              <Stack gap="sm" h="100%" justify="space-between">
                <Stack gap={4}>
                  <Title order={3} size="h4">
                    {t('caseHome:casesTitle')}
                  </Title>
                  <Text size="sm">{user.role === 'data_officer' ? t('caseHome:casesOfficer') : t('caseHome:casesSupervisor')}</Text>
                </Stack>
                <Group gap="xs">
                  {user.role === 'data_officer' ? (
                    <Button component={Link} to="/cases/new" data-testid="case-home-new">
                      {t('caseHome:newCase')}
                    </Button>
                  ) : null}
                  <Button component={Link} to="/cases" variant={user.role === 'data_officer' ? 'default' : 'filled'} data-testid="case-home-list">
                    {t('caseHome:findCase')}
                  </Button>
                </Group>
              </Stack>
            </Card>
            <Card withBorder padding="md" data-testid="case-home-screening">
              <Stack gap="sm" h="100%" justify="space-between">
                <Stack gap={4}>
                  <Title order={3} size="h4">
                    {t('caseHome:screeningTitle')}
                  </Title>
                  <Text size="sm">{t('caseHome:screeningText')}</Text>
                </Stack>
                <Group>
                  <Button component={Link} to="/screening-aid" variant="default" data-testid="case-home-screening-aid">
                    {t('caseHome:openScreening')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          </SimpleGrid>
        ) : null}
        {keepsCases ? (
          <SimpleGrid cols={{ base: 1, sm: user.role === 'supervisor' ? 2 : 1 }}>
            {user.role === 'supervisor' ? <PendingApprovals /> : null}
            <OverdueTasks />
          </SimpleGrid>
        ) : user.role === 'analyst' ? (
          // An analyst's work is the statistics: their home leads there.
          <Card withBorder padding="md" data-testid="case-home-statistics">
            <Stack gap="xs">
              <Title order={3} size="h4">
                {t('caseHome:statisticsTitle')}
              </Title>
              <Text size="sm">{t('caseHome:statisticsBody')}</Text>
              <Group>
                <Button component={Link} to="/case-statistics" data-testid="case-home-statistics-link">
                  {t('caseHome:statisticsOpen')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : user.role === 'service_provider' ? (
          // A provider's work here is its services' live capacity: its home leads to them.
          <Card withBorder padding="md" data-testid="case-home-services">
            <Stack gap="xs">
              <Title order={3} size="h4">
                {t('caseHome:servicesTitle')}
              </Title>
              <Text size="sm">{t('caseHome:servicesBody')}</Text>
              <Group>
                <Button component={Link} to="/services?mine=true" data-testid="case-home-services-link">
                  {t('caseHome:servicesOpen')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : (
          <Card withBorder>
            <Text>{t('caseHome:body')}</Text>
          </Card>
        )}
        {keepsCases || user.role === 'service_provider' ? (
          // Referrals: overdue answers and follow-ups for the case's agency; the referrals to answer for a provider.
          <Card withBorder padding="md" data-testid="case-home-referrals">
            <Stack gap="xs">
              <Title order={3} size="h4">
                {t('caseHome:referralsTitle')}
              </Title>
              <Text size="sm">{user.role === 'service_provider' ? t('caseHome:referralsProvider') : t('caseHome:referralsText')}</Text>
              <Group>
                <Button component={Link} to="/referrals" variant="light" data-testid="case-home-referrals-link">
                  {t('caseHome:openReferrals')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : null}
        {user.role === 'supervisor' ? <DuplicatesCard /> : null}
        <Text size="sm" c="dimmed">
          {t('caseHome:idle')}
        </Text>
      </Stack>
    </>
  );
}
