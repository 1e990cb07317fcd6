import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventFeedbackResults, Event, FeedbackForm } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { currentLanguage, useFormat } from '../../lib/format';
import { keys as appKeys } from '../../lib/queries';
import { PublicLinkPanel } from '../assessments/PublicLinkPanel';
import { FeedbackResultItems } from './FeedbackResultsView';
import { PaperFeedback } from './PaperFeedback';
import './strings';

type Lang = 'en' | 'ur';
const textIn = (text: { en: string; ur: string | null }, lang: Lang) => (lang === 'ur' && text.ur ? text.ur : text.en);

/** Under the event's own key: refreshing the event (its participants changed) refreshes them. */
const feedbackKeys = {
  form: (eventId: string) => [...appKeys.event(eventId), 'feedback'] as const,
  results: (eventId: string) => [...appKeys.event(eventId), 'feedback', 'results'] as const,
};

/**
 * The event's feedback questionnaire: attaching one (the standard post-workshop questionnaire in one
 * click, or a template), its public link and QR code, and its results, which are anonymous.
 */
export default function FeedbackTab({ event, editable }: { event: Pick<Event, 'id'>; editable: boolean }) {
  const { t } = useTranslation();
  const form = useQuery({ queryKey: feedbackKeys.form(event.id), queryFn: () => api.call('getEventFeedback', { params: { id: event.id } }) });
  if (form.isPending) return <PageLoader />;
  if (form.error) return <ErrorAlert error={form.error} />;
  const attached = form.data.form;
  return (
    <Stack data-testid="feedback-tab">
      <Text size="sm" c="dimmed">
        {t('feedback:tab.help')}
      </Text>
      <Alert color="blue" variant="light" p="sm" data-testid="feedback-anonymous-note">
        {t('feedback:tab.anonymous')}
      </Alert>
      {attached ? (
        <>
          <AttachedForm form={attached} editable={editable} />
          {editable ? <PaperFeedback form={attached} /> : null}
          <Results eventId={event.id} responseCount={attached.responseCount} linkOpen={attached.link.open} />
        </>
      ) : editable ? (
        <Attach eventId={event.id} />
      ) : (
        <Text c="dimmed" data-testid="feedback-none">
          {t('feedback:tab.none')} {t('feedback:tab.readOnly')}
        </Text>
      )}
    </Stack>
  );
}

