import { Button, Group, MultiSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { type CreateProgrammeBody, type Programme } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { useCountryOptions } from '../../lib/countries';
import { keys } from '../../lib/queries';
import { DateField } from '../../components/DateField';

type ProgrammeFormValues = { name: string; donor: string; startDate: string; endDate: string; countries: string[] };

function toProgrammeBody(v: ProgrammeFormValues): CreateProgrammeBody {
  return { name: v.name, donor: v.donor, startDate: v.startDate || null, endDate: v.endDate || null, countries: v.countries };
}

export default function ProgrammeForm({ programme, onDone, onCancel }: { programme?: Programme; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const countries = useCountryOptions();
  const form = useContractForm<ProgrammeFormValues, CreateProgrammeBody>({
    initialValues: {
      name: programme?.name ?? '',
      donor: programme?.donor ?? '',
      startDate: programme?.startDate?.slice(0, 10) ?? '',
      endDate: programme?.endDate?.slice(0, 10) ?? '',
      countries: programme?.countries ?? ['PK'],
    },
    schema: 'zCreateProgrammeBody',
    toBody: toProgrammeBody,
    t,
  });
  const save = useMutation({
    mutationFn: (body: CreateProgrammeBody) =>
      programme ? api.call('updateProgramme', { params: { id: programme.id }, body }) : api.call('createProgramme', { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.programmes });
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(toProgrammeBody(values)))} noValidate data-testid="programme-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="programme-form-error" /> : null}
        <TextInput label={t('programme.name')} required {...form.getInputProps('name')} data-testid="programme-form-name" />
        <TextInput label={t('programme.donor')} {...form.getInputProps('donor')} data-testid="programme-form-donor" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('programme.startDate')} {...form.getInputProps('startDate')} clearable testId="programme-form-startDate" />
          <DateField
            label={t('programme.endDate')}
            {...form.getInputProps('endDate')}
            minDate={form.values.startDate || undefined}
            clearable
            testId="programme-form-endDate"
          />
        </SimpleGrid>
        <MultiSelect
          label={t('programme.countries')}
          data={countries}
          {...form.getInputProps('countries')}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="programme-form-countries"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="programme-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="programme-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
