import { Autocomplete, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { PAKISTAN_PROVINCES, organizationTypes, type CreateOrganizationBody, type Organization, type OrganizationType } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { useCountryOptions } from '../../lib/countries';
import { asEnum, enumOptions } from '../../lib/options';
import { keys } from '../../lib/queries';
import { useMe } from '../auth/session';

type FormState = { name: string; acronym: string; type: OrganizationType; countryCode: string; province: string };

function toBody(form: FormState): CreateOrganizationBody {
  return { name: form.name, acronym: form.acronym, type: form.type, countryCode: form.countryCode || null, province: form.province };
}

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
  const form = useContractForm<FormState, CreateOrganizationBody>({
    initialValues: {
      name: organization?.name ?? '',
      acronym: organization?.acronym ?? '',
      type: organization?.type ?? 'government',
      countryCode: organization ? (organization.countryCode ?? '') : (limitedTo?.[0] ?? 'PK'),
      province: organization?.province ?? '',
    },
    schema: 'zCreateOrganizationBody',
    toBody,
    t,
    rules: (values) => (limitedTo && !values.countryCode ? { countryCode: t('validation.required') } : {}),
  });
  const save = useMutation({
    mutationFn: (body: CreateOrganizationBody) =>
      organization ? api.call('updateOrganization', { params: { id: organization.id }, body }) : api.call('createOrganization', { body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: keys.organizations });
      void queryClient.invalidateQueries({ queryKey: keys.dashboard });
      queryClient.setQueryData(keys.organization(saved.id), saved);
      onSaved(saved);
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(toBody(values)))} noValidate data-testid="organization-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="organization-form-error" /> : null}
        <TextInput label={t('organization.name')} required {...form.getInputProps('name')} data-testid="organization-form-name" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('organization.acronym')} {...form.getInputProps('acronym')} data-testid="organization-form-acronym" />
          <Select
            label={t('organization.type')}
            required
            data={enumOptions(t, 'organizationType', organizationTypes)}
            {...form.getInputProps('type')}
            allowDeselect={false}
            onChange={(v) => {
              const value = asEnum(organizationTypes, v);
              if (value) form.setFieldValue('type', value);
            }}
            data-testid="organization-form-type"
          />
          <Select
            label={t('organization.country')}
            data={countries}
            {...form.getInputProps('countryCode')}
            value={form.values.countryCode || null}
            onChange={(v) => form.setFieldValue('countryCode', v ?? '')}
            required={limitedTo !== null}
            searchable
            clearable={limitedTo === null}
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="organization-form-countryCode"
          />
          <Autocomplete
            label={t('organization.province')}
            data={[...PAKISTAN_PROVINCES]}
            {...form.getInputProps('province')}
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
