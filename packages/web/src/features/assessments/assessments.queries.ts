import { useQueries, useQuery } from '@tanstack/react-query';
import type { QuestionType } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys as appKeys, usePagedList } from '../../lib/queries';

/**
 * Query keys of the question bank and of an event's tests. An event's tests, codes and analysis sit
 * under the event's own key, so that refreshing the event (its participants changed) refreshes them.
 */
export const assessmentKeys = {
  questions: ['questions'] as const,
  questionList: (filters: QuestionFilters) => ['questions', 'list', filters] as const,
  questionTopics: ['questions', 'topics'] as const,
  questionHistory: (id: string) => ['questions', 'one', id, 'history'] as const,
  eventTests: (eventId: string) => [...appKeys.event(eventId), 'tests'] as const,
  eventAssessment: (eventId: string) => [...appKeys.event(eventId), 'assessment'] as const,
  participantCodes: (eventId: string) => [...appKeys.event(eventId), 'codes'] as const,
  tests: ['tests'] as const,
  test: (id: string) => ['tests', id] as const,
  attempts: (testId: string) => ['tests', testId, 'attempts'] as const,
  testHistory: (id: string) => ['tests', id, 'history'] as const,
};

export type QuestionFilters = { q?: string; topic?: string; type?: QuestionType };

export const useQuestionList = (filters: QuestionFilters) =>
  usePagedList(assessmentKeys.questionList(filters), (page) => api.call('listQuestions', { query: { ...filters, ...page } }));

export function useQuestionTopics() {
  return useQuery({ queryKey: assessmentKeys.questionTopics, queryFn: () => api.call('questionTopics'), staleTime: 60_000 });
}

export function useEventTests(eventId: string) {
  return useQuery({ queryKey: assessmentKeys.eventTests(eventId), queryFn: () => api.call('listEventTests', { params: { id: eventId } }) });
}

export function useTest(id: string | null) {
  return useQuery({ queryKey: assessmentKeys.test(id ?? ''), queryFn: () => api.call('getTest', { params: { id: id ?? '' } }), enabled: id !== null });
}

/** Several tests with their questions (the analysis names its items by them). */
export function useTests(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: assessmentKeys.test(id), queryFn: () => api.call('getTest', { params: { id } }) })),
  });
}

export function useAttempts(testId: string, enabled = true) {
  return useQuery({ queryKey: assessmentKeys.attempts(testId), queryFn: () => api.call('listAttempts', { params: { id: testId } }), enabled });
}

export function useEventAssessment(eventId: string) {
  return useQuery({ queryKey: assessmentKeys.eventAssessment(eventId), queryFn: () => api.call('eventAssessment', { params: { id: eventId } }) });
}

export function useParticipantCodes(eventId: string, enabled: boolean) {
  return useQuery({
    queryKey: assessmentKeys.participantCodes(eventId),
    queryFn: () => api.call('listParticipantCodes', { params: { id: eventId } }),
    enabled,
  });
}
