import { lazy, Suspense, useState } from 'react';
import { AppShell, Box, Burger, Group, NavLink, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { roleMay } from '@hifazat/contract';
import { useTranslation } from '../i18n';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageLoader } from '../components/PageLoader';
import { useLogout, useMe } from '../features/auth/session';
import { can } from '../lib/permissions';
import { UserMenuButton } from './UserMenuButton';
import '../features/services/navStrings';

// Fetched when first opened: a dialog and its form are not part of every page's first load.
const UserMenu = lazy(() => import('./UserMenu'));
const OwnSecondFactorModal = lazy(() => import('../features/auth/OwnSecondFactorModal').then((m) => ({ default: m.OwnSecondFactorModal })));
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
  const [menuWanted, setMenuWanted] = useState(false);
  const [secondFactorOpened, setSecondFactorOpened] = useState(false);

  if (me.isPending) return <PageLoader />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const user = me.data;

  // The case roles see nothing of the training register: their menu has the home page only.
  const register = can.readRegister(user);
  const items: NavItem[] = [
    { to: '/', key: register ? 'nav.dashboard' : 'nav.home', testId: 'nav-dashboard', visible: true },
    { to: '/events', key: 'nav.events', testId: 'nav-events', visible: register },
    { to: '/people', key: 'nav.people', testId: 'nav-people', visible: register },
    { to: '/organizations', key: 'nav.organizations', testId: 'nav-organizations', visible: register },
    { to: '/programmes', key: 'nav.programmes', testId: 'nav-programmes', visible: register },
    { to: '/reports', key: 'nav.reports', testId: 'nav-reports', visible: register },
    { to: '/learning', key: 'nav.learning', testId: 'nav-learning', visible: register },
    { to: '/cascades', key: 'nav.cascades', testId: 'nav-cascades', visible: register },
    { to: '/campaigns', key: 'nav.campaigns', testId: 'nav-campaigns', visible: register },
    // Case files: the case roles that keep them (an administrator opens one only through break-glass, from its link).
    { to: '/cases', key: 'nav.cases', testId: 'nav-cases', visible: user.role === 'data_officer' || user.role === 'supervisor' },
    // The service directory: the case roles that refer, the keepers, and providers (their own services).
    { to: '/services', key: 'servicesNav:label', testId: 'nav-services', visible: roleMay(user.role, 'services.read') },
    { to: '/referrals', key: 'servicesNav:referrals', testId: 'nav-referrals', visible: roleMay(user.role, 'referrals.read') },
    { to: '/screening-aid', key: 'nav.screeningAid', testId: 'nav-screening-aid', visible: true },
    { to: '/case-statistics', key: 'nav.caseStatistics', testId: 'nav-case-statistics', visible: can.readCaseStatistics(user) },
    // The bank opens read-only for viewers too (/questions); the menu offers it to those who write questions.
    { to: '/questions', key: 'nav.questions', testId: 'nav-questions', visible: can.writeQuestions(user) },
    // Questionnaire templates likewise (/questionnaires, read-only for viewers).
    { to: '/questionnaires', key: 'nav.questionnaires', testId: 'nav-questionnaires', visible: can.writeFeedbackTemplates(user) },
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
            {menuWanted ? (
              <Suspense fallback={<UserMenuButton user={user} />}>
                <UserMenu
                  user={user}
                  onChangePassword={() => {
                    setPasswordWanted(true);
                    openPassword();
                  }}
                  onSecondFactor={() => setSecondFactorOpened(true)}
                  onSignOut={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
                />
              </Suspense>
            ) : (
              <UserMenuButton user={user} onClick={() => setMenuWanted(true)} />
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" data-testid="navbar">
        {/* A plain scrolling box: Mantine's ScrollArea came in one chunk with floating-ui. */}
        <Box style={{ overflowY: 'auto' }}>
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
        </Box>
      </AppShell.Navbar>
      <AppShell.Main>
        <ConnectionStatus userId={user.id} />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      {secondFactorOpened ? (
        <Suspense fallback={null}>
          <OwnSecondFactorModal opened onClose={() => setSecondFactorOpened(false)} />
        </Suspense>
      ) : null}
      {passwordWanted ? (
        <Suspense fallback={null}>
          <ChangePasswordModal opened={passwordOpened} onClose={closePassword} />
        </Suspense>
      ) : null}
    </AppShell>
  );
}
