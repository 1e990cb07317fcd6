import { useState } from 'react';
import { Button, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useTranslation } from '../../i18n';
import { api } from '../../lib/api';
import { keys } from '../../lib/queries';
import { useMe } from '../auth/session';
import { indicatorKeys } from './indicators.queries';
import './strings';

/** Lock (managers) or unlock (administrators, with a reason) the period, after a confirmation. */
export function LockControls({ programmeId, period, locked }: { programmeId: string; period: string; locked: boolean }) {
  const { t } = useTranslation();
  const me = useMe().data ?? null;
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: () =>
      locked
        ? api.call('unlockPeriod', { params: { id: programmeId, period }, body: { reason } })
        : api.call('lockPeriod', { params: { id: programmeId, period }, body: {} }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
      void queryClient.invalidateQueries({ queryKey: keys.programmeHistory(programmeId) });
      setAsking(false);
      setReason('');
    },
  });
  // The period stays one left-to-right piece in an Urdu sentence ('2026-Q1', not 'Q1-2026').
  const shown = `\u2066${period}\u2069`;
  const mayLock = !!me && (me.role === 'admin' || me.role === 'programme_manager');
  const mayUnlock = me?.role === 'admin';
  if (locked ? !mayUnlock : !mayLock) return null;
  return (
    <>
      <Button
        variant={locked ? 'default' : 'filled'}
        color={locked ? 'red' : 'teal'}
        onClick={() => setAsking(true)}
        data-testid={locked ? 'period-unlock' : 'period-lock'}
      >
        {t(locked ? 'indicators:unlock' : 'indicators:lock', { period: shown })}
      </Button>
      <ConfirmModal
        opened={asking}
        title={t(locked ? 'indicators:unlockTitle' : 'indicators:lockTitle', { period: shown })}
        message={
          locked ? (
            <Stack gap="xs">
              <Text>{t('indicators:unlockMessage')}</Text>
              <Textarea
                label={t('indicators:unlockReason')}
                required
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                data-testid="unlock-reason"
              />
            </Stack>
          ) : (
            t('indicators:lockMessage', { period: shown })
          )
        }
        confirmLabel={t(locked ? 'indicators:unlock' : 'indicators:lock', { period: shown })}
        onConfirm={() => {
          if (locked && reason.trim() === '') return;
          change.mutate();
        }}
        onClose={() => setAsking(false)}
        loading={change.isPending}
        error={change.error}
        danger={locked}
        testId="period-confirm"
      />
    </>
  );
}
