import type { ReactNode } from 'react';
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { sexBreakdownText } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTranslation } from '../../i18n';
import { currentLanguage, useFormat } from '../../lib/format';
import { useCascadeSummary } from '../cascades/cascades.queries';
import '../cascades/strings';

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" className="num" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** Every training cascade in figures: the people reached (each once), master trainers, how many are active and how many trained nobody yet. */
export default function DashboardCascades() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const summary = useCascadeSummary();
  const s = summary.data;
  return (
    <Card withBorder data-testid="dashboard-cascades">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Title order={4}>{t('cascades:dashboard.title')}</Title>
        <Anchor component={Link} to="/cascades" size="sm" data-testid="dashboard-cascades-link">
          {t('cascades:dashboard.open')}
        </Anchor>
      </Group>
      <ErrorAlert error={summary.error} />
      {s && s.cascades === 0 ? (
        <Text c="dimmed" data-testid="dashboard-cascades-none">
          {t('cascades:dashboard.none')}
        </Text>
      ) : null}
      {s && s.cascades > 0 ? (
        <Stack gap="md">
          <Stack gap={0}>
            <Text size="sm" c="dimmed">
              {t('cascades:dashboard.reach')}
            </Text>
            <Text data-testid="dashboard-cascades-reach">
              <Text span fz={28} fw={700} className="num">
                {f.number(s.reach.total)}
              </Text>{' '}
              {sexBreakdownText(s.reach, currentLanguage(i18n.language))}
            </Text>
            <Text size="xs" c="dimmed">
              {t('cascades:dashboard.reachHelp')}
            </Text>
          </Stack>
          <SimpleGrid cols={2} spacing="sm">
            <Figure label={t('cascades:dashboard.cascades')} value={f.number(s.cascades)} testId="dashboard-cascades-count" />
            <Figure label={t('cascades:dashboard.masterTrainers')} value={f.number(s.masterTrainers)} testId="dashboard-cascades-trainers" />
            <Figure
              label={t('cascades:dashboard.active')}
              value={
                <>
                  {t('cascades:dashboard.activeOf', { active: f.number(s.activeMasterTrainers), total: f.number(s.masterTrainers) })} (
                  {/* Isolated: after Urdu words, "%" would stand on the wrong side of the number. */}
                  <bdi>{f.percent(s.masterTrainers === 0 ? 0 : s.activeMasterTrainers / s.masterTrainers)}</bdi>)
                </>
              }
              testId="dashboard-cascades-active"
            />
            <Figure label={t('cascades:dashboard.idle')} value={f.number(s.idleMasterTrainers)} testId="dashboard-cascades-idle" />
          </SimpleGrid>
        </Stack>
      ) : null}
    </Card>
  );
}
