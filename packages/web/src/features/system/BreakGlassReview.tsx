import { useState } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BreakGlassEntry } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import './strings';
import { Detail } from '../../components/Detail';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';

const BREAK_GLASS = ['break-glass'] as const;

/**
 * Cases opened outside one's scope (a supervisor of another agency, an administrator), with the reason
 * given: an administrator reads each and marks it reviewed. The server refuses the review of one's own
 * opening; the refusal is shown on that opening.
 */
export function BreakGlassReview() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [showReviewed, setShowReviewed] = useState(false);
  const list = useQuery({
    queryKey: [...BREAK_GLASS, showReviewed],
    queryFn: () => api.call('listBreakGlass', { query: showReviewed ? {} : { reviewed: 'false' } }),
  });
  const review = useMutation({
    mutationFn: (id: string) => api.call('reviewBreakGlass', { params: { id }, body: {} }),
    onSuccess: async () => {
      notifications.show({ message: t('system:breakGlass.markedReviewed'), color: 'teal' });
      await queryClient.invalidateQueries({ queryKey: BREAK_GLASS });
    },
  });
  const now = Date.now();
  const items = list.data?.items ?? [];

  const entry = (item: BreakGlassEntry) => {
    const ended = new Date(item.expiresAt).getTime() <= now;
    return (
      <Card key={item.id} withBorder padding="sm" data-testid="break-glass-row" data-id={item.id}>
        <Stack gap="xs">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text fw={700} className="ltr-data" data-testid="break-glass-reference">
              {item.caseReference}
            </Text>
            <Badge variant="light" color={item.reviewedAt ? 'teal' : 'yellow'} data-testid="break-glass-state">
              {item.reviewedAt ? t('system:breakGlass.reviewedShort') : t('system:breakGlass.pending')}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <Detail label={t('system:breakGlass.by')} testId="break-glass-user">
              {item.user?.name ?? t('system:breakGlass.removedAccount')}
            </Detail>
            <Detail label={t('system:breakGlass.at')}>{f.dateTime(item.at)}</Detail>
            <Detail label={t('system:breakGlass.expiresAt')}>
              {f.dateTime(item.expiresAt)}
              {ended ? ` · ${t('system:breakGlass.ended')}` : ''}
            </Detail>
          </SimpleGrid>
          <Detail label={t('system:breakGlass.reason')} testId="break-glass-reason">
            {item.reason}
          </Detail>
          {item.reviewedAt ? (
            <Text size="xs" c="dimmed" data-testid="break-glass-reviewed">
              {t('system:breakGlass.reviewed', { name: item.reviewedBy?.name ?? t('system:breakGlass.removedAccount'), at: f.dateTime(item.reviewedAt) })}
            </Text>
          ) : (
            <Group>
              <Button
                size="xs"
                variant="light"
                loading={review.isPending && review.variables === item.id}
                onClick={() => review.mutate(item.id)}
                data-testid={`break-glass-review-${item.id}`}
              >
                {t('system:breakGlass.markReviewed')}
              </Button>
            </Group>
          )}
          {review.error && review.variables === item.id ? <ErrorAlert error={review.error} testId="break-glass-error" /> : null}
        </Stack>
      </Card>
    );
  };

  return (
    <Card withBorder data-testid="break-glass">
      <Stack gap="sm">
        <Title order={4}>{t('system:breakGlass.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('system:breakGlass.help')}
        </Text>
        <Switch
          label={t('system:breakGlass.showReviewed')}
          checked={showReviewed}
          onChange={(e) => setShowReviewed(e.currentTarget.checked)}
          data-testid="break-glass-show-reviewed"
        />
        <ErrorAlert error={list.error} />
        {list.isPending ? (
          <PageLoader />
        ) : items.length === 0 && !list.error ? (
          <Text c="dimmed" size="sm" data-testid="break-glass-none">
            {showReviewed ? t('system:breakGlass.noneAtAll') : t('system:breakGlass.none')}
          </Text>
        ) : (
          items.map(entry)
        )}
      </Stack>
    </Card>
  );
}
