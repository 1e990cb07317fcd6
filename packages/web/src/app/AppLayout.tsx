import { lazy, Suspense, useState } from 'react';
import { AppShell, Burger, Group, Menu, NavLink, ScrollArea, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageLoader } from '../components/PageLoader';
import { useLogout, useMe } from '../features/auth/session';
import { can } from '../lib/permissions';

// Fetched when first opened: a dialog and its form are not part of every page's first load.
const ChangePasswordModal = lazy(() => import('../features/auth/ChangePasswordModal').then((m) => ({ default: m.ChangePasswordModal })));

type NavItem = { to: string; key: string; testId: string; visible: boolean };

export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const logout = useLogout();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [passwordOpened, { open: openPassword, close: closePassword }] = useDisclosure(false);
  const [passwordWanted, setPasswordWanted] = useState(false);

  if (me.isPending) return <PageLoader />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const user = me.data;

  const items: NavItem[] = [
    { to: '/', key: 'nav.dashboard', testId: 'nav-dashboard', visible: true },
    { to: '/events', key: 'nav.events', testId: 'nav-events', visible: true },
    { to: '/people', key: 'nav.people', testId: 'nav-people', visible: true },
    { to: '/organizations', key: 'nav.organizations', testId: 'nav-organizations', visible: true },
    { to: '/programmes', key: 'nav.programmes', testId: 'nav-programmes', visible: true },
    { to: '/reports', key: 'nav.reports', testId: 'nav-reports', visible: true },
    // The bank opens read-only for viewers too (/questions); the menu offers it to those who write questions.
    { to: '/questions', key: 'nav.questions', testId: 'nav-questions', visible: can.writeQuestions(user) },
    { to: '/users', key: 'nav.users', testId: 'nav-users', visible: can.manageUsers(user) },
    { to: '/system', key: 'nav.system', testId: 'nav-system', visible: can.manageSystem(user) },
  ];
  const isActive = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} data-testid="nav-burger" />
            <Title order={3} c="teal.8">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }} data-testid="app-title">
                {t('app.name')}
              </Link>
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton data-testid="user-menu" aria-label={t('user.menu')}>
                  <Text size="sm" fw={600} truncate maw={{ base: 90, sm: 200 }}>
                    {user.name}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <span className="ltr-data">{user.email}</span>
                </Menu.Label>
                <Menu.Label>{t(`role.${user.role}`)}</Menu.Label>
                <Menu.Divider />
                <Menu.Item
                  onClick={() => {
                    setPasswordWanted(true);
                    openPassword();
                  }}
                  data-testid="change-password"
                >
                  {t('account.changePassword')}
                </Menu.Item>
                <Menu.Item data-testid="sign-out" onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}>
                  {t('auth.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" data-testid="navbar">
        <ScrollArea>
          {items
            .filter((item) => item.visible)
            .map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.key)}
                active={isActive(item.to)}
                onClick={close}
                data-testid={item.testId}
                variant="light"
              />
            ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <ConnectionStatus userId={user.id} />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      {passwordWanted ? (
        <Suspense fallback={null}>
          <ChangePasswordModal opened={passwordOpened} onClose={closePassword} />
        </Suspense>
      ) : null}
    </AppShell>
  );
}
