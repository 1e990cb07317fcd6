import { lazy, Suspense, useState } from 'react';
import { Alert, Badge, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FeedbackTemplate, HistoryEntry, LocalText } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { currentLanguage, useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useHistory } from '../../lib/queries';
import { useMe } from '../auth/session';
import { QuestionText } from '../assessments/QuestionText';
import { feedbackKeys, textIn, useFeedbackTemplatePages } from './feedback.queries';
import './strings';
import './questionnaireStrings';

// The template form loads when its dialog first opens.
const TemplateForm = lazy(() => import('./TemplateForm').then((module) => ({ default: module.TemplateForm })));

type Editing =
  | { mode: 'create' }
  | { mode: 'edit'; template: FeedbackTemplate }
  | { mode: 'history'; template: FeedbackTemplate }
  | { mode: 'delete'; template: FeedbackTemplate }
  | null;

const KINDS = ['likert', 'choice', 'text'] as const;

/**
 * Feedback questionnaire templates (`/questionnaires`, beside the question bank): listed newest first,
 * made and changed here (items agreed or disagreed with on five points, single choice, written
 * answers; English and Urdu), read by everyone. Events attach them on their Feedback tab.
 */
export default function QuestionnairesPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const f = useFormat();
  const user = useMe().data ?? null;
  const writable = can.writeFeedbackTemplates(user);
  const list = useFeedbackTemplatePages();
  const [editing, setEditing] = useState<Editing>(null);
  const [savedVersion, setSavedVersion] = useState<FeedbackTemplate | null>(null);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: feedbackKeys.templates });
  const remove = useMutation({
    mutationFn: (id: string) => api.call('deleteFeedbackTemplate', { params: { id } }),
    onSuccess: () => {
      void refresh();
      setEditing(null);
    },
  });
  const standard = useMutation({
    mutationFn: () => api.call('createStandardFeedbackTemplate', { body: {} }),
    onSuccess: () => {
      void refresh();
      notifications.show({ message: t('questionnaires:templates.standardAdded'), color: 'teal' });
    },
  });

  const columns: Column<FeedbackTemplate>[] = [
    { key: 'title', header: t('questionnaires:templates.questionnaire'), cell: (template) => <QuestionText text={template.title} lang={lang} />, maw: 420 },
    {
      key: 'items',
      header: t('questionnaires:templates.items'),
      cell: (template) => (
        <Text size="sm" data-testid={`template-kinds-${template.id}`}>
          {KINDS.flatMap((kind) => {
            const n = template.items.filter((item) => item.kind === kind).length;
            return n > 0 ? [t(`questionnaires:templates.kindCount.${kind}`, { n: f.number(n) })] : [];
          }).join(t('common.listSeparator'))}
        </Text>
      ),
    },
    {
      key: 'version',
      header: t('questionnaires:templates.version'),
      nowrap: true,
      cell: (template) => (
        <Group gap={4} wrap="nowrap">
          <Badge variant="light" color="gray" data-testid={`template-version-${template.id}`}>
            {t('questionnaires:templates.versionN', { n: f.number(template.version) })}
          </Badge>
          {template.answered ? (
            <Badge variant="light" color="yellow">
              {t('questionnaires:templates.answered')}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { key: 'events', header: t('questionnaires:templates.events'), align: 'end', cell: (template) => f.number(template.formCount) },
    {
      key: 'actions',
      header: null,
      cell: (template) => (
        <Group gap={4} justify="flex-end">
          {can.editFeedbackTemplate(user, template) ? (
            <Button size="xs" variant="default" onClick={() => setEditing({ mode: 'edit', template })} data-testid={`template-edit-${template.id}`}>
              {t('common.edit')}
            </Button>
          ) : null}
          <Button size="xs" variant="subtle" onClick={() => setEditing({ mode: 'history', template })} data-testid={`template-history-${template.id}`}>
            {t('questionnaires:templates.history')}
          </Button>
          {can.editFeedbackTemplate(user, template) && template.formCount === 0 ? (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => setEditing({ mode: 'delete', template })}
              data-testid={`template-delete-${template.id}`}
            >
              {t('common.delete')}
            </Button>
          ) : null}
        </Group>
      ),
    },
  ];

  const closeForm = () => setEditing(null);
  return (
    <ListPage
      testId="templates"
      title={t('questionnaires:templates.title')}
      subtitle={t('questionnaires:templates.help')}
      actions={
        writable ? (
          <>
            <Button variant="default" onClick={() => standard.mutate()} loading={standard.isPending} data-testid="template-add-standard">
              {t('questionnaires:templates.addStandard')}
            </Button>
            <Button onClick={() => setEditing({ mode: 'create' })} data-testid="template-create">
              {t('questionnaires:templates.new')}
            </Button>
          </>
        ) : null
      }
      list={pagedListState(list)}
      columns={columns}
      rowKey={(template) => template.id}
      rowProps={(template) => ({ 'data-testid': 'template-row', 'data-template-id': template.id })}
      emptyText={t('questionnaires:templates.none')}
      tableMinWidth={860}
      highlightOnHover={false}
    >
      <ErrorAlert error={standard.error} />
      {savedVersion ? (
        <Alert color="teal" mt="md" withCloseButton onClose={() => setSavedVersion(null)} data-testid="template-new-version">
          {t('questionnaires:templates.newVersionSaved', { version: f.number(savedVersion.version), previous: f.number(savedVersion.version - 1) })}
        </Alert>
      ) : null}
      {!writable ? (
        <Text size="sm" c="dimmed" mt="md">
          {t('questionnaires:templates.readOnly')}
        </Text>
      ) : null}
      <AppModal
        opened={editing?.mode === 'create' || editing?.mode === 'edit'}
        onClose={closeForm}
        title={editing?.mode === 'edit' ? t('questionnaires:templates.editTitle') : t('questionnaires:templates.new')}
        size="xl"
        data-testid="template-modal"
      >
        {editing?.mode === 'create' || editing?.mode === 'edit' ? (
          <Suspense fallback={<PageLoader />}>
            <TemplateForm
              template={editing.mode === 'edit' ? editing.template : undefined}
              onDone={(saved, newVersion) => {
                notifications.show({
                  message: newVersion
                    ? t('questionnaires:templates.newVersionSaved', { version: f.number(saved.version), previous: f.number(saved.version - 1) })
                    : t('common.saved'),
                  color: 'teal',
                });
                setSavedVersion(newVersion ? saved : null);
                closeForm();
              }}
              onCancel={closeForm}
            />
          </Suspense>
        ) : null}
      </AppModal>
      <AppModal opened={editing?.mode === 'history'} onClose={closeForm} title={t('questionnaires:templates.history')} size="lg">
        {editing?.mode === 'history' ? <TemplateHistory id={editing.template.id} /> : null}
      </AppModal>
      <ConfirmModal
        opened={editing?.mode === 'delete'}
        onClose={closeForm}
        title={t('questionnaires:templates.deleteTitle')}
        message={editing?.mode === 'delete' ? textIn(editing.template.title, lang) : ''}
        confirmLabel={t('common.delete')}
        onConfirm={() => {
          if (editing?.mode === 'delete') remove.mutate(editing.template.id);
        }}
        loading={remove.isPending}
        error={remove.error}
        danger
        testId="template-delete-confirm"
      />
    </ListPage>
  );
}

// A template's history records its content (feedback.service.ts, templateHistoryView): read here as
// what it is, item by item, rather than as one long value.
type RecordedItem = { kind: string; text: LocalText; options: Array<{ text: LocalText }> };
const isText = (value: unknown): value is LocalText => typeof value === 'object' && value !== null && typeof (value as { en?: unknown }).en === 'string';
const recordedItems = (value: unknown): RecordedItem[] =>
  Array.isArray(value)
    ? value.flatMap((item: unknown) => {
        if (typeof item !== 'object' || item === null) return [];
        const { kind, text, options } = item as Record<string, unknown>;
        if (typeof kind !== 'string' || !isText(text)) return [];
        const texts = Array.isArray(options)
          ? options.flatMap((o: unknown) =>
              typeof o === 'object' && o !== null && isText((o as { text?: unknown }).text) ? [{ text: (o as { text: LocalText }).text }] : [],
            )
          : [];
        return [{ kind, text, options: texts }];
      })
    : [];

/** The text in the other language, when it has one: a change of the Urdu wording shows to a reader of English too. */
const otherText = (text: LocalText, lang: 'en' | 'ur'): string | null => (lang === 'ur' && text.ur ? text.en : lang === 'en' ? text.ur : null);

function TemplateHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const history = useHistory(feedbackKeys.templateHistory(id), 'feedbackTemplateHistory', id);
  if (history.isPending) return <PageLoader />;
  if (history.error) return <ErrorAlert error={history.error} />;
  if (history.data.items.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  return (
    <Stack gap="sm" data-testid="template-history">
      {history.data.items.map((entry) => (
        <HistoryCard key={entry.id} entry={entry} />
      ))}
    </Stack>
  );
}

function HistoryCard({ entry }: { entry: HistoryEntry }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const f = useFormat();
  const changes = entry.changes;
  const version = changes.version?.to ?? changes.version?.from;
  const title = changes.title?.to;
  const items = changes.items ? recordedItems(changes.items.to) : [];
  const countryCode = changes.countryCode;
  return (
    <Card withBorder padding="sm" data-testid="template-history-entry" data-action={entry.action}>
      <Group gap="xs" mb="xs">
        <Badge variant="light">{t(`historyAction.${entry.action}`)}</Badge>
        <Text size="sm" fw={600}>
          <bdi>{entry.userHidden ? t('history.hiddenUser') : (entry.userName ?? t('history.system'))}</bdi>
        </Text>
        <Text size="sm" c="dimmed">
          {f.dateTime(entry.at)}
        </Text>
        {typeof version === 'number' ? (
          <Badge variant="outline" color="gray">
            {t('questionnaires:templates.historyVersion', { n: f.number(version) })}
          </Badge>
        ) : null}
      </Group>
      <Stack gap={4}>
        {entry.action === 'delete' ? <Text size="sm">{t('questionnaires:templates.historyDeleted')}</Text> : null}
        {isText(title) ? (
          <Text size="sm" dir="auto">
            {t('questionnaires:templates.historyTitle')}: {textIn(title, lang)}
          </Text>
        ) : null}
        {countryCode && countryCode.to !== undefined ? (
          <Text size="sm">
            {t('questionnaires:templates.historyCountry')}:{' '}
            {typeof countryCode.to === 'string' ? f.country(countryCode.to) : t('questionnaires:editor.everyCountry')}
          </Text>
        ) : null}
        {items.length > 0 ? (
          <>
            <Text size="sm" fw={600}>
              {t('questionnaires:templates.historyItems')}
            </Text>
            <List type="ordered" size="sm" spacing={2}>
              {items.map((item, i) => (
                <List.Item key={i}>
                  <Text span size="sm" dir="auto">
                    {textIn(item.text, lang)}
                  </Text>{' '}
                  <Text span size="xs" c="dimmed">
                    ({t(`feedback:kind.${item.kind}`, { defaultValue: item.kind })}
                    {item.options.length > 0 ? `: ${item.options.map((o) => textIn(o.text, lang)).join(' / ')}` : ''})
                  </Text>
                  {otherText(item.text, lang) ? (
                    <Text size="xs" c="dimmed" dir="auto">
                      {otherText(item.text, lang)}
                    </Text>
                  ) : null}
                </List.Item>
              ))}
            </List>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
