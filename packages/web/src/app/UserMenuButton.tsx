import { Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from '../i18n';
import type { User } from '@hifazat/contract';

/** The button that opens the user menu, drawn by the frame until the menu itself has loaded. */
export function UserMenuButton({ user, onClick }: { user: User; onClick?: () => void }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton data-testid="user-menu" aria-label={t('user.menu')} aria-haspopup="menu" onClick={onClick}>
      <Text size="sm" fw={600} truncate maw={{ base: 90, sm: 200 }}>
        {user.name}
      </Text>
    </UnstyledButton>
  );
}
