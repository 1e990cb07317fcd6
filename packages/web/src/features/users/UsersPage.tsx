import { useState, type FormEvent } from 'react';
import { Badge, Button, Checkbox, Group, MultiSelect, PasswordInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roles, type CreateUserBody, type Role, type UpdateUserBody, type User } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPage, singlePageState, type Column } from '../../components/ListPage';
import { useMe } from '../auth/session';
import { api, fieldErrors } from '../../lib/api';
import { missingRequired } from '../../lib/validation';
import { useCountryOptions } from '../../lib/countries';
import { useFormat } from '../../lib/format';
import { asEnum, enumOptions } from '../../lib/options';
import { can } from '../../lib/permissions';
import { keys } from '../../lib/queries';
import { useUsers } from './users.queries';

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
          <UserForm
            user={editing.mode === 'edit' ? editing.user : undefined}
            onDone={() => {
              notifications.show({ message: t('common.saved'), color: 'teal' });
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </AppModal>
    </ListPage>
  );
}

function UserForm({ user, onDone, onCancel }: { user?: User; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  // An administrator limited to countries gives at most their own (the server refuses more).
  const ownCountries = me.data?.countries ?? null;
  const allCountryOptions = useCountryOptions();
  const countries = ownCountries === null ? allCountryOptions : allCountryOptions.filter((o) => ownCountries.includes(o.value));
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'trainer');
  const [password, setPassword] = useState('');
  const [allCountries, setAllCountries] = useState(ownCountries === null && (user ? user.countries === null : true));
  const [selected, setSelected] = useState<string[]>(user?.countries ?? ownCountries ?? ['PK']);
  const [active, setActive] = useState(user?.active ?? true);
  const save = useMutation({
    mutationFn: (): Promise<User> => {
      const countryList = allCountries ? null : selected;
      if (user) {
        const body: UpdateUserBody = { name, role, countries: countryList, active };
        if (password) body.password = password;
        return api.patch<User>(`/api/users/${user.id}`, body);
      }
      const body: CreateUserBody = { email, name, role, password, countries: countryList };
      return api.post<User>('/api/users', body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.users });
      void queryClient.invalidateQueries({ queryKey: keys.trainers });
      onDone();
    },
  });
  const [missing, setMissing] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(save.error), ...missing };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = missingRequired({ email, name, password }, user ? ['name'] : ['email', 'name', 'password'], t('validation.required'));
    setMissing(required);
    if (Object.keys(required).length > 0) return;
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate data-testid="user-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="user-form-error" /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('user.email')}
            type="email"
            dir="ltr"
            required
            disabled={!!user}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            data-testid="user-form-email"
          />
          <TextInput label={t('user.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-testid="user-form-name" />
          <Select
            label={t('user.role')}
            required
            data={enumOptions(t, 'role', roles)}
            value={role}
            allowDeselect={false}
            onChange={(v) => setRole(asEnum(roles, v) ?? role)}
            error={errors.role}
            data-testid="user-form-role"
          />
          <PasswordInput
            label={user ? t('user.newPassword') : t('user.password')}
            description={t('user.passwordHelp')}
            required={!user}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            data-testid="user-form-password"
          />
        </SimpleGrid>
        {ownCountries === null ? (
          <Checkbox
            label={t('user.allCountries')}
            checked={allCountries}
            onChange={(e) => setAllCountries(e.currentTarget.checked)}
            data-testid="user-form-all-countries"
          />
        ) : null}
        {!allCountries ? (
          <MultiSelect
            label={t('user.countries')}
            data={countries}
            value={selected}
            onChange={setSelected}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            error={errors.countries}
            data-testid="user-form-countries"
          />
        ) : null}
        {user ? (
          <Switch label={t('user.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} data-testid="user-form-active" />
        ) : null}
        <Text size="xs" c="dimmed">
          {t(`roleHelp.${role}`)}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="user-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="user-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
