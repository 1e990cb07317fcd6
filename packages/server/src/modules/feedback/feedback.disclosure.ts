import { FEEDBACK_MIN_GROUP_SIZE, type FeedbackResultsWithheld } from '@hifazat/contract';

/**
 * When an event's questionnaire results may show more than the number of responses.
 *
 * Results that change with every submission give each submission away whole to anyone who reads them
 * before and after it (the trainer in the room watches who is typing). So while the link takes
 * responses, only their number is shown; once it is closed, the figures are shown when at least
 * FEEDBACK_MIN_GROUP_SIZE people responded, and otherwise still the number only (a handful of
 * responses is a handful of people). What remains (docs/public-links.md): a paper questionnaire
 * typed in after closing, or a link closed and opened again around one person, shows as a
 * difference; opening and closing are in the questionnaire's history.
 */
export function eventResultsWithheld(linkOpen: boolean, responseCount: number): FeedbackResultsWithheld | null {
  if (linkOpen) return 'link_open';
  if (responseCount < FEEDBACK_MIN_GROUP_SIZE) return 'too_few';
  return null;
}
