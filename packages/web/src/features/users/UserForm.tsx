import { useMemo } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  PasswordInput,
  Pill,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  type OptionsFilter,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { PAKISTAN_PROVINCES, roles, type CreateUserBody, type Role, type UpdateUserBody, type UserListItem } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useMe } from '../auth/session';
import { api } from '../../lib/api';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { useCountryOptions } from '../../lib/countries';
import { asEnum, enumOptions, provinceLabel, type Option } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { keys } from '../../lib/queries';
import { useOrganizationOptions } from '../organizations/organizations.queries';
import { agencyBody, canonicalProvinces, needsAgency, takesAgency, takesProvinces } from './agency';
import './grantStrings';

/** The justice track's grant goes only to a data officer or a supervisor (the server refuses the others). */
const caseWorker = (role: Role) => role === 'data_officer' || role === 'supervisor';
const justiceBody = (values: { role: Role; justiceAccess: boolean }) => (caseWorker(values.role) ? { justiceAccess: values.justiceAccess } : {});

type UserFormValues = {
  email: string;
  name: string;
  role: Role;
  password: string;
  allCountries: boolean;
  countries: string[];
  /** The agency's id; '' for none. */
  organizationId: string;
  provinces: string[];
  justiceAccess: boolean;
  active: boolean;
};

export default function UserForm({ user, onDone, onCancel }: { user?: UserListItem; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  // An administrator limited to countries gives at most their own (the server refuses more).
  const ownCountries = me.data?.countries ?? null;
  const allCountryOptions = useCountryOptions();
  const countries = ownCountries === null ? allCountryOptions : allCountryOptions.filter((o) => ownCountries.includes(o.value));
  const countryList = (values: UserFormValues) => (values.allCountries ? null : values.countries);
  const createBody = (values: UserFormValues): CreateUserBody => ({
    email: values.email,
    name: values.name,
    role: values.role,
    password: values.password,
    countries: countryList(values),
    ...agencyBody(values, t),
    ...justiceBody(values),
  });
  const updateBody = (values: UserFormValues): UpdateUserBody => {
    const body: UpdateUserBody = {
      name: values.name,
      role: values.role,
      countries: countryList(values),
      ...agencyBody(values, t),
      ...justiceBody(values),
      active: values.active,
    };
    if (values.password) body.password = values.password;
    return body;
  };
  const toBody = (values: UserFormValues): CreateUserBody | UpdateUserBody => (user ? updateBody(values) : createBody(values));
  const form = useContractForm<UserFormValues, CreateUserBody | UpdateUserBody>({
    initialValues: {
      email: user?.email ?? '',
      name: user?.name ?? '',
      role: user?.role ?? 'trainer',
      password: '',
      allCountries: ownCountries === null && (user ? user.countries === null : true),
      countries: user?.countries ?? ownCountries ?? ['PK'],
      organizationId: user?.organizationId ?? '',
      provinces: user?.provinces ?? [],
      justiceAccess: user?.justiceAccess ?? false,
      active: user?.active ?? true,
    },
    schema: user ? 'zUpdateUserBody' : 'zCreateUserBody',
    toBody,
    t,
    // Editing leaves the name required, though the API would take a body without it.
    rules: (values) => (values.name.trim() === '' ? { name: t('validation.required') } : {}),
  });
  const organizations = useOrganizationOptions();
  const agencyOptions = useMemo<Option[]>(() => {
    const options = (organizations.data?.items ?? []).map((o) => ({ value: o.id, label: organizationLabel(o) }));
    // The account's own agency, when it is not among the first 500 the select offers.
    if (user?.organizationId && user.organizationName && !options.some((o) => o.value === user.organizationId)) {
      options.unshift({ value: user.organizationId, label: user.organizationName });
    }
    return options;
  }, [organizations.data, user?.organizationId, user?.organizationName]);
  // A province is found by its name in either language.
  const provinceFilter: OptionsFilter = ({ options, search }) => {
    const wanted = search.trim().toLocaleLowerCase();
    return options.filter(
      (o) => 'value' in o && (!wanted || [o.value, provinceLabel(t, o.value) ?? ''].some((name) => name.toLocaleLowerCase().includes(wanted))),
    );
  };
  const role = form.values.role;
  const save = useMutation({
    mutationFn: (values: UserFormValues) =>
      user ? api.call('updateUser', { params: { id: user.id }, body: updateBody(values) }) : api.call('createUser', { body: createBody(values) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.users });
      void queryClient.invalidateQueries({ queryKey: keys.trainers });
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate data-testid="user-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="user-form-error" /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('user.email')} type="email" dir="ltr" required disabled={!!user} {...form.getInputProps('email')} data-testid="user-form-email" />
          <TextInput label={t('user.name')} required {...form.getInputProps('name')} data-testid="user-form-name" />
          <Select
            label={t('user.role')}
            required
            data={enumOptions(t, 'role', roles)}
            {...form.getInputProps('role')}
            allowDeselect={false}
            onChange={(v) => form.setFieldValue('role', asEnum(roles, v) ?? form.values.role)}
            data-testid="user-form-role"
          />
          <PasswordInput
            label={user ? t('user.newPassword') : t('user.password')}
            description={t('user.passwordHelp')}
            required={!user}
            autoComplete="new-password"
            {...form.getInputProps('password')}
            data-testid="user-form-password"
          />
        </SimpleGrid>
        {ownCountries === null ? (
          <Checkbox label={t('user.allCountries')} {...form.getInputProps('allCountries', { type: 'checkbox' })} data-testid="user-form-all-countries" />
        ) : null}
        {!form.values.allCountries ? (
          <MultiSelect
            label={t('user.countries')}
            data={countries}
            {...form.getInputProps('countries')}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="user-form-countries"
          />
        ) : null}
        {takesAgency(role) ? (
          <Select
            label={t('user.agency')}
            description={t('user.agencyHelp')}
            data={agencyOptions}
            {...form.getInputProps('organizationId')}
            // '' is the form's "none"; for the select that is no value at all (no clear button to offer).
            value={form.values.organizationId || null}
            onChange={(v) => form.setFieldValue('organizationId', v ?? '')}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="user-form-agency"
          />
        ) : null}
        {needsAgency(role) && !form.values.organizationId ? (
          <Alert color="yellow" p="xs" data-testid="user-form-no-agency">
            {t('user.noAgencyWarning')}
          </Alert>
        ) : null}
        {takesProvinces(role) ? (
          <TagsInput
            label={t('user.provinces')}
            description={t('user.provincesHelp')}
            data={[...PAKISTAN_PROVINCES]}
            {...form.getInputProps('provinces')}
            onChange={(v) => form.setFieldValue('provinces', canonicalProvinces(v, t))}
            filter={provinceFilter}
            renderOption={({ option }) => provinceLabel(t, option.value)}
            renderPill={({ value, onRemove, disabled }) => (
              <Pill withRemoveButton={!disabled} onRemove={onRemove} data-testid="user-form-province">
                {provinceLabel(t, value ?? '')}
              </Pill>
            )}
            clearable
            data-testid="user-form-provinces"
          />
        ) : null}
        {caseWorker(role) ? (
          <Checkbox
            label={t('userGrants:justiceAccess')}
            description={t('userGrants:justiceAccessHelp')}
            {...form.getInputProps('justiceAccess', { type: 'checkbox' })}
            data-testid="user-form-justice"
          />
        ) : null}
        {user ? <Switch label={t('user.active')} {...form.getInputProps('active', { type: 'checkbox' })} data-testid="user-form-active" /> : null}
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
