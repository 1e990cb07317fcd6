import { useState } from 'react';
import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import type { TestSummary } from '@hifazat/contract';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { assessmentKeys } from './assessments.queries';
import { QrCode } from './QrCode';
import './strings';

/** The test's public link: its address and QR code, and (for its trainers) opening, closing and renewing it. */
export function TestLinkPanel({ test, editable }: { test: TestSummary; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const url = `${window.location.origin}${test.link.path}`;
  const [renewing, setRenewing] = useState(false);
  const [copied, setCopied] = useState(false);
  const setLink = useMutation({
    mutationFn: (body: { open: boolean; renew?: boolean }) => api.call('setTestLink', { params: { id: test.id }, body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(assessmentKeys.test(test.id), saved);
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.eventTests(test.eventId) });
      setRenewing(false);
    },
  });
  const copy = () => {
    void navigator.clipboard?.writeText(url).then(() => setCopied(true));
  };
  const open = test.link.open;

  return (
    <Stack gap="sm" data-testid={`test-link-${test.id}`}>
      <Group gap="xs">
        <Badge color={open ? 'teal' : 'gray'} variant="light" data-testid="test-link-state" data-open={open ? 'true' : 'false'}>
          {open ? t('assessments:link.open') : t('assessments:link.closed')}
        </Badge>
        <Text size="sm" c="dimmed" style={{ flex: '1 1 200px' }}>
          {open ? t('assessments:link.openHelp') : t('assessments:link.closedHelp')}
        </Text>
      </Group>
      <ErrorAlert error={setLink.error} />
      <Group align="flex-start" gap="lg">
        <QrCode
          text={url}
          size={180}
          label={t('assessments:link.qrLabel', { title: test.title })}
          fileName={`test-${test.kind}-qr.svg`}
          testId="test-link-qr"
        />
        <Stack gap="xs" style={{ flex: '1 1 240px', minWidth: 0 }}>
          <TextInput
            label={t('assessments:link.address')}
            value={url}
            readOnly
            dir="ltr"
            onFocus={(e) => e.currentTarget.select()}
            data-testid="test-link-url"
          />
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={copy} data-testid="test-link-copy">
              {copied ? t('assessments:link.copied') : t('assessments:link.copy')}
            </Button>
            <Button variant="default" size="xs" component="a" href={test.link.path} target="_blank" rel="noopener" data-testid="test-link-preview">
              {t('assessments:link.preview')}
            </Button>
          </Group>
          {editable ? (
            <Group gap="xs" mt="xs">
              <Button
                size="xs"
                color={open ? 'red' : 'teal'}
                variant={open ? 'light' : 'filled'}
                loading={setLink.isPending && !renewing}
                onClick={() => setLink.mutate({ open: !open })}
                data-testid="test-link-toggle"
              >
                {open ? t('assessments:link.close') : t('assessments:link.openAction')}
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setRenewing(true)} data-testid="test-link-renew">
                {t('assessments:link.renew')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Group>
      <ConfirmModal
        opened={renewing}
        onClose={() => setRenewing(false)}
        title={t('assessments:link.renewTitle')}
        message={t('assessments:link.renewText')}
        confirmLabel={t('assessments:link.renew')}
        onConfirm={() => setLink.mutate({ open, renew: true })}
        loading={setLink.isPending}
        error={setLink.error}
        testId="test-link-renew-confirm"
      />
    </Stack>
  );
}
