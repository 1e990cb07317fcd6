import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import type { Attempt, Test, TestQuestion } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { currentLanguage, useFormat } from '../../lib/format';
import { assessmentKeys, useAttempts } from './assessments.queries';
import { QuestionText } from './QuestionText';
import './strings';

/**
 * Marking short answers, question by question (every answer to one question side by side, so that
 * each is held to the same standard): the points for each, saved together; the scores follow.
 */
export function MarkingPanel({ test, editable }: { test: Test; editable: boolean }) {
  const { t } = useTranslation();
  const attempts = useAttempts(test.id);
  const shortQuestions = test.questions.filter((q) => q.type === 'short_answer');
  if (shortQuestions.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="marking-none">
        {t('assessments:marking.noShortAnswers')}
      </Text>
    );
  }
  if (attempts.isPending) return <PageLoader />;
  if (attempts.error) return <ErrorAlert error={attempts.error} />;
  const items = attempts.data.items;
  return (
    <Stack data-testid={`marking-${test.id}`}>
      <Text size="sm" c="dimmed">
        {t('assessments:marking.help')}
      </Text>
      {items.length === 0 ? <Text c="dimmed">{t('assessments:marking.noAttempts')}</Text> : null}
      {items.length > 0
        ? shortQuestions.map((question) => <QuestionMarks key={question.questionId} test={test} question={question} attempts={items} editable={editable} />)
        : null}
    </Stack>
  );
}

function QuestionMarks({ test, question, attempts, editable }: { test: Test; question: TestQuestion; attempts: Attempt[]; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const lang = currentLanguage(i18n.language);
  // Points typed, by attempt; an attempt not typed keeps what it has.
  const [typed, setTyped] = useState<Record<string, string>>({});
  const answers = attempts.flatMap((attempt) => {
    const answer = attempt.answers.find((a) => a.questionId === question.questionId);
    return answer ? [{ attempt, answer }] : [];
  });
  // Waiting for a mark first.
  answers.sort((a, b) => Number(b.answer.awarded === null) - Number(a.answer.awarded === null));
  const pending = answers.filter((a) => a.answer.awarded === null).length;
  const changed = answers.filter(({ attempt, answer }) => {
    const value = typed[attempt.id];
    return value !== undefined && value !== '' && Number(value) !== answer.awarded;
  });
  const invalid = changed.filter(({ attempt }) => {
    const value = Number(typed[attempt.id]);
    return !Number.isInteger(value) || value < 0 || value > question.points;
  });
  const save = useMutation({
    mutationFn: async () => {
      for (const { attempt } of changed) {
        await api.call('markAttempt', {
          params: { id: attempt.id },
          body: { marks: [{ questionId: question.questionId, awarded: Number(typed[attempt.id]) }] },
        });
      }
    },
    onSuccess: () => setTyped({}),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.attempts(test.id) });
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.eventTests(test.eventId) });
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.eventAssessment(test.eventId) });
    },
  });

  return (
    <Card withBorder padding="sm" data-testid={`marking-question-${question.questionId}`}>
      <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Text size="xs" c="dimmed">
            {t('assessments:marking.questionN', { n: f.number(question.position + 1), max: f.number(question.points) })}
          </Text>
          <QuestionText text={question.text} lang={lang} />
        </div>
        <Badge color={pending > 0 ? 'orange' : 'teal'} variant="light" data-testid="marking-pending" data-count={pending}>
          {pending > 0 ? t('assessments:marking.pending', { n: f.number(pending) }) : t('assessments:marking.allMarked')}
        </Badge>
      </Group>
      <Table verticalSpacing={4}>
        <Table.Tbody>
          {answers.map(({ attempt, answer }) => (
            <Table.Tr key={attempt.id} data-testid={`marking-row-${attempt.id}`}>
              <Table.Td w="30%">
                <Text size="sm" fw={500} dir="auto">
                  {attempt.fullName ?? t('participants.hidden')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} c={answer.text ? undefined : 'dimmed'}>
                  {answer.text ?? (attempt.source === 'staff' ? t('assessments:marking.paper') : t('assessments:marking.blank'))}
                </Text>
              </Table.Td>
              <Table.Td w={110}>
                <TextInput
                  size="xs"
                  inputMode="numeric"
                  aria-label={t('assessments:marking.pointsFor', { name: attempt.fullName ?? '' })}
                  placeholder={answer.awarded === null ? '?' : undefined}
                  value={typed[attempt.id] ?? (answer.awarded === null ? '' : String(answer.awarded))}
                  onChange={(e) => setTyped((current) => ({ ...current, [attempt.id]: e.currentTarget.value.replace(/\D/g, '') }))}
                  disabled={!editable || attempt.hidden}
                  rightSection={
                    <Text size="xs" c="dimmed" dir="ltr">
                      /{question.points}
                    </Text>
                  }
                  error={invalid.some((x) => x.attempt.id === attempt.id)}
                  data-testid={`marking-points-${attempt.id}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={save.error} />
      {invalid.length > 0 ? (
        <Text size="sm" c="red">
          {t('assessments:marking.tooMany', { max: question.points })}
        </Text>
      ) : null}
      {editable ? (
        <Group justify="flex-end" mt="xs">
          <Button
            size="xs"
            disabled={changed.length === 0 || invalid.length > 0}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="marking-save"
          >
            {t('assessments:marking.save', { n: f.number(changed.length) })}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}
