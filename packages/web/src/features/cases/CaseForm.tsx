import { useEffect, useRef } from 'react';
import { ActionIcon, Alert, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { identifyingAgencyTypes, identityDocumentKinds, PAKISTAN_PROVINCES, sexes, type User } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCountryOptions } from '../../lib/countries';
import { enumOptions, provinceLabel } from '../../lib/options';
import { agencyTypeOf, caseFormRules, documentKindOf, sexOf, type CaseFormValues } from './caseForm';
import './strings';

/** The provinces the form offers: the officer's own when they have an area, Pakistan's otherwise, free text elsewhere. */
function provinceChoices(user: User | null, countryCode: string): readonly string[] | null {
  if (user?.role === 'data_officer' && user.provinces && user.provinces.length > 0) return user.provinces;
  return countryCode === 'PK' ? PAKISTAN_PROVINCES : null;
}

/**
 * A case's identification and the person's details (issue 12). What identifies the person is sealed
 * at rest on the server; the form says so, since people ask before they type a victim's name.
 * `editing`: the country stays as it was (a case's reference is of its country).
 */
export function CaseForm({
  user,
  initialValues,
  editing = false,
  onSubmit,
  onCancel,
  saving,
  error,
  fieldErrors,
  submitLabel,
}: {
  user: User | null;
  initialValues: CaseFormValues;
  editing?: boolean;
  onSubmit: (values: CaseFormValues) => void;
  onCancel: () => void;
  saving: boolean;
  error: unknown;
  /** The server's refusals, by field (caseFieldErrors). */
  fieldErrors: Record<string, string>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const allCountries = useCountryOptions();
  const form = useForm<CaseFormValues>({ initialValues, validate: (values) => caseFormRules(values, t) });
  const countries = user?.countries ? allCountries.filter((c) => user.countries?.includes(c.value)) : allCountries;
  const provinces = provinceChoices(user, form.values.countryCode);
  // The server's refusals go under their fields; each goes away as its field is changed.
  const { setErrors } = form;
  const box = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(fieldErrors).length > 0) setErrors(fieldErrors);
  }, [fieldErrors, setErrors]);
  // A refusal is shown where the form begins (the alert) or at a field far above the button on a phone: bring it into sight.
  useEffect(() => {
    if (!error) return;
    const target = box.current?.querySelector('[aria-invalid="true"]') ?? box.current?.querySelector('[data-testid="case-form-error"]');
    target?.scrollIntoView({ block: 'center' });
  }, [error, fieldErrors]);
  const showFirstInvalid = () =>
    requestAnimationFrame(() => box.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.scrollIntoView({ block: 'center' }));
  const errorOf = (field: string) => form.errors[field];
  const input = (field: keyof CaseFormValues) => form.getInputProps(field);

  return (
    <form ref={box} onSubmit={form.onSubmit(onSubmit, showFirstInvalid)} noValidate data-testid="case-form">
      <Stack gap="md">
        <Alert color="blue" variant="light" data-testid="case-form-sealed">
          {t('cases:form.sealed')}
        </Alert>
        <ErrorAlert error={error} testId="case-form-error" />

        <Card withBorder padding="sm">
          <Title order={3} size="h4" mb="sm">
            {t('cases:form.person')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('cases:field.fullName')} required dir="auto" {...input('fullName')} data-testid="case-form-fullName" />
            <TextInput
              label={t('cases:field.otherScriptName')}
              description={t('cases:form.otherScriptHelp')}
              dir="auto"
              {...input('otherScriptName')}
              data-testid="case-form-otherScriptName"
            />
            <NativeSelect
              label={t('cases:field.sex')}
              required
              data={[{ value: '', label: t('cases:form.choose') }, ...enumOptions(t, 'sex', sexes)]}
              {...input('sex')}
              onChange={(e) => form.setFieldValue('sex', sexOf(e.currentTarget.value))}
              data-testid="case-form-sex"
            />
            <Textarea
              label={t('cases:field.aliases')}
              description={t('cases:form.aliasesHelp')}
              autosize
              minRows={1}
              dir="auto"
              {...input('aliases')}
              data-testid="case-form-aliases"
            />
            <DateField
              label={t('cases:field.birthDate')}
              value={form.values.birthDate}
              onChange={(value) => form.setFieldValue('birthDate', value)}
              error={errorOf('birthDate')}
              clearable
              testId="case-form-birthDate"
            />
            <TextInput
              label={t('cases:field.estimatedAge')}
              description={t('cases:form.estimatedAgeHelp')}
              inputMode="numeric"
              disabled={form.values.birthDate !== ''}
              {...input('estimatedAge')}
              onChange={(e) => form.setFieldValue('estimatedAge', e.currentTarget.value.replace(/[^0-9]/g, '').slice(0, 3))}
              data-testid="case-form-estimatedAge"
            />
            <NativeSelect
              label={t('cases:field.citizenship')}
              data={[{ value: '', label: t('common.notRecorded') }, ...allCountries]}
              {...input('citizenship')}
              data-testid="case-form-citizenship"
            />
            <TextInput label={t('cases:field.phone')} type="tel" dir="ltr" {...input('phone')} data-testid="case-form-phone" />
            <TextInput
              label={t('cases:field.languages')}
              description={t('cases:form.languagesHelp')}
              dir="auto"
              {...input('languages')}
              data-testid="case-form-languages"
            />
            <Textarea label={t('cases:field.address')} autosize minRows={1} dir="auto" {...input('address')} data-testid="case-form-address" />
          </SimpleGrid>

          <Text fw={600} size="sm" mt="md" mb={4}>
            {t('cases:field.identityNumbers')}
          </Text>
          <Stack gap="xs" data-testid="case-form-documents">
            {form.values.identityDocuments.map((doc, index) => (
              <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
                <NativeSelect
                  aria-label={t('cases:form.documentKind')}
                  data={enumOptions(t, 'cases:documentKind', identityDocumentKinds)}
                  value={doc.kind}
                  onChange={(e) => form.setFieldValue(`identityDocuments.${index}.kind`, documentKindOf(e.currentTarget.value))}
                  w={130}
                  style={{ flexShrink: 0 }}
                  data-testid={`case-form-document-kind-${index}`}
                />
                <TextInput
                  aria-label={t('cases:form.documentNumber')}
                  placeholder={doc.kind === 'cnic' ? '35202-1234567-1' : undefined}
                  dir="ltr"
                  style={{ flex: 1, minWidth: 0 }}
                  {...form.getInputProps(`identityDocuments.${index}.number`)}
                  error={errorOf(`identityDocuments.${index}.number`) ?? (index === 0 ? errorOf('identityDocuments') : undefined)}
                  data-testid={`case-form-document-number-${index}`}
                />
                {form.values.identityDocuments.length > 1 ? (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    mt={2}
                    aria-label={t('cases:form.removeDocument')}
                    onClick={() => form.removeListItem('identityDocuments', index)}
                    data-testid={`case-form-document-remove-${index}`}
                  >
                    ×
                  </ActionIcon>
                ) : null}
              </Group>
            ))}
            {form.values.identityDocuments.length < 5 ? (
              <Group>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() => form.insertListItem('identityDocuments', { kind: 'passport', number: '' })}
                  data-testid="case-form-document-add"
                >
                  {t('cases:form.addDocument')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Card>

        <Card withBorder padding="sm">
          <Title order={3} size="h4" mb="sm">
            {t('cases:form.identification')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('cases:field.country')}
              required
              disabled={editing}
              data={countries}
              {...input('countryCode')}
              onChange={(e) => {
                form.setFieldValue('countryCode', e.currentTarget.value);
                form.setFieldValue('province', '');
              }}
              data-testid="case-form-countryCode"
            />
            {provinces ? (
              <NativeSelect
                label={t('cases:field.province')}
                data={[{ value: '', label: t('cases:form.choose') }, ...provinces.map((p) => ({ value: p, label: provinceLabel(t, p) ?? p }))]}
                {...input('province')}
                data-testid="case-form-province"
              />
            ) : (
              <TextInput label={t('cases:field.province')} dir="auto" {...input('province')} data-testid="case-form-province" />
            )}
            <TextInput label={t('cases:field.district')} dir="auto" {...input('district')} data-testid="case-form-district" />
            <DateField
              label={t('cases:field.identifiedOn')}
              value={form.values.identifiedOn}
              onChange={(value) => form.setFieldValue('identifiedOn', value)}
              error={errorOf('identifiedOn')}
              required
              testId="case-form-identifiedOn"
            />
            <TextInput label={t('cases:field.identificationPlace')} dir="auto" {...input('identificationPlace')} data-testid="case-form-identificationPlace" />
            <NativeSelect
              label={t('cases:field.identifiedBy')}
              data={[{ value: '', label: t('common.notRecorded') }, ...enumOptions(t, 'cases:agencyType', identifyingAgencyTypes)]}
              {...input('identifiedByAgencyType')}
              onChange={(e) => form.setFieldValue('identifiedByAgencyType', agencyTypeOf(e.currentTarget.value))}
              data-testid="case-form-identifiedBy"
            />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('cases:field.narrative')}
            description={t('cases:form.narrativeHelp')}
            autosize
            minRows={3}
            maxRows={12}
            dir="auto"
            {...input('narrative')}
            data-testid="case-form-narrative"
          />
        </Card>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="case-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="case-form-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
