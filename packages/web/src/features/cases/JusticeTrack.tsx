import { useState } from 'react';
import { Alert, Button, Card, Group, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  chargeSections,
  investigationStatuses,
  prosecutionStatuses,
  verdicts,
  witnessProtectionNeeds,
  type JusticeBody,
  type JusticeTrack,
} from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { DateField } from '../../components/DateField';
import { Detail } from '../../components/Detail';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IsolatedList } from '../../components/IsolatedList';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { enumOptions } from '../../lib/options';
import { caseWorkKeys, useJusticeTrack } from './caseWork.queries';
import './caseWorkStrings';

type Draft = Required<JusticeBody>;

const draftOf = (track: JusticeTrack): Draft => ({
  firNumber: track.firNumber ?? '',
  firDate: track.firDate,
  policeStation: track.policeStation ?? '',
  investigationStatus: track.investigationStatus,
  charges: track.charges,
  prosecutionStatus: track.prosecutionStatus,
  hearings: track.hearings.map((h) => ({ on: h.on, court: h.court ?? '', outcome: h.outcome ?? '' })),
  verdict: track.verdict,
  verdictOn: track.verdictOn,
  compensationAmount: track.compensationAmount,
  assetsSeized: track.assetsSeized ?? '',
  witnessProtectionNeeds: track.witnessProtectionNeeds,
  notes: track.notes ?? '',
});

function JusticeView({ track }: { track: JusticeTrack }) {
  const { t } = useTranslation();
  const f = useFormat();
  const one = (prefix: string, value: string | null) => (value ? t(`caseWork:${prefix}.${value}`) : '—');
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" data-testid="justice-view">
      <Detail label={t('caseWork:justice.firNumber')}>
        <IsolatedList items={[track.firNumber ?? '—', track.firDate ? f.date(track.firDate) : null]} />
      </Detail>
      <Detail label={t('caseWork:justice.policeStation')}>{track.policeStation ?? '—'}</Detail>
      <Detail label={t('caseWork:justice.investigationStatus')}>{one('investigation', track.investigationStatus)}</Detail>
      <Detail label={t('caseWork:justice.charges')}>
        {track.charges.length > 0 ? <IsolatedList items={track.charges.map((c) => t(`caseWork:charge.${c}`))} /> : '—'}
      </Detail>
      <Detail label={t('caseWork:justice.prosecutionStatus')}>{one('prosecution', track.prosecutionStatus)}</Detail>
      <Detail label={t('caseWork:justice.hearings')}>
        {track.hearings.length > 0 ? <IsolatedList items={track.hearings.map((h) => [f.date(h.on), h.court].filter(Boolean).join(' '))} /> : '—'}
      </Detail>
      <Detail label={t('caseWork:justice.verdict')}>
        <IsolatedList items={[one('verdict', track.verdict), track.verdictOn ? f.date(track.verdictOn) : null]} />
      </Detail>
      <Detail label={t('caseWork:justice.compensationAmount')}>{track.compensationAmount !== null ? f.number(track.compensationAmount) : '—'}</Detail>
      <Detail label={t('caseWork:justice.assetsSeized')}>{track.assetsSeized ?? '—'}</Detail>
      <Detail label={t('caseWork:justice.witnessProtectionNeeds')}>
        {track.witnessProtectionNeeds.length > 0 ? <IsolatedList items={track.witnessProtectionNeeds.map((p) => t(`caseWork:protection.${p}`))} /> : '—'}
      </Detail>
      {track.notes ? <Detail label={t('caseWork:justice.notes')}>{track.notes}</Detail> : null}
    </SimpleGrid>
  );
}

