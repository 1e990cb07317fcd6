import { ActionIcon, Alert, Autocomplete, Button, Card, Checkbox, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import {
  MAX_QUESTION_OPTIONS,
  questionOptionProblems,
  questionTypes,
  type CreateQuestionBody,
  type Question,
  type QuestionType,
  type UpdateQuestionBody,
} from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { countryCodeBody, countryFormValue, useSharedRecordCountry } from '../../lib/countries';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { useMe } from '../auth/session';
import { OPTION_LETTERS } from './answerSheet';
import { assessmentKeys, useQuestionTopics } from './assessments.queries';
import './strings';

type OptionValues = { key: string; id?: string; en: string; ur: string; correct: boolean };
type QuestionValues = {
  type: QuestionType;
  textEn: string;
  textUr: string;
  options: OptionValues[];
  topic: string;
  objective: string;
  points: string;
  /** '' : the server's default (the user's one country); EVERY_COUNTRY: shared by all. */
  countryCode: string;
};

let nextKey = 0;
const optionKey = () => `o${(nextKey += 1)}`;
const blankOption = (): OptionValues => ({ key: optionKey(), en: '', ur: '', correct: false });

function fromQuestion(question: Question | undefined, defaultCountry: string): QuestionValues {
  return {
    type: question?.type ?? 'single_choice',
    textEn: question?.text.en ?? '',
    textUr: question?.text.ur ?? '',
    options: question
      ? question.options.map((o) => ({ key: optionKey(), id: o.id, en: o.text.en, ur: o.text.ur ?? '', correct: o.correct }))
      : [blankOption(), blankOption()],
    topic: question?.topic ?? '',
    objective: question?.objective ?? '',
    points: String(question?.points ?? 1),
    countryCode: question ? countryFormValue(question.countryCode) : defaultCountry,
  };
}

function toBody(values: QuestionValues): CreateQuestionBody & UpdateQuestionBody {
  const points = Number(values.points.trim());
  return {
    type: values.type,
    text: { en: values.textEn, ur: values.textUr },
    options:
      values.type === 'short_answer' ? [] : values.options.map((o) => ({ ...(o.id ? { id: o.id } : {}), text: { en: o.en, ur: o.ur }, correct: o.correct })),
    topic: values.topic,
    objective: values.objective,
    // Left empty: the bank's default of one point.
    points: values.points.trim() === '' ? 1 : points,
    ...countryCodeBody(values.countryCode),
  };
}

/** A new question of the bank, or a change of one; `onDone` learns whether the change made a new version. */
export function QuestionForm({
  question,
  onDone,
  onCancel,
}: {
  question?: Question;
  onDone: (saved: Question, newVersion: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const user = useMe().data ?? null;
  const topics = useQuestionTopics();
  // Users of every country may share a question with all; users of several choose one; of one, theirs.
  const country = useSharedRecordCountry(user, t('assessments:question.everyCountry'));
  const chooseCountry = country.choose;
  const countryOptions = country.options;
  const defaultCountry = country.initial;
  const form = useContractForm<QuestionValues, CreateQuestionBody>({
    initialValues: fromQuestion(question, defaultCountry),
    schema: 'zCreateQuestionBody',
    toBody,
    t,
    rules: (values) => {
      const errors: Record<string, string> = {};
      if (values.type === 'short_answer') return errors;
      values.options.forEach((o, i) => {
        if (o.en.trim() === '') errors[`options.${i}.en`] = t('validation.required');
      });
      // The option rules in words of the type (the contract's own messages are English only).
      if (questionOptionProblems(values.type, values.options).length > 0) errors.options = t(`assessments:question.optionRule.${values.type}`);
      else if (Object.keys(errors).length > 0) errors.options = t('assessments:question.optionTextMissing');
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (body: CreateQuestionBody & UpdateQuestionBody) =>
      question ? api.call('updateQuestion', { params: { id: question.id }, body }) : api.call('createQuestion', { body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.questions });
      // Tests ask the question: their summaries (points) and analysis may change with it.
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.tests });
      onDone(saved, question !== undefined && saved.version > question.version);
    },
    onError: (error) => applyServerErrors(form, error),
  });

  const values = form.values;
  const single = values.type === 'single_choice' || values.type === 'true_false';
  const setType = (type: QuestionType) => {
    form.setFieldValue('type', type);
    if (type === 'true_false' && values.options.length !== 2) {
      form.setFieldValue('options', [
        { key: optionKey(), en: 'True', ur: 'درست', correct: true },
        { key: optionKey(), en: 'False', ur: 'غلط', correct: false },
      ]);
    } else if (type !== 'short_answer' && values.options.length < 2) {
      form.setFieldValue('options', [...values.options, ...Array.from({ length: 2 - values.options.length }, blankOption)]);
    } else if (type === 'single_choice' || type === 'true_false') {
      // One correct option at most: keep the first one marked.
      const first = values.options.findIndex((o) => o.correct);
      form.setFieldValue(
        'options',
        values.options.map((o, i) => ({ ...o, correct: i === first })),
      );
    }
  };
  const markCorrect = (index: number, correct: boolean) =>
    form.setFieldValue(
      'options',
      values.options.map((o, i) => (i === index ? { ...o, correct } : single && correct ? { ...o, correct: false } : o)),
    );

  return (
    <form onSubmit={form.onSubmit(() => save.mutate(toBody(form.values)))} noValidate data-testid="question-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="question-form-error" /> : null}
        {question?.answered ? (
          <Alert color="yellow" data-testid="question-form-answered">
            {t('assessments:question.answeredNotice', { version: question.version, next: question.version + 1 })}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('assessments:question.type')}
            data={questionTypes.map((type) => ({ value: type, label: t(`assessments:questionType.${type}`) }))}
            value={values.type}
            onChange={(value) => {
              const type = questionTypes.find((candidate) => candidate === value);
              if (type) setType(type);
            }}
            allowDeselect={false}
            data-testid="question-form-type"
          />
          <TextInput
            label={t('assessments:question.points')}
            inputMode="numeric"
            required
            {...form.getInputProps('points')}
            data-testid="question-form-points"
          />
        </SimpleGrid>
        <Textarea
          label={t('assessments:question.textEn')}
          required
          autosize
          minRows={2}
          dir="ltr"
          lang="en"
          {...form.getInputProps('textEn')}
          data-testid="question-form-text-en"
        />
        <Textarea
          label={t('assessments:question.textUr')}
          description={t('assessments:question.textUrHelp')}
          autosize
          minRows={2}
          dir="rtl"
          lang="ur"
          {...form.getInputProps('textUr')}
          data-testid="question-form-text-ur"
        />
        {values.type === 'short_answer' ? (
          <Text size="sm" c="dimmed" data-testid="question-form-short-help">
            {t('assessments:question.shortAnswerHelp')}
          </Text>
        ) : (
          <Stack gap="xs" data-testid="question-form-options">
            <Text fw={600} size="sm">
              {t('assessments:question.options')}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`assessments:question.optionHelp.${values.type}`)}
            </Text>
            {values.options.map((option, i) => (
              <Card key={option.key} withBorder padding="xs" data-testid={`question-option-${i}`}>
                <Group align="flex-start" gap="xs" wrap="nowrap">
                  <Text fw={700} w={20} mt={6} className="ltr-data" aria-hidden>
                    {OPTION_LETTERS[i]}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" style={{ flex: 1, minWidth: 0 }}>
                    <TextInput
                      aria-label={t('assessments:question.optionEn', { letter: OPTION_LETTERS[i] })}
                      placeholder={t('assessments:question.optionEnPlaceholder')}
                      dir="ltr"
                      lang="en"
                      {...form.getInputProps(`options.${i}.en`)}
                      data-testid={`question-option-${i}-en`}
                    />
                    <TextInput
                      aria-label={t('assessments:question.optionUr', { letter: OPTION_LETTERS[i] })}
                      placeholder={t('assessments:question.optionUrPlaceholder')}
                      dir="rtl"
                      lang="ur"
                      {...form.getInputProps(`options.${i}.ur`)}
                      data-testid={`question-option-${i}-ur`}
                    />
                  </SimpleGrid>
                  {single ? (
                    <Radio
                      mt={8}
                      label={t('assessments:question.correct')}
                      checked={option.correct}
                      onChange={(e) => markCorrect(i, e.currentTarget.checked)}
                      name="question-correct"
                      data-testid={`question-option-${i}-correct`}
                    />
                  ) : (
                    <Checkbox
                      mt={8}
                      label={t('assessments:question.correct')}
                      checked={option.correct}
                      onChange={(e) => markCorrect(i, e.currentTarget.checked)}
                      data-testid={`question-option-${i}-correct`}
                    />
                  )}
                  {values.type !== 'true_false' && values.options.length > 2 ? (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mt={4}
                      onClick={() => form.removeListItem('options', i)}
                      aria-label={t('assessments:question.removeOption', { letter: OPTION_LETTERS[i] })}
                      data-testid={`question-option-${i}-remove`}
                    >
                      ✕
                    </ActionIcon>
                  ) : null}
                </Group>
              </Card>
            ))}
            {form.errors.options ? (
              <Text c="red" size="sm" data-testid="question-form-options-error">
                {form.errors.options}
              </Text>
            ) : null}
            {values.type !== 'true_false' && values.options.length < MAX_QUESTION_OPTIONS ? (
              <Button
                variant="light"
                size="xs"
                onClick={() => form.insertListItem('options', blankOption())}
                style={{ alignSelf: 'flex-start' }}
                data-testid="question-option-add"
              >
                {t('assessments:question.addOption')}
              </Button>
            ) : null}
          </Stack>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Autocomplete
            label={t('assessments:question.topic')}
            data={topics.data?.topics ?? []}
            {...form.getInputProps('topic')}
            data-testid="question-form-topic"
          />
          {chooseCountry ? (
            <Select
              label={t('assessments:question.country')}
              data={countryOptions}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t('common.nothingFound')}
              {...form.getInputProps('countryCode')}
              data-testid="question-form-country"
            />
          ) : null}
        </SimpleGrid>
        <Textarea label={t('assessments:question.objective')} autosize minRows={1} {...form.getInputProps('objective')} data-testid="question-form-objective" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="question-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="question-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
