import { ActionIcon, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  campaignOutputKinds,
  computationKinds,
  eventTypes,
  indicatorUnits,
  type CampaignOutputKind,
  type ComputationKind,
  type CreateIndicatorBody,
  type EventType,
  type Indicator,
  type LogframeResult,
} from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
// The campaign output kinds' names ('campaigns:outputKind.…'), for indicators of campaign outputs.
import '../campaigns/strings';
import { useTranslation } from '../../i18n';
import { api } from '../../lib/api';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { indicatorKeys } from './indicators.queries';
import './strings';

type Values = {
  code: string;
  name: string;
  nameUr: string;
  definition: string;
  unit: string;
  kind: ComputationKind;
  eventType: string;
  topic: string;
  /** For campaign outputs: one kind only, or '' for all. */
  outputKind: string;
  resultId: string;
  baseline: string;
  baselinePeriod: string;
  targets: Array<{ period: string; value: string }>;
  meansOfVerification: string;
  sex: boolean;
  organizationType: boolean;
  province: boolean;
};

const counts = (kind: ComputationKind) => kind === 'people_trained_unique' || kind === 'participations' || kind === 'events_held';
const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function toBody(v: Values): CreateIndicatorBody {
  const computation = counts(v.kind)
    ? { kind: v.kind, ...(v.eventType ? { eventType: v.eventType as EventType } : {}), ...(v.topic.trim() ? { topic: v.topic.trim() } : {}) }
    : v.kind === 'campaign_outputs_delivered' && v.outputKind
      ? { kind: v.kind, outputKind: v.outputKind as CampaignOutputKind }
      : { kind: v.kind };
  return {
    code: v.code.trim(),
    name: v.name,
    nameUr: v.nameUr,
    definition: v.definition,
    unit: v.unit,
    computation: computation as CreateIndicatorBody['computation'],
    resultId: v.resultId || null,
    baseline: v.baseline.trim() === '' ? null : { value: number(v.baseline), period: v.baselinePeriod.trim() || null },
    targets: v.targets.filter((t) => t.period.trim() !== '' || t.value.trim() !== '').map((t) => ({ period: t.period.trim(), value: number(t.value) })),
    meansOfVerification: v.meansOfVerification,
    disaggregation: { sex: v.sex, organizationType: v.organizationType, province: v.province },
  };
}

