import { Menu } from '@mantine/core';
import { useTranslation } from '../i18n';
import type { User } from '@hifazat/contract';
import { UserMenuButton } from './UserMenuButton';
import '../features/auth/ownSecondFactorStrings';

type UserMenuProps = { user: User; onChangePassword: () => void; onSecondFactor: () => void; onSignOut: () => void };

/**
 * The signed-in user's menu: who they are, change password, sign out. A chunk of its own, fetched at the
 * first click on the frame's button (it opens at once): Mantine's menu brings floating-ui (20 kB), which
 * no page needs before then.
 */
export default function UserMenu({ user, onChangePassword, onSecondFactor, onSignOut }: UserMenuProps) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal defaultOpened>
      <Menu.Target>
        <UserMenuButton user={user} />
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <span className="ltr-data">{user.email}</span>
        </Menu.Label>
        <Menu.Label>{t(`role.${user.role}`)}</Menu.Label>
        <Menu.Divider />
        <Menu.Item onClick={onChangePassword} data-testid="change-password">
          {t('account.changePassword')}
        </Menu.Item>
        {/* The case roles enrol at their first sign-in; the others may choose to (an administrator must, to break the glass). */}
        {user.secondFactorEnrolled ? null : (
          <Menu.Item onClick={onSecondFactor} data-testid="own-second-factor">
            {t('ownSecondFactor:title')}
          </Menu.Item>
        )}
        <Menu.Item data-testid="sign-out" onClick={onSignOut}>
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
