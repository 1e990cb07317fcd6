import type { ComponentPropsWithRef } from 'react';
import { Text, UnstyledButton } from '@mantine/core';
import type { User } from '@hifazat/contract';
import { useTranslation } from '../i18n';

type UserMenuButtonProps = { user: User } & Omit<ComponentPropsWithRef<'button'>, 'children'>;

/**
 * The button that opens the user menu, drawn by the frame until the menu itself has loaded. The menu
 * passes its ref and handlers through (it positions its dropdown against this button).
 */
export function UserMenuButton({ user, ...buttonProps }: UserMenuButtonProps) {
  const { t } = useTranslation();
  return (
    <UnstyledButton data-testid="user-menu" aria-label={t('user.menu')} aria-haspopup="menu" {...buttonProps}>
      <Text size="sm" fw={600} truncate maw={{ base: 90, sm: 200 }}>
        {user.name}
      </Text>
    </UnstyledButton>
  );
}