function Attach({ eventId }: { eventId: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const queryClient = useQueryClient();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const templates = useQuery({
    queryKey: ['feedback-templates', 'list'],
    queryFn: () => api.call('listFeedbackTemplates', { query: { limit: 100 } }),
  });
  const attach = useMutation({
    mutationFn: async (chosen: { standard: true } | { templateId: string }) => {
      const id = 'templateId' in chosen ? chosen.templateId : (await api.call('createStandardFeedbackTemplate', { body: {} })).id;
      return api.call('createEventFeedback', { params: { id: eventId }, body: { templateId: id } });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(feedbackKeys.form(eventId), { form: saved });
      void queryClient.invalidateQueries({ queryKey: ['feedback-templates'] });
    },
  });
  const options = (templates.data?.items ?? []).map((template) => ({
    value: template.id,
    label: `${textIn(template.title, lang)} (${t('feedback:tab.version', { n: template.version })})`,
  }));
  return (
    <Card withBorder data-testid="feedback-attach">
      <Stack>
        <Text>{t('feedback:tab.none')}</Text>
        <ErrorAlert error={attach.error} />
        <Stack gap={4}>
          <Button
            onClick={() => attach.mutate({ standard: true })}
            loading={attach.isPending && attach.variables && 'standard' in attach.variables}
            style={{ alignSelf: 'flex-start' }}
            data-testid="feedback-attach-standard"
          >
            {t('feedback:tab.attachStandard')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('feedback:tab.standardHelp')}
          </Text>
        </Stack>
        <Group align="flex-end" gap="xs">
          <Select
            label={t('feedback:tab.orTemplate')}
            placeholder={t('feedback:tab.template')}
            data={options}
            value={templateId}
            onChange={setTemplateId}
            nothingFoundMessage={t('feedback:tab.noTemplates')}
            searchable
            style={{ flex: '1 1 260px' }}
            data-testid="feedback-template"
          />
          <Button
            variant="default"
            disabled={!templateId}
            loading={attach.isPending && attach.variables && 'templateId' in attach.variables}
            onClick={() => templateId && attach.mutate({ templateId })}
            data-testid="feedback-attach-template"
          >
            {t('feedback:tab.attach')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function AttachedForm({ form, editable }: { form: FeedbackForm; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const f = useFormat();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.call('deleteEventFeedback', { params: { id: form.eventId } }),
    onSuccess: () => {
      queryClient.setQueryData(feedbackKeys.form(form.eventId), { form: null });
      setRemoving(false);
    },
  });
  return (
    <Card withBorder data-testid="feedback-form">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={3} fz="lg" dir="auto" data-testid="feedback-form-title">
              {textIn(form.title, lang)}
            </Title>
            <Text size="sm" c="dimmed">
              {t('feedback:tab.items', { n: f.number(form.items.length) })} · {t('feedback:tab.version', { n: f.number(form.version) })}
            </Text>
          </Stack>
          <Badge variant="light" color="teal" size="lg" data-testid="feedback-response-count" data-count={form.responseCount}>
            {t('feedback:tab.responses', { n: f.number(form.responseCount) })}
          </Badge>
        </Group>
        {!form.latestVersion ? (
          <Text size="sm" c="dimmed">
            {t('feedback:tab.newerVersion')}
          </Text>
        ) : null}
        <Title order={4} fz="md">
          {t('feedback:tab.link')}
        </Title>
        <PublicLinkPanel
          link={form.link}
          title={textIn(form.title, lang)}
          fileName="feedback-qr.svg"
          testId="feedback-link"
          editable={editable}
          onSet={async (body) => {
            const saved = await api.call('setEventFeedbackLink', { params: { id: form.eventId }, body });
            queryClient.setQueryData(feedbackKeys.form(form.eventId), { form: saved });
          }}
        />
        {editable && form.responseCount === 0 ? (
          <Button variant="subtle" color="red" size="xs" style={{ alignSelf: 'flex-start' }} onClick={() => setRemoving(true)} data-testid="feedback-remove">
            {t('feedback:tab.remove')}
          </Button>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={removing}
        onClose={() => setRemoving(false)}
        title={t('feedback:tab.removeTitle')}
        message={t('feedback:tab.removeText')}
        confirmLabel={t('feedback:tab.remove')}
        onConfirm={() => remove.mutate()}
        loading={remove.isPending}
        error={remove.error}
        testId="feedback-remove-confirm"
      />
    </Card>
  );
}

/**
 * The results: while the link is open, and after closing while fewer than 5 have responded, the
 * number of responses only (each response would otherwise show as the difference between two
 * readings); the figures once it is closed with 5 or more.
 */
function Results({ eventId, responseCount, linkOpen }: { eventId: string; responseCount: number; linkOpen: boolean }) {
  const { t } = useTranslation();
  const results = useQuery({
    // The count and the link's state in the key: a response that arrived, or the link closed, reads the results again.
    queryKey: [...feedbackKeys.results(eventId), responseCount, linkOpen],
    queryFn: () => api.call('eventFeedbackResults', { params: { id: eventId } }),
  });
  return (
    <Stack gap="sm" data-testid="feedback-results">
      <Title order={3} fz="lg">
        {t('feedback:results.title')}
      </Title>
      {results.isPending ? (
        <PageLoader />
      ) : results.error ? (
        <ErrorAlert error={results.error} />
      ) : results.data.responseCount === 0 ? (
        <Text c="dimmed" data-testid="feedback-results-none">
          {t('feedback:results.none')}
        </Text>
      ) : results.data.withheld ? (
        <HeldBack results={results.data} />
      ) : (
        <FeedbackResultItems results={results.data} />
      )}
    </Stack>
  );
}

function HeldBack({ results }: { results: EventFeedbackResults }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Alert color="gray" variant="light" p="sm" data-testid="feedback-results-held" data-reason={results.withheld ?? ''}>
      <Text size="sm" fw={600} data-testid="feedback-results-n" data-n={results.responseCount}>
        {t('feedback:tab.responses', { n: f.number(results.responseCount) })}
      </Text>
      <Text size="sm">
        {results.withheld === 'link_open'
          ? t('feedback:results.heldOpen', { min: f.number(results.minGroupSize) })
          : t('feedback:results.heldFew', { min: f.number(results.minGroupSize) })}
      </Text>
    </Alert>
  );
}