function JusticeForm({ caseId, track, onDone }: { caseId: string; track: JusticeTrack; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(track));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () => api.call('putJusticeTrack', { params: { id: caseId }, body: { ...draft, hearings: draft.hearings.filter((h) => h.on) } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: caseWorkKeys.justice(caseId) });
      onDone();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm" data-testid="justice-form">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('caseWork:justice.firNumber')}
            value={draft.firNumber ?? ''}
            onChange={(e) => set('firNumber', e.currentTarget.value)}
            data-testid="justice-firNumber"
          />
          <DateField
            label={t('caseWork:justice.firDate')}
            value={draft.firDate}
            onChange={(v) => set('firDate', v || null)}
            clearable
            testId="justice-firDate"
          />
          <TextInput
            label={t('caseWork:justice.policeStation')}
            value={draft.policeStation ?? ''}
            onChange={(e) => set('policeStation', e.currentTarget.value)}
          />
          <Select
            label={t('caseWork:justice.investigationStatus')}
            data={enumOptions(t, 'caseWork:investigation', investigationStatuses)}
            value={draft.investigationStatus}
            onChange={(v) => set('investigationStatus', v as Draft['investigationStatus'])}
            clearable
          />
          <MultiSelect
            label={t('caseWork:justice.charges')}
            data={enumOptions(t, 'caseWork:charge', chargeSections)}
            value={draft.charges}
            onChange={(v) => set('charges', v as Draft['charges'])}
            searchable
            data-testid="justice-charges"
          />
          <Select
            label={t('caseWork:justice.prosecutionStatus')}
            data={enumOptions(t, 'caseWork:prosecution', prosecutionStatuses)}
            value={draft.prosecutionStatus}
            onChange={(v) => set('prosecutionStatus', v as Draft['prosecutionStatus'])}
            clearable
          />
          <Select
            label={t('caseWork:justice.verdict')}
            data={enumOptions(t, 'caseWork:verdict', verdicts)}
            value={draft.verdict}
            onChange={(v) => set('verdict', v as Draft['verdict'])}
            clearable
          />
          <DateField
            label={t('caseWork:justice.verdictOn')}
            value={draft.verdictOn}
            onChange={(v) => set('verdictOn', v || null)}
            clearable
            testId="justice-verdictOn"
          />
          <TextInput
            label={t('caseWork:justice.compensationAmount')}
            type="number"
            inputMode="decimal"
            min={0}
            value={draft.compensationAmount ?? ''}
            onChange={(e) => {
              const amount = e.currentTarget.value === '' ? null : Number(e.currentTarget.value);
              set('compensationAmount', amount !== null && Number.isFinite(amount) && amount >= 0 ? amount : null);
            }}
          />
          <MultiSelect
            label={t('caseWork:justice.witnessProtectionNeeds')}
            data={enumOptions(t, 'caseWork:protection', witnessProtectionNeeds)}
            value={draft.witnessProtectionNeeds}
            onChange={(v) => set('witnessProtectionNeeds', v as Draft['witnessProtectionNeeds'])}
          />
        </SimpleGrid>
        <Text size="sm" fw={600}>
          {t('caseWork:justice.hearings')}
        </Text>
        {draft.hearings.map((h, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <DateField
              label={t('caseWork:justice.hearingOn')}
              value={h.on}
              onChange={(on) =>
                set(
                  'hearings',
                  draft.hearings.map((x, j) => (j === i ? { ...x, on } : x)),
                )
              }
              testId={`justice-hearing-${i}`}
            />
            <TextInput
              label={t('caseWork:justice.court')}
              value={h.court ?? ''}
              onChange={(e) => {
                const court = e.currentTarget.value;
                set(
                  'hearings',
                  draft.hearings.map((x, j) => (j === i ? { ...x, court } : x)),
                );
              }}
            />
            <Button
              variant="subtle"
              color="red"
              onClick={() =>
                set(
                  'hearings',
                  draft.hearings.filter((_, j) => j !== i),
                )
              }
            >
              {t('caseWork:care.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => set('hearings', [...draft.hearings, { on: '', court: '', outcome: '' }])}>
            {t('caseWork:justice.addHearing')}
          </Button>
        </Group>
        <Textarea
          label={t('caseWork:justice.assetsSeized')}
          value={draft.assetsSeized ?? ''}
          onChange={(e) => set('assetsSeized', e.currentTarget.value)}
          autosize
        />
        <Textarea label={t('caseWork:justice.notes')} value={draft.notes ?? ''} onChange={(e) => set('notes', e.currentTarget.value)} autosize />
        <ErrorAlert error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="justice-save">
            {t('caseWork:justice.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The criminal-justice track: its own tab, shown only to accounts with the justice grant (the server checks it too). */
export function JusticeTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const track = useJusticeTrack(caseId, true);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (track.isPending) return <PageLoader />;
  if (track.isError) return <ErrorAlert error={track.error} />;
  return (
    <Card withBorder padding="sm" data-testid="case-justice">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={3} size="h4">
          {t('caseWork:justice.title')}
        </Title>
        {!editing ? (
          <Button variant="default" size="xs" onClick={() => setEditing(true)} data-testid="justice-edit">
            {t('caseWork:justice.edit')}
          </Button>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('caseWork:justice.restricted')}
      </Text>
      {saved ? (
        <Alert color="teal" variant="light" mb="sm" withCloseButton onClose={() => setSaved(false)}>
          {t('caseWork:justice.saved')}
        </Alert>
      ) : null}
      {editing ? (
        <JusticeForm
          caseId={caseId}
          track={track.data}
          onDone={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <JusticeView track={track.data} />
      )}
    </Card>
  );
}
