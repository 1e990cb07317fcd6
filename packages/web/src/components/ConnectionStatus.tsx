import { useEffect } from 'react';
import { Button, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../i18n';
import type { ParticipantList } from '@hifazat/contract';
import { useOnline } from '../lib/connection';
import { errorText } from '../lib/errorText';
import { flush, startSync, withAnswer } from '../lib/offlineSync';
import { keys } from '../lib/queries';
import { useQueuedChanges } from '../lib/useOfflineQueue';

/**
 * Under the header, only when there is something to say: the server cannot be reached (changes are
 * kept on this device), and how many changes are not saved yet or wait for the person's decision.
 * It also runs the sending of the queue for the signed-in user.
 */
export function ConnectionStatus({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const online = useOnline();
  const queryClient = useQueryClient();
  const changes = useQueuedChanges({ userId });

  useEffect(
    () =>
      startSync({
        userId,
        onSaved: (change, answer) => {
          const key = keys.eventParticipants(change.eventId);
          const list = queryClient.getQueryData<ParticipantList>(key);
          if (list) queryClient.setQueryData(key, withAnswer(list, answer));
          // Counts, the summary, the history and the dashboard follow from the saved change.
          void queryClient.invalidateQueries({ queryKey: keys.event(change.eventId) });
          void queryClient.invalidateQueries({ queryKey: ['events', 'list'] });
          void queryClient.invalidateQueries({ queryKey: keys.dashboard });
          void queryClient.invalidateQueries({ queryKey: ['people', 'one'] });
        },
        onConflict: (change, now) => {
          const key = keys.eventParticipants(change.eventId);
          const list = queryClient.getQueryData<ParticipantList>(key);
          if (list) queryClient.setQueryData(key, now.reduce(withAnswer, list));
        },
        onRefused: (_change, error) => {
          notifications.show({ color: 'red', message: t('offline.refused', { message: errorText(t, error) }) });
        },
      }),
    [userId, queryClient, t],
  );

  const pending = changes.filter((c) => c.state === 'pending').length;
  const conflicts = changes.length - pending;
  if (online && changes.length === 0) return null;
  return (
    <Paper radius="sm" px="md" py={6} mb="sm" bg={online ? 'orange.0' : 'yellow.1'} data-testid="connection-status" role="status">
      <Group gap="sm" justify="space-between" wrap="wrap">
        {online ? null : (
          <Text size="sm" fw={600} data-testid="offline-banner">
            {t('offline.banner')}
          </Text>
        )}
        <Group gap="sm" wrap="wrap">
          {pending > 0 ? (
            <Text size="sm" title={t('offline.pendingHelp')} data-testid="sync-pending" data-count={pending}>
              {t('offline.pending', { n: pending })}
            </Text>
          ) : null}
          {conflicts > 0 ? (
            <Text size="sm" c="orange.9" fw={600} data-testid="sync-conflicts" data-count={conflicts}>
              {t('offline.conflicts', { n: conflicts })}
            </Text>
          ) : null}
          {pending > 0 ? (
            <Button size="compact-xs" variant="light" onClick={() => void flush()} data-testid="sync-now">
              {t('offline.sendNow')}
            </Button>
          ) : null}
        </Group>
      </Group>
    </Paper>
  );
}
