import { useState } from 'react';
import { Button, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  commonServiceLanguages,
  PAKISTAN_PROVINCES,
  serviceCaseKinds,
  serviceStatuses,
  serviceTypes,
  sexes,
  weekDays,
  type CreateServiceBody,
  type Service,
} from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { enumOptions, provinceLabel } from '../../lib/options';
import { digits } from './ServiceBits';
import { useProviderAccounts } from './services.queries';
import './strings';

export type ServiceFormValues = {
  name: string;
  description: string;
  type: string;
  status: string;
  countryCode: string;
  province: string;
  district: string;
  sexes: string[];
  minimumAge: number | string;
  maximumAge: number | string;
  caseKinds: string[];
  nationalities: string;
  eligibilityNote: string;
  languages: string[];
  open24Hours: boolean;
  days: string[];
  opensAt: string;
  closesAt: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  address1: string;
  city: string;
  postalCode: string;
  addressConfidential: boolean;
  bedsTotal: number | string;
  providerUserIds: string[];
};

export function emptyServiceForm(countryCode: string): ServiceFormValues {
  return {
    name: '',
    description: '',
    type: 'shelter',
    status: 'active',
    countryCode,
    province: '',
    district: '',
    sexes: [],
    minimumAge: '',
    maximumAge: '',
    caseKinds: [],
    nationalities: '',
    eligibilityNote: '',
    languages: [],
    open24Hours: false,
    days: [],
    opensAt: '09:00',
    closesAt: '17:00',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    address1: '',
    city: '',
    postalCode: '',
    addressConfidential: true,
    bedsTotal: '',
    providerUserIds: [],
  };
}

export function serviceFormOf(s: Service): ServiceFormValues {
  const hours = s.openingHours[0];
  return {
    ...emptyServiceForm(s.countryCode),
    name: s.name,
    description: s.description ?? '',
    type: s.type,
    status: s.status,
    province: s.province ?? '',
    district: s.district ?? '',
    sexes: s.eligibility.sexes,
    minimumAge: s.eligibility.minimumAge ?? '',
    maximumAge: s.eligibility.maximumAge ?? '',
    caseKinds: s.eligibility.caseKinds,
    nationalities: s.eligibility.nationalities.join(', '),
    eligibilityNote: s.eligibility.description ?? '',
    languages: s.languages,
    open24Hours: s.open24Hours,
    days: hours?.days ?? [],
    opensAt: hours?.opensAt ?? '09:00',
    closesAt: hours?.closesAt ?? '17:00',
    contactName: s.referralContact.name ?? '',
    contactPhone: s.referralContact.phone ?? '',
    contactEmail: s.referralContact.email ?? '',
    address1: s.address?.address1 ?? '',
    city: s.address?.city ?? '',
    postalCode: s.address?.postalCode ?? '',
    addressConfidential: s.addressConfidential,
    bedsTotal: s.capacity.bedsTotal ?? '',
    providerUserIds: s.providers.map((p) => p.id),
  };
}

const numberOrNull = (v: number | string) => (v === '' ? null : Number(v));

/** The body the server takes; an address withheld from the form (never for a keeper) is left unchanged. */
export function serviceBody(v: ServiceFormValues): CreateServiceBody {
  return {
    name: v.name,
    description: v.description,
    type: v.type as CreateServiceBody['type'],
    status: v.status as NonNullable<CreateServiceBody['status']>,
    countryCode: v.countryCode,
    province: v.province,
    district: v.district,
    eligibility: {
      sexes: v.sexes as Array<(typeof sexes)[number]>,
      minimumAge: numberOrNull(v.minimumAge),
      maximumAge: numberOrNull(v.maximumAge),
      caseKinds: v.caseKinds as Array<(typeof serviceCaseKinds)[number]>,
      nationalities: v.nationalities
        .split(/[,\s]+/)
        .map((c) => c.trim())
        .filter(Boolean),
      description: v.eligibilityNote,
    },
    languages: v.languages,
    open24Hours: v.open24Hours,
    openingHours: v.days.length ? [{ days: v.days as Array<(typeof weekDays)[number]>, opensAt: v.opensAt, closesAt: v.closesAt }] : [],
    referralContact: { name: v.contactName, phone: v.contactPhone, email: v.contactEmail },
    address: v.address1.trim() ? { address1: v.address1, city: v.city, postalCode: v.postalCode } : null,
    addressConfidential: v.addressConfidential,
    bedsTotal: numberOrNull(v.bedsTotal),
    providerUserIds: v.providerUserIds,
  };
}

