import type { LocalText } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys as appKeys, usePagedList } from '../../lib/queries';

/**
 * Query keys of questionnaire templates (every list of them under 'feedback-templates', so that a
 * saved template refreshes the Feedback tab's choice too) and of an event's questionnaire, which sits
 * under the event's own key.
 */
export const feedbackKeys = {
  templates: ['feedback-templates'] as const,
  templatePages: ['feedback-templates', 'pages'] as const,
  templateHistory: (id: string) => ['feedback-templates', 'one', id, 'history'] as const,
  form: (eventId: string) => [...appKeys.event(eventId), 'feedback'] as const,
};

export const useFeedbackTemplatePages = () => usePagedList(feedbackKeys.templatePages, (page) => api.call('listFeedbackTemplates', { query: page }));

/** A text in the reader's language: Urdu when it has one, else English. */
export const textIn = (text: LocalText, lang: 'en' | 'ur'): string => (lang === 'ur' && text.ur ? text.ur : text.en);
