import { lazy, Suspense, useState } from 'react';
import { Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { CreateResultBody, Indicator, IndicatorValue, ManualValueBody } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryList } from '../../components/HistoryList';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useTranslation } from '../../i18n';
import { api } from '../../lib/api';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { useFormat } from '../../lib/format';
import { keys, useHistory } from '../../lib/queries';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useMe } from '../auth/session';
import { indicatorKeys, useLogframe, useProgrammeValues } from './indicators.queries';
import { currentQuarter, PERIOD, PeriodPicker } from './PeriodPicker';
import { LockControls } from './LockControls';
import './strings';

const IndicatorForm = lazy(() => import('./IndicatorForm'));

type Editing = { mode: 'indicator'; indicator?: Indicator } | { mode: 'result' } | { mode: 'value'; indicator: Indicator } | { mode: 'history' } | null;

/** "57", or "reported 57, now 58" when a locked value's records changed since. */
export function ValueText({ value, format }: { value: IndicatorValue | undefined; format: (n: number) => string }) {
  const { t } = useTranslation();
  if (!value) return <>—</>;
  if (value.locked && value.reportedValue !== null && value.value !== null && value.difference !== 0)
    return (
      <Text span c="orange.8" fw={600} data-testid="indicator-difference">
        {t('indicators:reportedNow', { reported: format(value.reportedValue), now: format(value.value) })}
      </Text>
    );
  const shown = value.locked && value.reportedValue !== null ? value.reportedValue : value.value;
  return <>{shown === null ? t('indicators:noValue') : format(shown)}</>;
}

