import { useState } from 'react';
import { Anchor, Button, Card, FileButton, Group, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  CAMPAIGN_EVIDENCE_ACCEPT,
  campaignLanguages,
  campaignOutputKinds,
  participantSummaryText,
  type Campaign,
  type CampaignOutput,
  type CampaignSession,
  type CreateCampaignOutputBody,
  type EstimatedCampaignSessionBody,
} from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable, type Column } from '../../components/ListPage';
import { api } from '../../lib/api';
import { currentLanguage, useFormat } from '../../lib/format';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { asEnum, enumOptions } from '../../lib/options';
import { useRefreshCampaign } from './campaigns.queries';
import './strings';

type TabProps = { campaign: Campaign; editable: boolean };

// Sessions

export function SessionsTab({ campaign, editable }: TabProps) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const refresh = useRefreshCampaign(campaign.id);
  const [adding, setAdding] = useState(false);
  const remove = useMutation({
    mutationFn: (sessionId: string) => api.call('removeCampaignSession', { params: { id: campaign.id, sessionId } }),
    onSuccess: refresh,
  });
  const columns: Column<CampaignSession>[] = [
    {
      key: 'what',
      header: t('campaigns:session.event'),
      cell: (s) =>
        s.kind === 'event' ? (
          <Anchor component={Link} to={`/events/${s.event.id}`} dir="auto">
            {s.event.title}
          </Anchor>
        ) : (
          <span dir="auto">{s.place}</span>
        ),
    },
    {
      key: 'date',
      header: t('campaigns:session.date'),
      nowrap: true,
      cell: (s) => (s.kind === 'event' ? f.dateRange(s.event.startDate, s.event.endDate) : f.date(s.date)),
    },
    { key: 'kind', header: null, cell: (s) => (s.kind === 'event' ? t('campaigns:session.kindEvent') : t('campaigns:session.kindEstimated')) },
    {
      key: 'reach',
      header: null,
      cell: (s) =>
        s.kind === 'event' ? (
          <span data-testid="session-counted">{participantSummaryText(s.counted, currentLanguage(i18n.language))}</span>
        ) : (
          <span data-testid="session-estimated">{t('campaigns:session.about', { n: f.number(s.estimatedAudience) })}</span>
        ),
    },
    {
      key: 'actions',
      header: null,
      cell: (s) =>
        editable ? (
          <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(s.id)} loading={remove.isPending && remove.variables === s.id}>
            {t('campaigns:session.remove')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Stack>
      {editable ? (
        <Stack gap="xs">
          <LinkEvent campaign={campaign} onDone={refresh} />
          <Group>
            <Button variant="light" onClick={() => setAdding(true)} data-testid="session-add-estimated">
              {t('campaigns:session.addEstimated')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      <ErrorAlert error={remove.error} />
      {campaign.sessions.length === 0 ? (
        <Text c="dimmed">{t('campaigns:session.none')}</Text>
      ) : (
        <DataTable
          rows={campaign.sessions}
          columns={columns}
          rowKey={(s) => s.id}
          rowProps={() => ({ 'data-testid': 'session-row' })}
          minWidth={640}
          testId="sessions"
        />
      )}
      <AppModal opened={adding} onClose={() => setAdding(false)} title={t('campaigns:session.addEstimated')}>
        {adding ? (
          <EstimatedSessionForm
            campaign={campaign}
            onDone={() => {
              setAdding(false);
              refresh();
            }}
            onCancel={() => setAdding(false)}
          />
        ) : null}
      </AppModal>
    </Stack>
  );
}

/** Picks an event of the campaign's country (its 200 newest; awareness sessions first) and links it. */
function LinkEvent({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const events = useQuery({
    queryKey: ['events', 'list', { countryCode: campaign.countryCode, limit: 200 }],
    queryFn: () => api.call('listEvents', { query: { countryCode: campaign.countryCode, limit: 200 } }),
  });
  const linked = new Set(campaign.sessions.flatMap((s) => (s.kind === 'event' ? [s.event.id] : [])));
  const options = (events.data?.items ?? [])
    .filter((e) => !linked.has(e.id))
    .sort((a, b) => Number(b.type === 'awareness_session') - Number(a.type === 'awareness_session'))
    .map((e) => ({ value: e.id, label: `${e.title} · ${f.date(e.startDate)} · ${e.city}` }));
  const link = useMutation({
    mutationFn: (eventId: string) => api.call('addCampaignSession', { params: { id: campaign.id }, body: { eventId } }),
    onSuccess: onDone,
  });
  return (
    <>
      <Select
        label={t('campaigns:session.linkEvent')}
        description={t('campaigns:session.eventHelp')}
        data={options}
        searchable
        value={null}
        onChange={(value) => value && link.mutate(value)}
        nothingFoundMessage={t('common.nothingFound')}
        disabled={link.isPending}
        data-testid="session-link-event"
      />
      <ErrorAlert error={link.error} />
    </>
  );
}

type SessionValues = {
  date: string;
  place: string;
  estimatedAudience: number | string;
  estimatedFemale: number | string;
  estimatedMale: number | string;
  notes: string;
};
/** A whole number typed in a field ('' is none; anything else not a number fails the schema's check). */
const count = (value: number | string): number | null => (String(value).trim() === '' ? null : Number(String(value).trim()));

function toSessionBody(v: SessionValues): EstimatedCampaignSessionBody {
  return {
    date: v.date,
    place: v.place,
    estimatedAudience: count(v.estimatedAudience) ?? Number.NaN,
    estimatedFemale: count(v.estimatedFemale),
    estimatedMale: count(v.estimatedMale),
    notes: v.notes,
  };
}

function EstimatedSessionForm({ campaign, onDone, onCancel }: { campaign: Campaign; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useContractForm<SessionValues, EstimatedCampaignSessionBody>({
    initialValues: { date: campaign.startDate, place: '', estimatedAudience: '', estimatedFemale: '', estimatedMale: '', notes: '' },
    schema: 'zEstimatedCampaignSessionBody',
    toBody: toSessionBody,
    t,
  });
  const save = useMutation({
    mutationFn: (body: EstimatedCampaignSessionBody) => api.call('addCampaignSession', { params: { id: campaign.id }, body }),
    onSuccess: onDone,
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(toSessionBody(values)))} noValidate data-testid="session-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <DateField label={t('campaigns:session.date')} required {...form.getInputProps('date')} testId="session-form-date" />
        <TextInput label={t('campaigns:session.place')} required {...form.getInputProps('place')} data-testid="session-form-place" />
        <TextInput
          inputMode="numeric"
          label={t('campaigns:session.estimatedAudience')}
          required
          {...form.getInputProps('estimatedAudience')}
          data-testid="session-form-audience"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            inputMode="numeric"
            label={t('campaigns:session.estimatedFemale')}
            {...form.getInputProps('estimatedFemale')}
            data-testid="session-form-female"
          />
          <TextInput
            inputMode="numeric"
            label={t('campaigns:session.estimatedMale')}
            {...form.getInputProps('estimatedMale')}
            data-testid="session-form-male"
          />
        </SimpleGrid>
        <Textarea label={t('campaigns:session.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="session-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// Outputs

export function OutputsTab({ campaign, editable }: TabProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefreshCampaign(campaign.id);
  const [editing, setEditing] = useState<CampaignOutput | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (outputId: string) => api.call('removeCampaignOutput', { params: { id: campaign.id, outputId } }),
    onSuccess: refresh,
  });
  const columns: Column<CampaignOutput>[] = [
    {
      key: 'kind',
      header: t('campaigns:output.kind'),
      cell: (o) => (
        <>
          <Text fw={600} size="sm">
            {t(`campaigns:outputKind.${o.kind}`)}
          </Text>
          {o.description ? (
            <Text size="xs" c="dimmed" dir="auto">
              {o.description}
            </Text>
          ) : null}
        </>
      ),
    },
    { key: 'quantity', header: t('campaigns:output.quantity'), align: 'end', className: 'num', cell: (o) => f.number(o.quantity) },
    { key: 'language', header: t('campaigns:output.language'), cell: (o) => (o.language ? t(`campaigns:language.${o.language}`) : '—') },
    { key: 'places', header: t('campaigns:output.places'), cell: (o) => o.places.join(t('common.listSeparator')) || '—' },
    { key: 'dates', header: t('campaigns:session.date'), nowrap: true, cell: (o) => (o.startDate ? f.dateRange(o.startDate, o.endDate ?? o.startDate) : '—') },
    { key: 'reach', header: t('campaigns:output.estimatedReach'), align: 'end', className: 'num', cell: (o) => f.number(o.estimatedReach) },
    {
      key: 'actions',
      header: null,
      cell: (o) =>
        editable ? (
          <Group gap={4} wrap="nowrap" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setEditing(o)} data-testid="output-edit">
              {t('campaigns:output.edit')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => remove.mutate(o.id)}
              loading={remove.isPending && remove.variables === o.id}
              data-testid="output-remove"
            >
              {t('campaigns:output.remove')}
            </Button>
          </Group>
        ) : null,
    },
  ];
  return (
    <Stack>
      {editable ? (
        <Group>
          <Button onClick={() => setEditing('new')} data-testid="output-add">
            {t('campaigns:output.add')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={remove.error} />
      {campaign.outputs.length === 0 ? (
        <Text c="dimmed">{t('campaigns:output.none')}</Text>
      ) : (
        <DataTable
          rows={campaign.outputs}
          columns={columns}
          rowKey={(o) => o.id}
          rowProps={() => ({ 'data-testid': 'output-row' })}
          minWidth={760}
          testId="outputs"
        />
      )}
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('campaigns:output.add') : t('campaigns:output.editTitle')}
        size="lg"
      >
        {editing !== null ? (
          <OutputForm
            campaignId={campaign.id}
            output={editing === 'new' ? undefined : editing}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </AppModal>
    </Stack>
  );
}

type OutputValues = {
  kind: string;
  description: string;
  quantity: number | string;
  language: string;
  places: string[];
  startDate: string;
  endDate: string;
  estimatedReach: number | string;
  notes: string;
};

function toOutputBody(v: OutputValues): CreateCampaignOutputBody {
  return {
    kind: asEnum(campaignOutputKinds, v.kind) ?? 'other',
    description: v.description,
    quantity: count(v.quantity) ?? Number.NaN,
    language: asEnum(campaignLanguages, v.language),
    places: v.places,
    startDate: v.startDate || null,
    endDate: v.endDate || null,
    estimatedReach: count(v.estimatedReach),
    notes: v.notes,
  };
}

function OutputForm({ campaignId, output, onDone, onCancel }: { campaignId: string; output?: CampaignOutput; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useContractForm<OutputValues, CreateCampaignOutputBody>({
    initialValues: {
      kind: output?.kind ?? '',
      description: output?.description ?? '',
      quantity: output?.quantity ?? '',
      language: output?.language ?? '',
      places: output?.places ?? [],
      startDate: output?.startDate ?? '',
      endDate: output?.endDate ?? '',
      estimatedReach: output?.estimatedReach ?? '',
      notes: output?.notes ?? '',
    },
    schema: 'zCreateCampaignOutputBody',
    toBody: toOutputBody,
    t,
    rules: (v) => (v.kind ? {} : { kind: t('validation.required') }),
  });
  const save = useMutation({
    mutationFn: (body: CreateCampaignOutputBody) =>
      output
        ? api.call('updateCampaignOutput', { params: { id: campaignId, outputId: output.id }, body })
        : api.call('addCampaignOutput', { params: { id: campaignId }, body }),
    onSuccess: onDone,
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(toOutputBody(values)))} noValidate data-testid="output-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('campaigns:output.kind')}
            required
            data={enumOptions(t, 'campaigns:outputKind', campaignOutputKinds)}
            {...form.getInputProps('kind')}
            data-testid="output-form-kind"
          />
          <TextInput
            inputMode="numeric"
            label={t('campaigns:output.quantity')}
            required
            {...form.getInputProps('quantity')}
            data-testid="output-form-quantity"
          />
        </SimpleGrid>
        <TextInput label={t('campaigns:output.description')} {...form.getInputProps('description')} data-testid="output-form-description" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('campaigns:output.language')}
            data={enumOptions(t, 'campaigns:language', campaignLanguages)}
            clearable
            searchable
            {...form.getInputProps('language')}
            data-testid="output-form-language"
          />
          <TextInput
            inputMode="numeric"
            label={t('campaigns:output.estimatedReach')}
            {...form.getInputProps('estimatedReach')}
            data-testid="output-form-reach"
          />
          <DateField label={t('campaigns:output.startDate')} {...form.getInputProps('startDate')} clearable testId="output-form-startDate" />
          <DateField
            label={t('campaigns:output.endDate')}
            {...form.getInputProps('endDate')}
            minDate={form.values.startDate || undefined}
            clearable
            testId="output-form-endDate"
          />
        </SimpleGrid>
        <TagsInput
          label={t('campaigns:output.places')}
          description={t('campaigns:output.placesHelp')}
          {...form.getInputProps('places')}
          data-testid="output-form-places"
        />
        <Textarea label={t('campaigns:output.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="output-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// Evidence

export function EvidenceTab({ campaign, editable }: TabProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefreshCampaign(campaign.id);
  const [caption, setCaption] = useState('');
  const [outputId, setOutputId] = useState<string | null>(null);
  const outputLabel = (o: CampaignOutput) => `${t(`campaigns:outputKind.${o.kind}`)}${o.description ? `: ${o.description}` : ''}`;
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      if (caption.trim()) form.append('caption', caption.trim());
      if (outputId) form.append('outputId', outputId);
      form.append('file', file);
      return api.call('uploadCampaignEvidence', { params: { id: campaign.id }, body: form });
    },
    onSuccess: () => {
      setCaption('');
      setOutputId(null);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (evidenceId: string) => api.call('removeCampaignEvidence', { params: { id: campaign.id, evidenceId } }),
    onSuccess: refresh,
  });
  const fileHref = (evidenceId: string, inline: boolean) =>
    api.href('campaignEvidenceFile', { params: { id: campaign.id, evidenceId }, query: inline ? { inline: '1' } : {} });
  return (
    <Stack>
      {editable ? (
        <Card withBorder>
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('campaigns:evidence.caption')}
                value={caption}
                onChange={(e) => setCaption(e.currentTarget.value)}
                maxLength={500}
                data-testid="evidence-caption"
              />
              <Select
                label={t('campaigns:evidence.output')}
                placeholder={t('campaigns:evidence.wholeCampaign')}
                data={campaign.outputs.map((o) => ({ value: o.id, label: outputLabel(o) }))}
                value={outputId}
                onChange={setOutputId}
                clearable
                data-testid="evidence-output"
              />
            </SimpleGrid>
            <Group>
              <FileButton
                onChange={(file) => file && upload.mutate(file)}
                accept={CAMPAIGN_EVIDENCE_ACCEPT}
                inputProps={{ 'data-testid': 'evidence-file' } as object}
              >
                {(props) => (
                  <Button {...props} loading={upload.isPending} data-testid="evidence-upload">
                    {t('campaigns:evidence.upload')}
                  </Button>
                )}
              </FileButton>
            </Group>
            <Text size="xs" c="dimmed">
              {t('campaigns:evidence.help')}
            </Text>
            <ErrorAlert error={upload.error} testId="evidence-error" />
          </Stack>
        </Card>
      ) : null}
      <ErrorAlert error={remove.error} />
      {campaign.evidence.length === 0 ? (
        <Text c="dimmed">{t('campaigns:evidence.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {campaign.evidence.map((e) => {
            const output = campaign.outputs.find((o) => o.id === e.outputId);
            return (
              <Card key={e.id} withBorder padding="sm" data-testid="evidence-item">
                {e.contentType === 'application/pdf' ? (
                  <Text
                    size="sm"
                    fw={600}
                    h={140}
                    style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'var(--mantine-color-gray-1)' }}
                  >
                    PDF
                  </Text>
                ) : (
                  <img
                    src={fileHref(e.id, true)}
                    alt={e.caption ?? e.fileName}
                    loading="lazy"
                    style={{ display: 'block', width: '100%', height: 140, objectFit: 'cover', borderRadius: 'var(--mantine-radius-sm)' }}
                    data-testid="evidence-thumbnail"
                  />
                )}
                <Text size="sm" mt="xs" dir="auto" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {e.caption ?? e.fileName}
                </Text>
                {output ? (
                  <Text size="xs" c="dimmed">
                    {outputLabel(output)}
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed">
                  {t('campaigns:evidence.by', { name: e.uploadedBy ?? '—', date: f.dateTime(e.uploadedAt) })}
                </Text>
                <Group gap={4} mt="xs">
                  <Button size="xs" variant="default" component="a" href={fileHref(e.id, true)} target="_blank" rel="noopener">
                    {t('campaigns:evidence.open')}
                  </Button>
                  {editable ? (
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(e.id)} loading={remove.isPending && remove.variables === e.id}>
                      {t('campaigns:evidence.remove')}
                    </Button>
                  ) : null}
                </Group>
              </Card>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}
