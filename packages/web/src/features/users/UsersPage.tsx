import { lazy, Suspense, useState } from 'react';
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Navigate } from 'react-router';
import { useTranslation } from '../../i18n';
import { needsSecondFactor, type UserListItem } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ListPage, singlePageState, type Column } from '../../components/ListPage';
import { useMe } from '../auth/session';
import { useFormat } from '../../lib/format';
import { provinceLabel } from '../../lib/options';
import { can } from '../../lib/permissions';
import { useResetSecondFactor, useUsers } from './users.queries';
import { PageLoader } from '../../components/PageLoader';
import { lacksAgency } from './agency';

// Fetched when the dialog first opens: the form's selects are not part of the list's first load.
const UserForm = lazy(() => import('./UserForm'));

// A badge keeps its whole word: the table narrows the other columns first (the agency column made it tight).
const WHOLE = { minWidth: 'max-content' };

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserListItem } | null;

export default function UsersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const allowed = can.manageUsers(me.data ?? null);
  const users = useUsers(allowed);
  const [editing, setEditing] = useState<Editing>(null);
  const [resetting, setResetting] = useState<UserListItem | null>(null);
  const reset = useResetSecondFactor();
  if (!allowed) return <Navigate to="/" replace />;

  const columns: Column<UserListItem>[] = [
    { key: 'name', header: t('user.name'), fw: 600, cell: (u) => u.name },
    { key: 'email', header: t('user.email'), cell: (u) => <span className="ltr-data">{u.email}</span> },
    { key: 'role', header: t('user.role'), cell: (u) => t(`role.${u.role}`) },
    {
      key: 'countries',
      header: t('user.countries'),
      cell: (u) => (u.countries ? u.countries.map((c) => f.country(c)).join(t('common.listSeparator')) : t('user.allCountries')),
    },
    {
      key: 'agency',
      header: t('user.agency'),
      // The case roles' agency (and a data officer's provinces); a warning where one is needed and missing.
      cell: (u) =>
        lacksAgency(u) ? (
          <Text size="sm" c="orange.9" data-testid={`user-no-agency-${u.id}`}>
            {t('user.noAgency')}
          </Text>
        ) : u.organizationName || u.provinces ? (
          <Stack gap={0} data-testid={`user-agency-${u.id}`}>
            {u.organizationName ? (
              <Text size="sm" dir="auto">
                {u.organizationName}
              </Text>
            ) : null}
            {u.provinces ? (
              <Text size="xs" c="dimmed">
                {u.provinces.map((p) => provinceLabel(t, p)).join(t('common.listSeparator'))}
              </Text>
            ) : null}
          </Stack>
        ) : null,
    },
    {
      key: 'active',
      header: t('user.active'),
      nowrap: true,
      cell: (u) => (
        <Badge variant="light" color={u.active ? 'teal' : 'gray'} style={WHOLE}>
          {u.active ? t('user.activeYes') : t('user.activeNo')}
        </Badge>
      ),
    },
    {
      key: 'secondFactor',
      header: t('user.secondFactor'),
      nowrap: true,
      // Only the case roles sign in with a second factor.
      cell: (u) =>
        needsSecondFactor(u.role) ? (
          <Badge variant="light" color={u.secondFactorEnrolled ? 'teal' : 'yellow'} style={WHOLE} data-testid={`user-second-factor-${u.id}`}>
            {u.secondFactorEnrolled ? t('user.secondFactorOn') : t('user.secondFactorOff')}
          </Badge>
        ) : null,
    },
    {
      key: 'actions',
      header: null,
      cell: (u) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => setEditing({ mode: 'edit', user: u })} data-testid={`user-edit-${u.id}`}>
            {t('common.edit')}
          </Button>
          {needsSecondFactor(u.role) && u.secondFactorEnrolled ? (
            <Button size="xs" variant="default" color="red" onClick={() => setResetting(u)} data-testid={`user-reset-second-factor-${u.id}`}>
              {t('user.resetSecondFactor')}
            </Button>
          ) : null}
        </Group>
      ),
    },
  ];

  return (
    <ListPage
      testId="users"
      title={t('users.title')}
      actions={
        <Button onClick={() => setEditing({ mode: 'create' })} data-testid="user-create">
          {t('users.new')}
        </Button>
      }
      list={singlePageState(users)}
      columns={columns}
      rowKey={(u) => u.id}
      rowProps={(u) => ({ 'data-testid': 'user-row', 'data-user-id': u.id })}
      emptyText={t('users.none')}
      tableMinWidth={1100}
      highlightOnHover={false}
    >
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? t('user.editTitle') : t('users.new')}
        size="lg"
        data-testid="user-modal"
      >
        {editing ? (
          <Suspense fallback={<PageLoader />}>
            <UserForm
              user={editing.mode === 'edit' ? editing.user : undefined}
              onDone={() => {
                notifications.show({ message: t('common.saved'), color: 'teal' });
                setEditing(null);
              }}
              onCancel={() => setEditing(null)}
            />
          </Suspense>
        ) : null}
      </AppModal>
      <ConfirmModal
        opened={resetting !== null}
        title={t('user.resetSecondFactor')}
        message={t('user.resetSecondFactorConfirm', { name: resetting?.name ?? '' })}
        confirmLabel={t('user.resetSecondFactor')}
        danger
        loading={reset.isPending}
        error={reset.error}
        testId="reset-second-factor"
        onClose={() => {
          reset.reset();
          setResetting(null);
        }}
        onConfirm={() =>
          resetting &&
          reset.mutate(resetting.id, {
            onSuccess: () => {
              notifications.show({ message: t('user.secondFactorReset'), color: 'teal' });
              setResetting(null);
            },
          })
        }
      />
    </ListPage>
  );
}
