import { useMemo } from 'react';
import { Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import type { Event, LocalText, TestSummary } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { AssessmentFigures } from './AnalysisView';
import { assessmentKeys, useEventAssessment, useEventTests, useTests } from './assessments.queries';
import type { PrePost } from './SlopeChart';
import './strings';

/** Each paired person's pre and post score in per cent, from the attempts (staff see them; the chart names nobody). */
function usePairs(tests: TestSummary[], enabled: boolean): { pairs: PrePost[]; pending: boolean } {
  const results = useQueries({
    queries: tests.map((test) => ({
      queryKey: assessmentKeys.attempts(test.id),
      queryFn: () => api.call('listAttempts', { params: { id: test.id } }),
      enabled,
    })),
  });
  const pending = enabled && results.some((r) => r.isPending);
  // As the analysis counts them: the first attempt of each kind per person, fully marked.
  const first = (kind: 'pre' | 'post') => {
    const byPerson = new Map<string, { percent: number; at: string }>();
    tests.forEach((test, i) => {
      if (test.kind !== kind) return;
      for (const attempt of results[i]?.data?.items ?? []) {
        if (!attempt.personId || attempt.pendingMarks > 0 || attempt.maxScore <= 0) continue;
        const known = byPerson.get(attempt.personId);
        if (!known || attempt.createdAt < known.at)
          byPerson.set(attempt.personId, { percent: (attempt.score / attempt.maxScore) * 100, at: attempt.createdAt });
      }
    });
    return byPerson;
  };
  const post = first('post');
  const pairs = [...first('pre').entries()].flatMap(([personId, before]) => {
    const after = post.get(personId);
    return after ? [{ pre: before.percent, post: after.percent }] : [];
  });
  return { pairs, pending };
}

/** What the event's pre- and post-tests show, every figure explained in a sentence; figures of sets under 5 people withheld. */
export default function ResultsTab({ event }: { event: Event }) {
  const { t } = useTranslation();
  const analysis = useEventAssessment(event.id);
  const tests = useEventTests(event.id);
  const testItems = useMemo(() => tests.data?.items ?? [], [tests.data]);
  const full = useTests(testItems.map((test) => test.id));
  const a = analysis.data;
  const pairedShown = a !== undefined && a.paired.meanGain !== null;
  const { pairs } = usePairs(testItems, pairedShown);

  const questionTexts = new Map<string, LocalText>();
  for (const result of full) for (const q of result.data?.questions ?? []) questionTexts.set(q.questionId, q.text);

  if (analysis.isPending || tests.isPending) return <PageLoader />;
  if (analysis.error || tests.error) return <ErrorAlert error={analysis.error ?? tests.error} />;
  if (!a) return null;
  if (testItems.length === 0) {
    return (
      <Text c="dimmed" data-testid="results-no-tests">
        {t('assessments:results.noTests')}
      </Text>
    );
  }
  return <AssessmentFigures analysis={a} questionTexts={questionTexts} pairs={pairedShown ? pairs : []} />;
}
