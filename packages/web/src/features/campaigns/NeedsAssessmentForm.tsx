import { Autocomplete, Button, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PAKISTAN_PROVINCES, type CreateNeedsAssessmentBody, type NeedsAssessment } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { useCountryOptions } from '../../lib/countries';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { provinceLabel } from '../../lib/options';
import { keys } from '../../lib/queries';
import { useMe } from '../auth/session';
import './strings';

type Values = { countryCode: string; province: string; district: string; area: string; assessedOn: string; findings: string; recommendations: string };
const toBody = (v: Values): CreateNeedsAssessmentBody => ({ ...v });

/** A new needs assessment, or changes to one. */
export default function NeedsAssessmentForm({ assessment, onDone }: { assessment?: NeedsAssessment; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const all = useCountryOptions();
  const mine = me.data?.countries ?? null;
  const countries = mine === null ? all : all.filter((c) => mine.includes(c.value));
  const form = useContractForm<Values, CreateNeedsAssessmentBody>({
    initialValues: {
      countryCode: assessment?.countryCode ?? mine?.[0] ?? 'PK',
      province: assessment?.province ?? '',
      district: assessment?.district ?? '',
      area: assessment?.area ?? '',
      assessedOn: assessment?.assessedOn ?? '',
      findings: assessment?.findings ?? '',
      recommendations: assessment?.recommendations ?? '',
    },
    schema: 'zCreateNeedsAssessmentBody',
    toBody,
    t,
  });
  const save = useMutation({
    mutationFn: (body: CreateNeedsAssessmentBody) =>
      assessment ? api.call('updateNeedsAssessment', { params: { id: assessment.id }, body }) : api.call('createNeedsAssessment', { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.needsAssessments });
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(toBody(values)))} noValidate data-testid="needs-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <TextInput label={t('campaigns:needs.area')} required {...form.getInputProps('area')} data-testid="needs-form-area" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('campaigns:country')} required data={countries} searchable {...form.getInputProps('countryCode')} data-testid="needs-form-country" />
          <DateField label={t('campaigns:needs.assessedOn')} required {...form.getInputProps('assessedOn')} testId="needs-form-date" />
          <Autocomplete
            label={t('campaigns:province')}
            data={PAKISTAN_PROVINCES.map((p) => ({ value: p, label: provinceLabel(t, p) ?? p }))}
            {...form.getInputProps('province')}
            data-testid="needs-form-province"
          />
          <TextInput label={t('campaigns:district')} {...form.getInputProps('district')} data-testid="needs-form-district" />
        </SimpleGrid>
        <Textarea label={t('campaigns:needs.findings')} required autosize minRows={3} {...form.getInputProps('findings')} data-testid="needs-form-findings" />
        <Textarea
          label={t('campaigns:needs.recommendations')}
          autosize
          minRows={2}
          {...form.getInputProps('recommendations')}
          data-testid="needs-form-recommendations"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="needs-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
