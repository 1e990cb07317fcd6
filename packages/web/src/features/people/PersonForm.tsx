import { useState } from 'react';
import { Alert, Autocomplete, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { PAKISTAN_PROVINCES, sexes, type CreatePersonBody, type DuplicateCandidate, type Person, type Sex } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { useCountryOptions } from '../../lib/countries';
import { asEnum, enumOptions } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { keys } from '../../lib/queries';
import { useOrganizationOptions } from '../organizations/organizations.queries';
import { reasonLabels } from './duplicateReasons';

type FormState = {
  fullName: string;
  /** '' until someone chooses: a new person's sex is never assumed "not recorded" by default. */
  sex: Sex | '';
  organizationId: string;
  designation: string;
  province: string;
  district: string;
  phone: string;
  email: string;
  birthYear: string;
  countryCode: string;
};

function fromPerson(person: Person | undefined): FormState {
  return {
    fullName: person?.fullName ?? '',
    sex: person?.sex ?? '',
    organizationId: person?.organization?.id ?? '',
    designation: person?.designation ?? '',
    province: person?.province ?? '',
    district: person?.district ?? '',
    phone: person?.phone ?? '',
    email: person?.email ?? '',
    birthYear: person?.birthYear ? String(person.birthYear) : '',
    countryCode: person?.countryCode ?? (person ? '' : 'PK'),
  };
}

function toBody(form: FormState): CreatePersonBody {
  const year = form.birthYear.trim() === '' ? null : Number(form.birthYear.trim());
  return {
    fullName: form.fullName,
    // Never '' here: the form's rule below refuses to submit until a sex is chosen.
    sex: form.sex === '' ? 'unknown' : form.sex,
    organizationId: form.organizationId || null,
    designation: form.designation,
    province: form.province,
    district: form.district,
    phone: form.phone,
    email: form.email.trim(),
    birthYear: year !== null && Number.isFinite(year) ? year : null,
    countryCode: form.countryCode || null,
  };
}

/**
 * Create or edit a person. Creating first asks the server for likely duplicates and lets the user pick one
 * ("Use this person") or create anyway.
 */
export function PersonForm({
  person,
  onSaved,
  onUseExisting,
  onCancel,
  submitLabel,
}: {
  person?: Person;
  onSaved: (person: Person) => void;
  onUseExisting?: (person: Person) => void;
  onCancel?: () => void;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const organizations = useOrganizationOptions();
  const countries = useCountryOptions();
  const form = useContractForm<FormState, CreatePersonBody>({
    initialValues: fromPerson(person),
    schema: 'zCreatePersonBody',
    toBody,
    t,
    rules: (values) => (values.sex === '' ? { sex: t('validation.required') } : {}),
    // A changed field may no longer match the candidates shown.
    onValuesChange: () => setCandidates(null),
  });

  const check = useMutation({
    mutationFn: (body: CreatePersonBody) =>
      api.call('findDuplicates', {
        query: {
          fullName: body.fullName,
          organizationId: body.organizationId ?? undefined,
          phone: body.phone ?? undefined,
          email: body.email ?? undefined,
        },
      }),
  });
  const save = useMutation({
    mutationFn: (body: CreatePersonBody) => (person ? api.call('updatePerson', { params: { id: person.id }, body }) : api.call('createPerson', { body })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: keys.people });
      void queryClient.invalidateQueries({ queryKey: keys.dashboard });
      queryClient.setQueryData(keys.person(saved.id), saved);
      onSaved(saved);
    },
    onError: (error) => applyServerErrors(form, error),
  });

  const submit = async (values: FormState) => {
    const body = toBody(values);
    if (!person && candidates === null && body.fullName.trim() !== '') {
      try {
        const result = await check.mutateAsync(body);
        if (result.candidates.length > 0) {
          setCandidates(result.candidates);
          return;
        }
      } catch {
        // The duplicate check is advice: if it fails, still let the server validate and create.
      }
    }
    save.mutate(body);
  };

  const orgOptions = (organizations.data?.items ?? []).map((o) => ({ value: o.id, label: organizationLabel(o) }));
  if (person?.organization && !orgOptions.some((o) => o.value === person.organization?.id)) {
    orgOptions.push({ value: person.organization.id, label: organizationLabel(person.organization) });
  }

  return (
    <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate data-testid="person-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="person-form-error" /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('person.fullName')} required {...form.getInputProps('fullName')} data-testid="person-form-fullName" />
          <Select
            label={t('person.sex')}
            required
            data={enumOptions(t, 'sex', sexes)}
            placeholder={t('person.chooseSex')}
            {...form.getInputProps('sex')}
            value={form.values.sex || null}
            onChange={(v) => {
              const value = asEnum(sexes, v);
              if (value) form.setFieldValue('sex', value);
            }}
            allowDeselect={false}
            data-testid="person-form-sex"
          />
          <Select
            label={t('person.organization')}
            data={orgOptions}
            {...form.getInputProps('organizationId')}
            value={form.values.organizationId || null}
            onChange={(v) => form.setFieldValue('organizationId', v ?? '')}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="person-form-organization"
          />
          <TextInput label={t('person.designation')} {...form.getInputProps('designation')} data-testid="person-form-designation" />
          <Autocomplete label={t('person.province')} data={[...PAKISTAN_PROVINCES]} {...form.getInputProps('province')} data-testid="person-form-province" />
          <TextInput label={t('person.district')} {...form.getInputProps('district')} data-testid="person-form-district" />
          <TextInput label={t('person.phone')} type="tel" dir="ltr" {...form.getInputProps('phone')} data-testid="person-form-phone" />
          <TextInput label={t('person.email')} type="email" dir="ltr" {...form.getInputProps('email')} data-testid="person-form-email" />
          <TextInput
            label={t('person.birthYear')}
            inputMode="numeric"
            {...form.getInputProps('birthYear')}
            onChange={(e) => form.setFieldValue('birthYear', e.currentTarget.value.replace(/[^0-9]/g, '').slice(0, 4))}
            data-testid="person-form-birthYear"
          />
          <Select
            label={t('person.country')}
            data={countries}
            {...form.getInputProps('countryCode')}
            value={form.values.countryCode || null}
            onChange={(v) => form.setFieldValue('countryCode', v ?? '')}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="person-form-countryCode"
          />
        </SimpleGrid>
        {candidates && candidates.length > 0 ? (
          <Alert color="yellow" title={t('person.duplicatesTitle')} data-testid="person-duplicates">
            <Text size="sm" mb="sm">
              {t('person.duplicatesText')}
            </Text>
            <Stack gap="xs">
              {candidates.map((c) => (
                <Card key={c.person.id} withBorder padding="xs" data-testid="person-duplicate">
                  <Group justify="space-between" gap="xs">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text fw={600}>{c.person.fullName}</Text>
                      <Text size="sm" c="dimmed">
                        {[organizationLabel(c.person.organization), c.person.designation, c.person.province].filter(Boolean).join(t('common.listSeparator'))}
                      </Text>
                      <Group gap={4} mt={4}>
                        {reasonLabels(t, c.reasons).map((r) => (
                          <Badge key={r} size="sm" variant="light" color="yellow">
                            {r}
                          </Badge>
                        ))}
                      </Group>
                    </Stack>
                    {onUseExisting ? (
                      <Button size="xs" style={{ flexShrink: 0 }} onClick={() => onUseExisting(c.person)} data-testid={`person-duplicate-use-${c.person.id}`}>
                        {t('person.useThis')}
                      </Button>
                    ) : null}
                  </Group>
                </Card>
              ))}
            </Stack>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} data-testid="person-form-cancel">
              {t('common.cancel')}
            </Button>
          ) : null}
          {candidates && candidates.length > 0 ? (
            <Button color="yellow" onClick={() => save.mutate(toBody(form.getValues()))} loading={save.isPending} data-testid="person-create-anyway">
              {t('person.createAnyway')}
            </Button>
          ) : (
            <Button type="submit" loading={save.isPending || check.isPending} data-testid="person-form-submit">
              {submitLabel ?? t('common.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
