import { lazy, Suspense, useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { questionTypes, type Question } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ConfirmModal } from '../../components/ConfirmModal';
import { HistoryList } from '../../components/HistoryList';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { api } from '../../lib/api';
import { currentLanguage } from '../../lib/format';
import { asEnum } from '../../lib/options';
import { can } from '../../lib/permissions';
import { useHistory } from '../../lib/queries';
import { useMe } from '../auth/session';
import { assessmentKeys, useQuestionList, useQuestionTopics } from './assessments.queries';
import { QuestionText } from './QuestionText';
import './strings';
import { PageLoader } from '../../components/PageLoader';

// The question form loads when its dialog first opens.
const QuestionForm = lazy(() => import('./QuestionForm').then((module) => ({ default: module.QuestionForm })));

type Editing =
  { mode: 'create' } | { mode: 'edit'; question: Question } | { mode: 'history'; question: Question } | { mode: 'delete'; question: Question } | null;

/** The question bank (`/questions`): searched by text, filtered by topic and type; questions added and changed here, read by everyone. */
export default function QuestionsPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const user = useMe().data ?? null;
  const writable = can.writeQuestions(user);
  const [q, setQ] = useState('');
  const [topic, setTopic] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const questionType = asEnum(questionTypes, type);
  const list = useQuestionList({ q: q || undefined, topic: topic ?? undefined, type: questionType ?? undefined });
  const topics = useQuestionTopics();
  const [editing, setEditing] = useState<Editing>(null);
  const [savedVersion, setSavedVersion] = useState<Question | null>(null);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api.call('deleteQuestion', { params: { id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.questions });
      setEditing(null);
    },
  });

  const columns: Column<Question>[] = [
    { key: 'text', header: t('assessments:question.text'), cell: (question) => <QuestionText text={question.text} lang={lang} />, maw: 480 },
    { key: 'type', header: t('assessments:question.type'), nowrap: true, cell: (question) => t(`assessments:questionType.${question.type}`) },
    { key: 'topic', header: t('assessments:question.topic'), cell: (question) => question.topic ?? '—' },
    { key: 'points', header: t('assessments:question.points'), align: 'end', cell: (question) => question.points },
    {
      key: 'version',
      header: t('assessments:question.version'),
      nowrap: true,
      cell: (question) => (
        <Group gap={4} wrap="nowrap">
          <Badge variant="light" color="gray" data-testid={`question-version-${question.id}`}>
            {t('assessments:question.versionN', { n: question.version })}
          </Badge>
          {question.answered ? (
            <Badge variant="light" color="yellow">
              {t('assessments:question.answered')}
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { key: 'tests', header: t('assessments:question.tests'), align: 'end', cell: (question) => question.testCount },
    {
      key: 'actions',
      header: null,
      cell: (question) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {can.editQuestion(user, question) ? (
            <Button size="xs" variant="default" onClick={() => setEditing({ mode: 'edit', question })} data-testid={`question-edit-${question.id}`}>
              {t('common.edit')}
            </Button>
          ) : null}
          <Button size="xs" variant="subtle" onClick={() => setEditing({ mode: 'history', question })} data-testid={`question-history-${question.id}`}>
            {t('event.tabHistory')}
          </Button>
          {can.editQuestion(user, question) && question.testCount === 0 ? (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => setEditing({ mode: 'delete', question })}
              data-testid={`question-delete-${question.id}`}
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
      testId="questions"
      title={t('assessments:bank.title')}
      actions={
        writable ? (
          <Button onClick={() => setEditing({ mode: 'create' })} data-testid="question-create">
            {t('assessments:bank.new')}
          </Button>
        ) : null
      }
      search={{ value: q, onChange: setQ }}
      filters={
        <>
          <NativeSelect
            label={t('assessments:question.topic')}
            data={[{ value: '', label: t('common.all') }, ...(topics.data?.topics ?? [])]}
            value={topic ?? ''}
            onChange={(e) => setTopic(e.currentTarget.value || null)}
            data-testid="questions-filter-topic"
          />
          <NativeSelect
            label={t('assessments:question.type')}
            data={[{ value: '', label: t('common.all') }, ...questionTypes.map((value) => ({ value, label: t(`assessments:questionType.${value}`) }))]}
            value={type ?? ''}
            onChange={(e) => setType(e.currentTarget.value || null)}
            data-testid="questions-filter-type"
          />
        </>
      }
      activeFilters={(topic ? 1 : 0) + (type ? 1 : 0)}
      onClearFilters={() => {
        setQ('');
        setTopic(null);
        setType(null);
      }}
      filterCols={{ base: 1, sm: 3 }}
      list={pagedListState(list)}
      columns={columns}
      rowKey={(question) => question.id}
      rowProps={(question) => ({ 'data-testid': 'question-row', 'data-question-id': question.id })}
      emptyText={t('assessments:bank.none')}
      tableMinWidth={900}
      highlightOnHover={false}
    >
      {savedVersion ? (
        <Alert color="teal" mt="md" withCloseButton onClose={() => setSavedVersion(null)} data-testid="question-new-version">
          {t('assessments:question.newVersionSaved', { version: savedVersion.version, previous: savedVersion.version - 1 })}
        </Alert>
      ) : null}
      {!writable ? (
        <Text size="sm" c="dimmed" mt="md">
          {t('assessments:bank.readOnly')}
        </Text>
      ) : null}
      <AppModal
        opened={editing?.mode === 'create' || editing?.mode === 'edit'}
        onClose={closeForm}
        title={editing?.mode === 'edit' ? t('assessments:question.editTitle') : t('assessments:bank.new')}
        size="xl"
        data-testid="question-modal"
      >
        {editing?.mode === 'create' || editing?.mode === 'edit' ? (
          <Suspense fallback={<PageLoader />}>
            <QuestionForm
              question={editing.mode === 'edit' ? editing.question : undefined}
              onDone={(saved, newVersion) => {
                notifications.show({
                  message: newVersion ? t('assessments:question.newVersionSaved', { version: saved.version, previous: saved.version - 1 }) : t('common.saved'),
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
      <AppModal opened={editing?.mode === 'history'} onClose={closeForm} title={t('event.tabHistory')} size="lg">
        {editing?.mode === 'history' ? <QuestionHistory id={editing.question.id} /> : null}
      </AppModal>
      <ConfirmModal
        opened={editing?.mode === 'delete'}
        onClose={closeForm}
        title={t('assessments:question.deleteTitle')}
        message={editing?.mode === 'delete' ? (lang === 'ur' && editing.question.text.ur ? editing.question.text.ur : editing.question.text.en) : ''}
        confirmLabel={t('common.delete')}
        onConfirm={() => {
          if (editing?.mode === 'delete') remove.mutate(editing.question.id);
        }}
        loading={remove.isPending}
        error={remove.error}
        danger
        testId="question-delete-confirm"
      />
    </ListPage>
  );
}

function QuestionHistory({ id }: { id: string }) {
  const history = useHistory(assessmentKeys.questionHistory(id), 'questionHistory', id);
  return <HistoryList items={history.data?.items} isPending={history.isPending} error={history.error} />;
}
