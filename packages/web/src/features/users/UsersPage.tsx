import { lazy, Suspense, useState } from 'react';
import { Badge, Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Navigate } from 'react-router';
import { useTranslation } from '../../i18n';
import { type User } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ListPage, singlePageState, type Column } from '../../components/ListPage';
import { useMe } from '../auth/session';
import { useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useUsers } from './users.queries';
import { PageLoader } from '../../components/PageLoader';

// Fetched when the dialog first opens: the form's selects are not part of the list's first load.
const UserForm = lazy(() => import('./UserForm'));

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

export default function UsersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const allowed = can.manageUsers(me.data ?? null);
  const users = useUsers(allowed);
  const [editing, setEditing] = useState<Editing>(null);
  if (!allowed) return <Navigate to="/" replace />;

  const columns: Column<User>[] = [
    { key: 'name', header: t('user.name'), fw: 600, cell: (u) => u.name },
    { key: 'email', header: t('user.email'), cell: (u) => <span className="ltr-data">{u.email}</span> },
    { key: 'role', header: t('user.role'), cell: (u) => t(`role.${u.role}`) },
    {
      key: 'countries',
      header: t('user.countries'),
      cell: (u) => (u.countries ? u.countries.map((c) => f.country(c)).join(t('common.listSeparator')) : t('user.allCountries')),
    },
    {
      key: 'active',
      header: t('user.active'),
      cell: (u) => (
        <Badge variant="light" color={u.active ? 'teal' : 'gray'}>
          {u.active ? t('user.activeYes') : t('user.activeNo')}
        </Badge>
      ),
    },
    {
      key: 'actions',
      header: null,
      cell: (u) => (
        <Button size="xs" variant="default" onClick={() => setEditing({ mode: 'edit', user: u })} data-testid={`user-edit-${u.id}`}>
          {t('common.edit')}
        </Button>
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
      tableMinWidth={760}
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
    </ListPage>
  );
}