export default function LogframePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const me = useMe().data ?? null;
  const writes = !!me && (me.role === 'admin' || me.role === 'programme_manager');
  const { values: filters, set } = useUrlFilters(['period'] as const);
  const period = PERIOD.test(filters.period) ? filters.period : currentQuarter();
  const logframe = useLogframe(id);
  const values = useProgrammeValues(id, period);
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  if (logframe.isPending) return <PageLoader />;
  if (logframe.error) return <ErrorAlert error={logframe.error} />;
  const { programme, results, indicators } = logframe.data;
  const valueOf = new Map(values.data?.values.map((v) => [v.indicatorId, v]) ?? []);
  const resultOf = new Map(results.map((r) => [r.id, r]));

  return (
    <Stack data-testid="logframe-page">
      <PageHeader
        title={t('indicators:logframeOf', { name: programme.name })}
        subtitle={programme.donor ?? undefined}
        actions={
          <>
            <Button component={Link} to={`/programmes/${id}/donor-report?period=${period}`} variant="default" data-testid="donor-report-link">
              {t('indicators:donorReport')}
            </Button>
            <Button variant="subtle" onClick={() => setEditing({ mode: 'history' })} data-testid="logframe-history">
              {t('indicators:history')}
            </Button>
          </>
        }
      />
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <PeriodPicker value={period} onChange={(p) => set('period', p)} />
            <LockControls programmeId={id} period={period} locked={values.data?.locked ?? false} />
          </Group>
          <Text size="sm" c={values.data?.locked ? 'teal.8' : 'dimmed'} data-testid="period-state">
            {values.data?.locked && values.data.lockedAt ? t('indicators:locked', { date: f.date(values.data.lockedAt.slice(0, 10)) }) : t('indicators:open')}
          </Text>
        </Stack>
      </Card>

      <Group justify="space-between">
        <Title order={3}>{t('indicators:indicators')}</Title>
        {writes ? (
          <Button onClick={() => setEditing({ mode: 'indicator' })} data-testid="indicator-create">
            {t('indicators:addIndicator')}
          </Button>
        ) : null}
      </Group>
      {values.error ? <ErrorAlert error={values.error} /> : null}
      {indicators.length === 0 ? <Text c="dimmed">{t('indicators:noIndicators')}</Text> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {indicators.map((indicator) => {
          const value = valueOf.get(indicator.id);
          const result = indicator.resultId ? resultOf.get(indicator.resultId) : undefined;
          return (
            <Card withBorder key={indicator.id} data-testid="indicator-card" data-code={indicator.code}>
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={700} dir="auto" style={{ overflowWrap: 'anywhere' }}>
                    {indicator.code} · {me && indicator.nameUr && document.documentElement.lang === 'ur' ? indicator.nameUr : indicator.name}
                  </Text>
                  <Badge variant="light">{t(`indicators:units.${indicator.unit}`, { defaultValue: indicator.unit })}</Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {t(`indicators:computations.${indicator.computation.kind}`)}
                  {result ? ` · ${result.code}` : ''}
                </Text>
                <Group gap="lg">
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed">
                      {t('indicators:value')}
                    </Text>
                    <Text fw={700} size="lg" data-testid="indicator-value">
                      <ValueText value={value} format={f.number} />
                    </Text>
                  </Stack>
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed">
                      {t('indicators:target')}
                    </Text>
                    <Text>{f.number(value?.target ?? null)}</Text>
                  </Stack>
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed">
                      {t('indicators:baseline')}
                    </Text>
                    <Text>{f.number(indicator.baseline?.value ?? null)}</Text>
                  </Stack>
                  {value?.bySex ? (
                    <Text size="sm" c="dimmed">
                      {t('indicators:female')} {f.number(value.bySex.female)} · {t('indicators:male')} {f.number(value.bySex.male)}
                    </Text>
                  ) : null}
                </Group>
                {value?.evidence ? (
                  <Text size="xs" c="dimmed" dir="auto">
                    {t('indicators:evidence')}: {value.evidence}
                  </Text>
                ) : null}
                {writes ? (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing({ mode: 'indicator', indicator })} data-testid="indicator-edit">
                      {t('common.edit')}
                    </Button>
                    {indicator.computation.kind === 'manual' && !values.data?.locked ? (
                      <Button size="xs" variant="light" onClick={() => setEditing({ mode: 'value', indicator })} data-testid="indicator-enter-value">
                        {t('indicators:enterValue')}
                      </Button>
                    ) : null}
                  </Group>
                ) : null}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>

      <Group justify="space-between">
        <Title order={3}>{t('indicators:results')}</Title>
        {writes ? (
          <Button variant="default" onClick={() => setEditing({ mode: 'result' })} data-testid="result-create">
            {t('indicators:addResult')}
          </Button>
        ) : null}
      </Group>
      {results.length === 0 ? <Text c="dimmed">{t('indicators:noResults')}</Text> : null}
      <Stack gap="xs">
        {results
          .filter((r) => r.kind === 'outcome' || !r.parentId)
          .map((r) => (
            <Card withBorder key={r.id} data-testid="result-card">
              <Text fw={600} dir="auto">
                {t(`indicators:kind.${r.kind}`)} {r.code}: {r.statement}
              </Text>
              {results
                .filter((o) => o.parentId === r.id)
                .map((o) => (
                  <Text key={o.id} size="sm" ps="md" dir="auto">
                    {t(`indicators:kind.${o.kind}`)} {o.code}: {o.statement}
                  </Text>
                ))}
            </Card>
          ))}
      </Stack>

      <AppModal
        opened={editing?.mode === 'indicator'}
        onClose={close}
        title={t(editing?.mode === 'indicator' && editing.indicator ? 'indicators:editIndicator' : 'indicators:addIndicator')}
        size="lg"
      >
        {editing?.mode === 'indicator' ? (
          <Suspense fallback={<PageLoader />}>
            <IndicatorForm programmeId={id} results={results} indicator={editing.indicator} onDone={close} onCancel={close} />
          </Suspense>
        ) : null}
      </AppModal>
      <AppModal opened={editing?.mode === 'result'} onClose={close} title={t('indicators:addResult')}>
        {editing?.mode === 'result' ? <ResultForm programmeId={id} outcomes={results.filter((r) => r.kind === 'outcome')} onDone={close} /> : null}
      </AppModal>
      <AppModal opened={editing?.mode === 'value'} onClose={close} title={t('indicators:enterValue')}>
        {editing?.mode === 'value' ? <ManualValueForm indicator={editing.indicator} period={period} onDone={close} /> : null}
      </AppModal>
      <AppModal opened={editing?.mode === 'history'} onClose={close} title={t('indicators:history')} size="lg">
        {editing?.mode === 'history' ? <ProgrammeHistory id={id} /> : null}
      </AppModal>
    </Stack>
  );
}

function ProgrammeHistory({ id }: { id: string }) {
  const history = useHistory(keys.programmeHistory(id), 'programmeHistory', id);
  return <HistoryList items={history.data?.items} isPending={history.isPending} error={history.error} />;
}

function ResultForm({
  programmeId,
  outcomes,
  onDone,
}: {
  programmeId: string;
  outcomes: Array<{ id: string; code: string; statement: string }>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  type Values = { kind: 'outcome' | 'output'; code: string; statement: string; statementUr: string; parentId: string };
  const toBody = (v: Values): CreateResultBody => ({
    kind: v.kind,
    code: v.code,
    statement: v.statement,
    statementUr: v.statementUr,
    parentId: v.kind === 'output' ? v.parentId || null : null,
  });
  const form = useContractForm<Values, CreateResultBody>({
    initialValues: { kind: 'outcome', code: '', statement: '', statementUr: '', parentId: '' },
    schema: 'zCreateResultBody',
    toBody,
    t,
  });
  const save = useMutation({
    mutationFn: (body: CreateResultBody) => api.call('createResult', { params: { id: programmeId }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(toBody(v)))} noValidate data-testid="result-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <SimpleGrid cols={2}>
          <NativeSelect
            label={t('indicators:kind.outcome')}
            data={[
              { value: 'outcome', label: t('indicators:kind.outcome') },
              { value: 'output', label: t('indicators:kind.output') },
            ]}
            {...form.getInputProps('kind')}
            data-testid="result-kind"
          />
          <TextInput label={t('indicators:code')} required {...form.getInputProps('code')} data-testid="result-code" />
        </SimpleGrid>
        {form.values.kind === 'output' ? (
          <NativeSelect
            label={t('indicators:parent')}
            data={[{ value: '', label: '—' }, ...outcomes.map((o) => ({ value: o.id, label: `${o.code} ${o.statement}` }))]}
            {...form.getInputProps('parentId')}
          />
        ) : null}
        <Textarea label={t('indicators:statement')} required autosize {...form.getInputProps('statement')} data-testid="result-statement" />
        <Textarea label={t('indicators:statementUr')} dir="rtl" autosize {...form.getInputProps('statementUr')} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="result-save">
            {t('indicators:save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ManualValueForm({ indicator, period, onDone }: { indicator: Indicator; period: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  type Values = { value: string; evidence: string; evidenceUrl: string };
  const toBody = (v: Values): ManualValueBody => ({
    value: v.value.trim() === '' ? Number.NaN : Number(v.value),
    evidence: v.evidence,
    evidenceUrl: v.evidenceUrl.trim() || null,
  });
  const form = useContractForm<Values, ManualValueBody>({ initialValues: { value: '', evidence: '', evidenceUrl: '' }, schema: 'zManualValueBody', toBody, t });
  const save = useMutation({
    mutationFn: (body: ManualValueBody) => api.call('setManualValue', { params: { id: indicator.id, period }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(toBody(v)))} noValidate data-testid="manual-value-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <Text fw={600}>
          {indicator.code} · {period}
        </Text>
        <TextInput label={t('indicators:value')} inputMode="decimal" required {...form.getInputProps('value')} data-testid="manual-value" />
        <Textarea label={t('indicators:evidence')} required autosize {...form.getInputProps('evidence')} data-testid="manual-evidence" />
        <TextInput label={t('indicators:evidenceUrl')} {...form.getInputProps('evidenceUrl')} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="manual-save">
            {t('indicators:save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
