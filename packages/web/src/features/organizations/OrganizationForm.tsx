import { useState, type FormEvent } from 'react';
import { Autocomplete, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  PAKISTAN_PROVINCES,
  organizationTypes,
  type CreateOrganizationBody,
  type Organization,
  type OrganizationType,
} from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, fieldErrors } from '../../lib/api';
import { missingRequired } from '../../lib/validation';
import { useCountryOptions } from '../../lib/countries';
import { asEnum, enumOptions } from '../../lib/options';
import { keys } from '../../lib/queries';
import { useMe } from '../auth/session';

type FormState = { name: string; acronym: string; type: OrganizationType; countryCode: string; province: string };

export function OrganizationForm({
  organization,
  onSaved,
  onCancel,
}: {
  organization?: Organization;
  onSaved: (organization: Organization) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // A user limited to some countries names one of theirs (the server refuses an organisation of no country from them).
  const limitedTo = useMe().data?.countries ?? null;
  const allCountries = useCountryOptions();
  const countries = limitedTo ? allCountries.filter((c) => limitedTo.includes(c.value)) : allCountries;
  const [form, setForm] = useState<FormState>({
    name: organization?.name ?? '',
    acronym: organization?.acronym ?? '',
    type: organization?.type ?? 'government',
    countryCode: organization ? (organization.countryCode ?? '') : (limitedTo?.[0] ?? 'PK'),
    province: organization?.province ?? '',
  });
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: (body: CreateOrganizationBody) =>
      organization
        ? api.patch<Organization>(`/api/organizations/${organization.id}`, body)
        : api.post<Organization>('/api/organizations', body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: keys.organizations });
      void queryClient.invalidateQueries({ queryKey: keys.dashboard });
      queryClient.setQueryData(keys.organization(saved.id), saved);
      onSaved(saved);
    },
  });
  const [missing, setMissing] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(save.error), ...missing };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = missingRequired(form, limitedTo ? ['name', 'countryCode'] : ['name'], t('validation.required'));
    setMissing(required);
    if (Object.keys(required).length > 0) return;
    save.mutate({
      name: form.name,
      acronym: form.acronym,
      type: form.type,
      countryCode: form.countryCode || null,
      province: form.province,
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="organization-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="organization-form-error" /> : null}
        <TextInput
          label={t('organization.name')}
          required
          value={form.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          data-testid="organization-form-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('organization.acronym')}
            value={form.acronym}
            onChange={(e) => set('acronym', e.currentTarget.value)}
            error={errors.acronym}
            data-testid="organization-form-acronym"
          />
          <Select
            label={t('organization.type')}
            required
            data={enumOptions(t, 'organizationType', organizationTypes)}
            value={form.type}
            allowDeselect={false}
            onChange={(v) => {
              const value = asEnum(organizationTypes, v);
              if (value) set('type', value);
            }}
            error={errors.type}
            data-testid="organization-form-type"
          />
          <Select
            label={t('organization.country')}
            data={countries}
            value={form.countryCode || null}
            onChange={(v) => set('countryCode', v ?? '')}
            required={limitedTo !== null}
            searchable
            clearable={limitedTo === null}
            nothingFoundMessage={t('common.nothingFound')}
            error={errors.countryCode}
            data-testid="organization-form-countryCode"
          />
          <Autocomplete
            label={t('organization.province')}
            data={[...PAKISTAN_PROVINCES]}
            value={form.province}
            onChange={(v) => set('province', v)}
            error={errors.province}
            data-testid="organization-form-province"
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="organization-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="organization-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
