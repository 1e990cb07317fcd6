import { useState, type FormEvent } from 'react';
import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import type { ChangePasswordBody } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, fieldErrors } from '../../lib/api';
import { missingRequired } from '../../lib/validation';

/** A signed-in user changes their own password; their other sessions (other devices) end. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => api.call('changeOwnPassword', { body }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('account.passwordChanged') });
      close();
    },
  });
  const close = () => {
    setCurrentPassword('');
    setNewPassword('');
    setMissing({});
    change.reset();
    onClose();
  };
  const errors = { ...fieldErrors(change.error), ...missing };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = missingRequired({ currentPassword, newPassword }, ['currentPassword', 'newPassword'], t('validation.required'));
    setMissing(required);
    if (Object.keys(required).length === 0) change.mutate({ currentPassword, newPassword });
  };
  return (
    <AppModal opened={opened} onClose={close} title={t('account.changePassword')}>
      <form onSubmit={submit} noValidate data-testid="change-password-form">
        <Stack>
          {change.error && Object.keys(fieldErrors(change.error)).length === 0 ? <ErrorAlert error={change.error} testId="change-password-error" /> : null}
          <Text size="sm" c="dimmed">
            {t('account.changePasswordHelp')}
          </Text>
          <PasswordInput
            label={t('account.currentPassword')}
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.currentTarget.value)}
            error={errors.currentPassword}
            data-autofocus
            data-testid="change-password-current"
          />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('user.passwordHelp')}
            required
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.currentTarget.value)}
            error={errors.newPassword}
            data-testid="change-password-new"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending} data-testid="change-password-submit">
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
