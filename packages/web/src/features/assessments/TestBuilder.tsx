import { useState } from 'react';
import { ActionIcon, Button, Card, Checkbox, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import {
  MAX_TEST_QUESTIONS,
  questionTypes,
  testForms,
  testKinds,
  type Event,
  type LocalText,
  type QuestionType,
  type Test,
  type TestKind,
  type TestSummary,
} from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { SearchInput } from '../../components/SearchInput';
import { api } from '../../lib/api';
import { currentLanguage, useFormat } from '../../lib/format';
import { asEnum } from '../../lib/options';
import { assessmentKeys, useQuestionList } from './assessments.queries';
import { QuestionText } from './QuestionText';
import './strings';

type Picked = { questionId: string; text: LocalText; type: QuestionType; points: number };

const picked = (q: { id?: string; questionId?: string; text: LocalText; type: QuestionType; points: number }): Picked => ({
  questionId: q.questionId ?? q.id ?? '',
  text: q.text,
  type: q.type,
  points: q.points,
});

/**
 * A new pre- or post-test of the event (or a change of one): its kind and form, title, pass mark, and
 * its questions picked from the bank (searched, ticked) in the order they are asked. The questions of
 * a test that has been answered stay as they are (the server refuses a change).
 */
export function TestBuilder({
  event,
  tests,
  test,
  onDone,
  onCancel,
}: {
  event: Event;
  tests: TestSummary[];
  test?: Test;
  onDone: (saved: Test) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = currentLanguage(i18n.language);
  const queryClient = useQueryClient();
  const firstFreeKind = testKinds.find((kind) => !tests.some((other) => other.kind === kind)) ?? 'pre';
  const [kind, setKind] = useState<TestKind>(test?.kind ?? firstFreeKind);
  const [form, setForm] = useState<string>(test?.form ?? '');
  const [title, setTitle] = useState(test?.title ?? '');
  const [passMark, setPassMark] = useState(test?.passMark === null || test?.passMark === undefined ? '' : String(test.passMark));
  const [questions, setQuestions] = useState<Picked[]>(test ? test.questions.map(picked) : []);
  const [q, setQ] = useState('');
  const [type, setType] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const bank = useQuestionList({ q: q || undefined, type: asEnum(questionTypes, type) ?? undefined });
  const bankItems = bank.data?.pages.flatMap((page) => page.items) ?? [];
  const fixed = (test?.attemptCount ?? 0) > 0;
  const defaultTitle = `${t(`assessments:testKind.${kind}`)} — ${event.title}`;
  const preTest = tests.find((other) => other.kind === 'pre' && other.id !== test?.id);

  const chosen = new Set(questions.map((x) => x.questionId));
  const toggle = (item: Picked, on: boolean) =>
    setQuestions((current) => (on ? [...current, item].slice(0, MAX_TEST_QUESTIONS) : current.filter((x) => x.questionId !== item.questionId)));
  const move = (index: number, step: -1 | 1) =>
    setQuestions((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + step, 0, item);
      return next;
    });
  const copyPre = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery({ queryKey: assessmentKeys.test(preTest?.id ?? ''), queryFn: () => api.call('getTest', { params: { id: preTest?.id ?? '' } }) }),
    onSuccess: (pre) => setQuestions(pre.questions.map(picked)),
  });

  const save = useMutation({
    mutationFn: () => {
      const mark = passMark.trim() === '' ? null : Number(passMark);
      const body = { title: title.trim() || defaultTitle, passMark: mark, form: asEnum(testForms, form) };
      const questionIds = questions.map((x) => x.questionId);
      return test
        ? api.call('updateTest', { params: { id: test.id }, body: fixed ? { title: body.title, passMark: body.passMark } : { ...body, questionIds } })
        : api.call('createTest', { params: { id: event.id }, body: { ...body, kind, questionIds } });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(assessmentKeys.test(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.eventTests(event.id) });
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.questions });
      onDone(saved);
    },
  });
  const submit = () => {
    const problems: Record<string, string> = {};
    const mark = Number(passMark);
    if (passMark.trim() !== '' && (!Number.isInteger(mark) || mark < 0 || mark > 100)) problems.passMark = t('assessments:builder.passMarkRange');
    if (questions.length === 0) problems.questions = t('assessments:builder.pickQuestions');
    setErrors(problems);
    if (Object.keys(problems).length === 0) save.mutate();
  };
  const points = questions.reduce((sum, x) => sum + x.points, 0);

  return (
    <Stack data-testid="test-builder">
      <ErrorAlert error={save.error} testId="test-builder-error" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Radio.Group
          label={t('assessments:builder.kind')}
          value={kind}
          onChange={(value) => setKind(asEnum(testKinds, value) ?? kind)}
          description={t('assessments:builder.kindHelp')}
        >
          <Group mt={4}>
            {testKinds.map((value) => (
              <Radio
                key={value}
                value={value}
                label={t(`assessments:testKind.${value}`)}
                disabled={test !== undefined}
                data-testid={`test-builder-kind-${value}`}
              />
            ))}
          </Group>
        </Radio.Group>
        <Select
          label={t('assessments:builder.form')}
          description={t('assessments:builder.formHelp')}
          data={[
            { value: '', label: t('assessments:builder.formNone') },
            { value: 'A', label: t('assessments:testForm', { form: 'A' }) },
            { value: 'B', label: t('assessments:testForm', { form: 'B' }) },
          ]}
          value={form}
          onChange={(value) => setForm(value ?? '')}
          allowDeselect={false}
          disabled={fixed}
          data-testid="test-builder-form"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('assessments:builder.title')}
          placeholder={defaultTitle}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          data-testid="test-builder-title"
        />
        <TextInput
          label={t('assessments:builder.passMark')}
          description={t('assessments:builder.passMarkHelp')}
          inputMode="numeric"
          value={passMark}
          onChange={(e) => setPassMark(e.currentTarget.value.replace(/[^\d]/g, ''))}
          rightSection={<Text size="sm">%</Text>}
          error={errors.passMark}
          data-testid="test-builder-passmark"
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="sm">
          <Text fw={600} mb={4}>
            {t('assessments:builder.bank')}
          </Text>
          {fixed ? (
            <Text size="sm" c="dimmed">
              {t('assessments:builder.fixed')}
            </Text>
          ) : (
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                <SearchInput label={t('common.search')} value={q} onChange={setQ} testId="test-builder-search" />
                <Select
                  label={t('assessments:question.type')}
                  data={questionTypes.map((value) => ({ value, label: t(`assessments:questionType.${value}`) }))}
                  value={type}
                  onChange={setType}
                  clearable
                  data-testid="test-builder-type"
                />
              </SimpleGrid>
              {kind === 'post' && preTest ? (
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => copyPre.mutate()}
                  loading={copyPre.isPending}
                  data-testid="test-builder-copy-pre"
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('assessments:builder.copyPre')}
                </Button>
              ) : null}
              <ErrorAlert error={bank.error ?? copyPre.error} />
              {/* The bank scrolls in its own box, beside the questions chosen. */}
              <div style={{ maxHeight: 360, overflowY: 'auto', paddingInlineEnd: 4 }}>
                <Stack gap={6} data-testid="test-builder-bank">
                  {bankItems.map((item) => (
                    <Checkbox
                      key={item.id}
                      checked={chosen.has(item.id)}
                      onChange={(e) => toggle(picked(item), e.currentTarget.checked)}
                      label={<QuestionText text={item.text} lang={lang} />}
                      description={`${t(`assessments:questionType.${item.type}`)} · ${t('assessments:builder.pointsN', { n: f.number(item.points) })}${item.topic ? ` · ${item.topic}` : ''}`}
                      data-testid={`test-builder-pick-${item.id}`}
                    />
                  ))}
                  {!bank.isPending && bankItems.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('assessments:bank.none')} <Link to="/questions">{t('assessments:builder.toBank')}</Link>
                    </Text>
                  ) : null}
                </Stack>
                <LoadMore
                  hasNextPage={bank.hasNextPage}
                  isFetchingNextPage={bank.isFetchingNextPage}
                  fetchNextPage={() => void bank.fetchNextPage()}
                  testId="test-builder-load-more"
                />
              </div>
            </Stack>
          )}
        </Card>
        <Card withBorder padding="sm">
          <Group justify="space-between" mb={4}>
            <Text fw={600}>{t('assessments:builder.chosen')}</Text>
            <Text size="sm" c="dimmed" data-testid="test-builder-count">
              {t('assessments:builder.chosenCount', { n: f.number(questions.length), points: f.number(points) })}
            </Text>
          </Group>
          {errors.questions ? (
            <Text size="sm" c="red" mb="xs">
              {errors.questions}
            </Text>
          ) : null}
          <Stack gap={6} data-testid="test-builder-chosen">
            {questions.map((item, i) => (
              <Group
                key={item.questionId}
                gap="xs"
                wrap="nowrap"
                align="flex-start"
                data-testid={`test-builder-chosen-${i + 1}`}
                data-question-id={item.questionId}
              >
                <Text fw={700} size="sm" w={24} className="num">
                  {f.number(i + 1)}
                </Text>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <QuestionText text={item.text} lang={lang} />
                </div>
                {!fixed ? (
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      aria-label={t('assessments:builder.up')}
                      data-testid={`test-builder-up-${i + 1}`}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      disabled={i === questions.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={t('assessments:builder.down')}
                      data-testid={`test-builder-down-${i + 1}`}
                    >
                      ↓
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => toggle(item, false)}
                      aria-label={t('assessments:builder.remove')}
                      data-testid={`test-builder-remove-${i + 1}`}
                    >
                      ✕
                    </ActionIcon>
                  </Group>
                ) : null}
              </Group>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} data-testid="test-builder-cancel">
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={save.isPending} data-testid="test-builder-submit">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
