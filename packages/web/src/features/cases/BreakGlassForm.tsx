import { useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { api } from '../../lib/api';
import { caseKeys } from './cases.queries';
import './strings';

/** The reason's least length (the contract's zBreakGlassBody says the same). */
export const MIN_REASON = 10;

/**
 * A case outside the reader's scope, for a supervisor or an administrator: they may open it for a few
 * hours by saying why. The opening is flagged for review and stays in the case's history, and the form
 * says so before anything is sent.
 */
export function BreakGlassForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const long = reason.trim().length >= MIN_REASON;
  const open = useMutation({
    mutationFn: () => api.call('breakGlassCase', { params: { id: caseId }, body: { reason: reason.trim() } }),
    // The case now opens: ask for it again (and the list, which shows it too).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all }),
  });
  return (
    <>
      <PageHeader title={t('cases:breakGlass.title')} />
      <Card withBorder maw={640} data-testid="break-glass">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (long) open.mutate();
          }}
        >
          <Stack gap="sm">
            <Alert color="red" variant="light" title={t('cases:breakGlass.outside')} data-testid="break-glass-warning">
              <Text size="sm">{t('cases:breakGlass.warning')}</Text>
            </Alert>
            <ErrorAlert error={open.error} testId="break-glass-error" />
            <Title order={3} size="h5">
              {t('cases:breakGlass.why')}
            </Title>
            <Textarea
              label={t('cases:breakGlass.reason')}
              description={t('cases:breakGlass.reasonHelp', { n: MIN_REASON })}
              autosize
              minRows={3}
              maxLength={1000}
              dir="auto"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={reason.length > 0 && !long ? t('validation.tooShort', { min: MIN_REASON }) : undefined}
              data-testid="break-glass-reason"
            />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/cases" data-testid="break-glass-cancel">
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" disabled={!long} loading={open.isPending} data-testid="break-glass-submit">
                {t('cases:breakGlass.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
