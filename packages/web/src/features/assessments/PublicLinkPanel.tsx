import { useState } from 'react';
import { Badge, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { LinkIdentification } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QrCode } from './QrCode';
import './strings';

/** What `onSet` is asked to save: the link opened or closed, renewed, or how people name themselves on it. */
export type LinkChange = { open: boolean; renew?: boolean; identifyBy?: LinkIdentification };

/**
 * A public link (a test's, a feedback questionnaire's): its address and QR code, and (for the event's
 * trainers) opening, closing and renewing it. `onSet` saves the change and updates what the page shows.
 * With `identifyBy` (a test's link), how people name themselves on it: a name from the list or a
 * personal code, or a personal code only.
 */
export function PublicLinkPanel({
  link,
  title,
  fileName,
  testId,
  panelTestId,
  editable,
  onSet,
  identifyBy,
}: {
  link: { path: string; open: boolean };
  title: string;
  fileName: string;
  /** The prefix of the panel's test ids ('test-link'). */
  testId: string;
  /** The whole panel's test id (default: `testId`). */
  panelTestId?: string;
  editable: boolean;
  onSet: (body: LinkChange) => Promise<unknown>;
  identifyBy?: LinkIdentification;
}) {
  const { t } = useTranslation();
  const url = `${window.location.origin}${link.path}`;
  const [renewing, setRenewing] = useState(false);
  const [copied, setCopied] = useState(false);
  const setLink = useMutation({
    mutationFn: onSet,
    onSuccess: () => setRenewing(false),
  });
  const copy = () => {
    void navigator.clipboard?.writeText(url).then(() => setCopied(true));
  };
  const open = link.open;

  return (
    <Stack gap="sm" data-testid={panelTestId ?? testId}>
      <Group gap="xs">
        <Badge color={open ? 'teal' : 'gray'} variant="light" data-testid={`${testId}-state`} data-open={open ? 'true' : 'false'}>
          {open ? t('assessments:link.open') : t('assessments:link.closed')}
        </Badge>
        <Text size="sm" c="dimmed" style={{ flex: '1 1 200px' }}>
          {!open ? t('assessments:link.closedHelp') : identifyBy === 'code' ? t('assessments:link.openHelpCode') : t('assessments:link.openHelp')}
        </Text>
      </Group>
      <ErrorAlert error={setLink.error} />
      {identifyBy ? (
        <Radio.Group
          label={t('assessments:link.identifyBy')}
          value={identifyBy}
          onChange={(value) => {
            if (value === 'list' || value === 'code') setLink.mutate({ open, identifyBy: value });
          }}
          data-testid={`${testId}-identify`}
          data-value={identifyBy}
        >
          <Stack gap={6} mt={4}>
            {(['code', 'list'] as const).map((value) => (
              <Radio
                key={value}
                value={value}
                label={t(`assessments:link.identify.${value}`)}
                description={t(`assessments:link.identify.${value}Help`)}
                disabled={!editable || setLink.isPending}
                data-testid={`${testId}-identify-${value}`}
              />
            ))}
          </Stack>
        </Radio.Group>
      ) : null}
      <Group align="flex-start" gap="lg">
        <QrCode text={url} size={180} label={t('assessments:link.qrLabel', { title })} fileName={fileName} testId={`${testId}-qr`} />
        <Stack gap="xs" style={{ flex: '1 1 240px', minWidth: 0 }}>
          <TextInput
            label={t('assessments:link.address')}
            value={url}
            readOnly
            dir="ltr"
            onFocus={(e) => e.currentTarget.select()}
            data-testid={`${testId}-url`}
          />
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={copy} data-testid={`${testId}-copy`}>
              {copied ? t('assessments:link.copied') : t('assessments:link.copy')}
            </Button>
            <Button variant="default" size="xs" component="a" href={link.path} target="_blank" rel="noopener" data-testid={`${testId}-preview`}>
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
                data-testid={`${testId}-toggle`}
              >
                {open ? t('assessments:link.close') : t('assessments:link.openAction')}
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setRenewing(true)} data-testid={`${testId}-renew`}>
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
        testId={`${testId}-renew-confirm`}
      />
    </Stack>
  );
}
