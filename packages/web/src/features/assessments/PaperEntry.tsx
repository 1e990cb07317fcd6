import { useMemo } from 'react';
import { Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import type { Event, Test } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useEventParticipants } from '../events/events.queries';
import { cellOfAnswer, type SheetQuestion } from './answerSheet';
import { assessmentKeys, useAttempts } from './assessments.queries';
import { PaperSheetGrid, type SaveSheet, type SheetRow } from './PaperSheetGrid';
import './strings';

/** Typing in a room's paper answer sheets for one test: the grid over the event's participants and the test's attempts. */
export function PaperEntry({ event, test }: { event: Event; test: Test }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const participants = useEventParticipants(event.id);
  const attempts = useAttempts(test.id);
  const questions: SheetQuestion[] = useMemo(
    () => test.questions.map((q) => ({ questionId: q.questionId, type: q.type, optionIds: q.options.map((o) => o.id), points: q.points })),
    [test.questions],
  );
  const rows: SheetRow[] = useMemo(() => {
    const byPerson = new Map((attempts.data?.items ?? []).flatMap((a) => (a.personId ? [[a.personId, a] as const] : [])));
    return (participants.data?.items ?? []).flatMap((p) => {
      // Participants only (trainers and guests take no test); another country's are not named, so not typed here.
      if (p.role !== 'participant' || !p.personId) return [];
      const attempt = byPerson.get(p.personId);
      const saved = attempt
        ? {
            score: attempt.score,
            maxScore: attempt.maxScore,
            cells: Object.fromEntries(
              questions.map((q) => [
                q.questionId,
                cellOfAnswer(
                  q,
                  attempt.answers.find((a) => a.questionId === q.questionId),
                ),
              ]),
            ),
          }
        : null;
      return [{ personId: p.personId, name: p.fullName ?? '', saved }];
    });
  }, [participants.data, attempts.data, questions]);

  const onSave: SaveSheet = async (personId, answers, clientId) => {
    const attempt = await api.call('createAttempt', { params: { id: test.id }, body: { personId, answers, clientId } });
    void queryClient.invalidateQueries({ queryKey: assessmentKeys.attempts(test.id) });
    void queryClient.invalidateQueries({ queryKey: assessmentKeys.eventTests(event.id) });
    void queryClient.invalidateQueries({ queryKey: assessmentKeys.eventAssessment(event.id) });
    return attempt;
  };

  if (participants.isPending || attempts.isPending) return <PageLoader />;
  if (participants.error || attempts.error) return <ErrorAlert error={participants.error ?? attempts.error} />;
  return (
    <Stack gap="xs" data-testid={`paper-entry-${test.id}`}>
      <Text size="sm" c="dimmed">
        {t('assessments:sheet.help')}
      </Text>
      {rows.length === 0 ? <Text c="dimmed">{t('participants.none')}</Text> : <PaperSheetGrid questions={questions} rows={rows} onSave={onSave} />}
    </Stack>
  );
}