/** The server's field errors by form field (eligibility.minimumAge → minimumAge). */
function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const d of error.details) {
    const last = (d.path ?? '')
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop();
    if (last && !(last in result)) result[last] = d.message;
  }
  return result;
}

type Props = {
  initialValues: ServiceFormValues;
  onSubmit: (values: ServiceFormValues) => void;
  saving: boolean;
  error: unknown;
  submitLabel: string;
  onCancel: () => void;
};

export function ServiceForm({ initialValues, onSubmit, saving, error, submitLabel, onCancel }: Props) {
  const { t } = useTranslation();
  const [v, setValues] = useState(initialValues);
  const set = <K extends keyof ServiceFormValues>(key: K, value: ServiceFormValues[K]) => setValues((old) => ({ ...old, [key]: value }));
  const errors = fieldErrors(error);
  const providers = useProviderAccounts(true);
  const checks = (
    key: 'sexes' | 'caseKinds' | 'languages' | 'days' | 'providerUserIds',
    options: Array<{ value: string; label: string }>,
    testId: string,
    label?: string,
  ) => (
    <Checkbox.Group label={label} value={v[key]} onChange={(value) => set(key, value)} error={errors[key]} data-testid={testId}>
      <Group gap="sm" mt={4}>
        {options.map((o) => (
          <Checkbox key={o.value} value={o.value} label={o.label} data-testid={`${testId}-${o.value}`} />
        ))}
      </Group>
    </Checkbox.Group>
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(v);
      }}
      data-testid="service-form"
    >
      <Stack gap="md" maw={900}>
        <Card withBorder padding="sm">
          <Stack gap="sm">
            <TextInput
              label={t('services:field.name')}
              required
              value={v.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              data-testid="service-name"
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NativeSelect
                label={t('services:field.type')}
                data={enumOptions(t, 'services:type', serviceTypes)}
                value={v.type}
                onChange={(e) => set('type', e.currentTarget.value)}
                data-testid="service-type"
              />
              <NativeSelect
                label={t('services:field.status')}
                data={enumOptions(t, 'services:status', serviceStatuses)}
                value={v.status}
                onChange={(e) => set('status', e.currentTarget.value)}
                data-testid="service-status"
              />
            </SimpleGrid>
            <Textarea
              label={t('services:field.description')}
              autosize
              minRows={2}
              value={v.description}
              onChange={(e) => set('description', e.currentTarget.value)}
            />
          </Stack>
        </Card>
        <Card withBorder padding="sm">
          <Title order={3} size="h5" mb="xs">
            {t('services:form.where')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              label={t('services:field.country')}
              value={v.countryCode}
              maxLength={2}
              onChange={(e) => set('countryCode', e.currentTarget.value.toUpperCase())}
              error={errors.countryCode}
              data-testid="service-country"
            />
            <NativeSelect
              label={t('services:field.province')}
              data={[{ value: '', label: t('services:list.nationwide') }, ...PAKISTAN_PROVINCES.map((p) => ({ value: p, label: provinceLabel(t, p) ?? p }))]}
              value={v.province}
              onChange={(e) => set('province', e.currentTarget.value)}
              data-testid="service-province"
            />
            <TextInput
              label={t('services:field.district')}
              value={v.district}
              onChange={(e) => set('district', e.currentTarget.value)}
              data-testid="service-district"
            />
          </SimpleGrid>
        </Card>
        <Card withBorder padding="sm">
          <Title order={3} size="h5" mb="xs">
            {t('services:form.eligibility')}
          </Title>
          <Stack gap="sm">
            {checks(
              'sexes',
              enumOptions(
                t,
                'sex',
                sexes.filter((s) => s !== 'unknown'),
              ),
              'service-sexes',
              t('services:field.sexes'),
            )}
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                inputMode="numeric"
                label={t('services:field.minimumAge')}
                value={v.minimumAge}
                onChange={(e) => set('minimumAge', digits(e.currentTarget.value))}
                data-testid="service-min-age"
              />
              <TextInput
                inputMode="numeric"
                label={t('services:field.maximumAge')}
                value={v.maximumAge}
                onChange={(e) => set('maximumAge', digits(e.currentTarget.value))}
                error={errors.maximumAge}
                data-testid="service-max-age"
              />
            </SimpleGrid>
            {checks('caseKinds', enumOptions(t, 'services:caseKind', serviceCaseKinds), 'service-case-kinds', t('services:field.caseKinds'))}
            <TextInput
              label={t('services:field.nationalities')}
              value={v.nationalities}
              onChange={(e) => set('nationalities', e.currentTarget.value)}
              error={errors.nationalities}
              dir="ltr"
            />
            <TextInput label={t('services:field.eligibilityNote')} value={v.eligibilityNote} onChange={(e) => set('eligibilityNote', e.currentTarget.value)} />
            {checks('languages', enumOptions(t, 'services:language', commonServiceLanguages), 'service-languages', t('services:field.languages'))}
          </Stack>
        </Card>
        <Card withBorder padding="sm">
          <Title order={3} size="h5" mb="xs">
            {t('services:form.access')}
          </Title>
          <Stack gap="sm">
            <Checkbox
              label={t('services:field.open24')}
              checked={v.open24Hours}
              onChange={(e) => set('open24Hours', e.currentTarget.checked)}
              data-testid="service-open24"
            />
            {checks('days', enumOptions(t, 'services:day', weekDays), 'service-days', t('services:field.days'))}
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                type="time"
                label={t('services:field.opensAt')}
                value={v.opensAt}
                onChange={(e) => set('opensAt', e.currentTarget.value)}
                error={errors.opensAt}
              />
              <TextInput
                type="time"
                label={t('services:field.closesAt')}
                value={v.closesAt}
                onChange={(e) => set('closesAt', e.currentTarget.value)}
                error={errors.closesAt}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <TextInput
                label={t('services:field.contactName')}
                value={v.contactName}
                onChange={(e) => set('contactName', e.currentTarget.value)}
                data-testid="service-contact-name"
              />
              <TextInput
                label={t('services:field.contactPhone')}
                type="tel"
                dir="ltr"
                value={v.contactPhone}
                onChange={(e) => set('contactPhone', e.currentTarget.value)}
                data-testid="service-contact-phone"
              />
              <TextInput
                label={t('services:field.contactEmail')}
                type="email"
                dir="ltr"
                value={v.contactEmail}
                onChange={(e) => set('contactEmail', e.currentTarget.value)}
                error={errors.email}
              />
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder padding="sm">
          <Title order={3} size="h5" mb="xs">
            {t('services:form.location')}
          </Title>
          <Stack gap="sm">
            <TextInput
              label={t('services:field.address')}
              value={v.address1}
              onChange={(e) => set('address1', e.currentTarget.value)}
              error={errors.address1}
              data-testid="service-address1"
            />
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <TextInput label={t('services:field.city')} value={v.city} onChange={(e) => set('city', e.currentTarget.value)} data-testid="service-city" />
              <TextInput label={t('services:field.postalCode')} value={v.postalCode} onChange={(e) => set('postalCode', e.currentTarget.value)} />
              <TextInput
                inputMode="numeric"
                label={t('services:field.bedsTotal')}
                value={v.bedsTotal}
                onChange={(e) => set('bedsTotal', digits(e.currentTarget.value))}
                data-testid="service-beds-total"
              />
            </SimpleGrid>
            <Checkbox
              label={t('services:field.confidential')}
              checked={v.type === 'shelter' || v.addressConfidential}
              disabled={v.type === 'shelter'}
              onChange={(e) => set('addressConfidential', e.currentTarget.checked)}
            />
          </Stack>
        </Card>
        <Card withBorder padding="sm">
          <Title order={3} size="h5">
            {t('services:form.whoAnswers')}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('services:form.providersHelp')}
          </Text>
          {providers.data?.items.length
            ? checks(
                'providerUserIds',
                providers.data.items.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` })),
                'service-providers',
              )
            : t('services:field.noProviders')}
        </Card>
        {error ? <ErrorAlert error={error} /> : null}
        <Group>
          <Button type="submit" loading={saving} data-testid="service-submit">
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
