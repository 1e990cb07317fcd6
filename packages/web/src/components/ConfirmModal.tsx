import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from '../i18n';

import { ErrorAlert } from './ErrorAlert';

export function ConfirmModal(props: {
  opened: boolean;
  title: ReactNode;
  message: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
  loading?: boolean;
  error?: unknown;
  danger?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const testId = props.testId ?? 'confirm';
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered data-testid={`${testId}-modal`}>
      <Stack>
        <Text component="div">{props.message}</Text>
        <ErrorAlert error={props.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} data-testid={`${testId}-cancel`}>
            {t('common.cancel')}
          </Button>
          <Button color={props.danger ? 'red' : undefined} onClick={props.onConfirm} loading={props.loading} data-testid={`${testId}-ok`}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