export default function IndicatorForm({
  programmeId,
  results,
  indicator,
  onDone,
  onCancel,
}: {
  programmeId: string;
  results: LogframeResult[];
  indicator?: Indicator;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const c = indicator?.computation;
  const form = useContractForm<Values, CreateIndicatorBody>({
    initialValues: {
      code: indicator?.code ?? '',
      name: indicator?.name ?? '',
      nameUr: indicator?.nameUr ?? '',
      definition: indicator?.definition ?? '',
      unit: indicator?.unit ?? 'people',
      kind: c?.kind ?? 'people_trained_unique',
      eventType: c && 'eventType' in c ? (c.eventType ?? '') : '',
      topic: c && 'topic' in c ? (c.topic ?? '') : '',
      outputKind: c && 'outputKind' in c ? (c.outputKind ?? '') : '',
      resultId: indicator?.resultId ?? '',
      baseline: indicator?.baseline ? String(indicator.baseline.value) : '',
      baselinePeriod: indicator?.baseline?.period ?? '',
      targets: indicator?.targets.map((x) => ({ period: x.period, value: String(x.value) })) ?? [{ period: '', value: '' }],
      meansOfVerification: indicator?.meansOfVerification ?? '',
      sex: indicator?.disaggregation.sex ?? true,
      organizationType: indicator?.disaggregation.organizationType ?? false,
      province: indicator?.disaggregation.province ?? false,
    },
    schema: 'zCreateIndicatorBody',
    toBody,
    t,
  });
  const save = useMutation({
    mutationFn: (body: CreateIndicatorBody) =>
      indicator ? api.call('updateIndicator', { params: { id: indicator.id }, body }) : api.call('createIndicator', { params: { id: programmeId }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  const v = form.values;
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(toBody(values)))} noValidate data-testid="indicator-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="indicator-form-error" /> : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('indicators:code')} required {...form.getInputProps('code')} data-testid="indicator-code" />
          <NativeSelect
            label={t('indicators:unit')}
            data={[...new Set([...indicatorUnits, v.unit])].map((u) => ({ value: u, label: t(`indicators:units.${u}`, { defaultValue: u }) }))}
            {...form.getInputProps('unit')}
            data-testid="indicator-unit"
          />
          <NativeSelect
            label={t('indicators:result')}
            data={[{ value: '', label: t('indicators:programmeLevel') }, ...results.map((r) => ({ value: r.id, label: `${r.code} ${r.statement}` }))]}
            {...form.getInputProps('resultId')}
            data-testid="indicator-result"
          />
        </SimpleGrid>
        <TextInput label={t('indicators:name')} required {...form.getInputProps('name')} data-testid="indicator-name" />
        <TextInput label={t('indicators:nameUr')} dir="rtl" {...form.getInputProps('nameUr')} data-testid="indicator-name-ur" />
        <Textarea label={t('indicators:definition')} autosize minRows={2} {...form.getInputProps('definition')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('indicators:computation')}
            data={computationKinds.map((k) => ({ value: k, label: t(`indicators:computations.${k}`) }))}
            {...form.getInputProps('computation')}
            value={v.kind}
            onChange={(e) => form.setFieldValue('kind', e.currentTarget.value as ComputationKind)}
            data-testid="indicator-computation"
          />
          {counts(v.kind) ? (
            <>
              <NativeSelect
                label={t('indicators:eventType')}
                data={[{ value: '', label: t('indicators:anyType') }, ...eventTypes.map((e) => ({ value: e, label: t(`eventType.${e}`) }))]}
                {...form.getInputProps('eventType')}
                data-testid="indicator-event-type"
              />
              <TextInput label={t('indicators:topic')} {...form.getInputProps('topic')} />
            </>
          ) : null}
          {v.kind === 'campaign_outputs_delivered' ? (
            <NativeSelect
              label={t('indicators:outputKind')}
              data={[
                { value: '', label: t('indicators:anyOutputKind') },
                ...campaignOutputKinds.map((k) => ({ value: k, label: t(`campaigns:outputKind.${k}`) })),
              ]}
              {...form.getInputProps('outputKind')}
              data-testid="indicator-output-kind"
            />
          ) : null}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <TextInput label={t('indicators:baseline')} inputMode="decimal" {...form.getInputProps('baseline')} data-testid="indicator-baseline" />
          <TextInput label={t('indicators:baselinePeriod')} placeholder="2024" {...form.getInputProps('baselinePeriod')} />
        </SimpleGrid>
        <Stack gap={6}>
          <Text fw={600} size="sm">
            {t('indicators:targets')}
          </Text>
          {form.errors.targets ? (
            <Text c="red" size="sm">
              {form.errors.targets}
            </Text>
          ) : null}
          {v.targets.map((_, i) => (
            <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                aria-label={t('indicators:period')}
                placeholder="2025-Q1"
                style={{ flex: 1, minWidth: 0 }}
                {...form.getInputProps(`targets.${i}.period`)}
                data-testid={`indicator-target-period-${i}`}
              />
              {/* A plain decimal field, as the baseline's: Mantine's NumberInput would bring a stylesheet of its own. */}
              <TextInput
                aria-label={t('indicators:target')}
                inputMode="decimal"
                style={{ flex: 1, minWidth: 0 }}
                {...form.getInputProps(`targets.${i}.value`)}
                data-testid={`indicator-target-value-${i}`}
              />
              <ActionIcon variant="subtle" aria-label={t('indicators:remove')} onClick={() => form.removeListItem('targets', i)}>
                ×
              </ActionIcon>
            </Group>
          ))}
          <Button variant="subtle" size="xs" onClick={() => form.insertListItem('targets', { period: '', value: '' })} data-testid="indicator-add-target">
            {t('indicators:addTarget')}
          </Button>
        </Stack>
        <Textarea label={t('indicators:meansOfVerification')} autosize minRows={2} {...form.getInputProps('meansOfVerification')} />
        <Group gap="md">
          <Checkbox label={t('indicators:bySex')} {...form.getInputProps('sex', { type: 'checkbox' })} />
          <Checkbox label={t('indicators:byOrganizationType')} {...form.getInputProps('organizationType', { type: 'checkbox' })} />
          <Checkbox label={t('indicators:byProvince')} {...form.getInputProps('province', { type: 'checkbox' })} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="indicator-save">
            {t('indicators:save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
