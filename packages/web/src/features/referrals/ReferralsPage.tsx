import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Referral } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../lib/format';
import { useMe } from '../auth/session';
import { ReferralCard } from './ReferralCard';
import { useAllReferrals, useReferralDashboard } from './referrals.queries';
import './strings';

function Section({ title, empty, items, testId }: { title: string; empty: string; items: Referral[]; testId: string }) {
  return (
    <Stack gap="xs" data-testid={testId}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        items.map((r) => <ReferralCard key={r.id} referral={r} />)
      )}
    </Stack>
  );
}

/**
 * /referrals: the referral dashboard. For a data officer or supervisor, the cases they work on: answers
 * overdue (urgent after 24 hours, others after 5 days), follow-ups (declined: refer elsewhere from the
 * case; delivered: close), all referrals. For a provider, the referrals to its services: those waiting
 * for its answer first, then the rest.
 */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const dashboard = useReferralDashboard();
  const all = useAllReferrals();
  const provider = me.data?.role === 'service_provider';
  if (dashboard.isPending || all.isPending) return <PageLoader />;
  const counts = dashboard.data?.counts;
  const shown = new Set<string>();
  const first = (items: Referral[] | undefined) => (items ?? []).filter((r) => (shown.has(r.id) ? false : (shown.add(r.id), true)));
  const overdue = first(dashboard.data?.overdue);
  const awaiting = first(dashboard.data?.awaitingAnswer);
  const followUps = first(dashboard.data?.followUps);
  const rest = first(all.data?.items);
  return (
    <>
      <PageHeader title={t('referrals:title')} subtitle={provider ? t('referrals:subtitleProvider') : t('referrals:subtitleAgency')} />
      <Stack gap="lg" maw={900} data-testid="referrals-page">
        <ErrorAlert error={dashboard.error ?? all.error} />
        {counts ? (
          <Card withBorder padding="sm" data-testid="referral-counts">
            <Text size="sm">
              {t('referrals:counts', {
                sent: f.number(counts.sent),
                accepted: f.number(counts.accepted),
                delivered: f.number(counts.delivered),
                declined: f.number(counts.declined),
              })}
            </Text>
          </Card>
        ) : null}
        <SimpleGrid cols={1}>
          <Section title={t('referrals:overdueTitle')} empty={t('referrals:overdueNone')} items={overdue} testId="referrals-overdue" />
          {provider ? (
            <Section title={t('referrals:awaitingTitle')} empty={t('referrals:awaitingNone')} items={awaiting} testId="referrals-awaiting" />
          ) : (
            <Section title={t('referrals:followUpsTitle')} empty={t('referrals:followUpsNone')} items={followUps} testId="referrals-follow-ups" />
          )}
          <Section title={t('referrals:allTitle')} empty={t('referrals:none')} items={rest} testId="referrals-all" />
        </SimpleGrid>
      </Stack>
    </>
  );
}
