import type { AssessmentAcross, AssessmentAcrossEvent, AssessmentAcrossQuery } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../http/permissions.js';
import { eventsInSelection } from '../events/index.js';
import { analyseAssessment, type AssessmentAnalysisInput } from './assessment.analysis.js';
import { scoredAttemptsOfEvents, type EventAttempts } from './assessments.attempts.js';
import * as repo from './assessments.repository.js';

/**
 * The analysis of the tests of every event of a selection that the user sees (`GET /api/assessment`),
 * pooled by the rule written in the contract (packages/contract/src/assessments.ts, zAssessmentAcross):
 * pairs per (event, person), per-cent scores, items by question id. Figures only, no names, as for one
 * event; events of other countries are not in the selection at all.
 */
export async function assessmentAcrossEvents(db: Db, actor: Actor, query: AssessmentAcrossQuery): Promise<AssessmentAcross> {
  const events = await eventsInSelection(db, actor, query);
  const byEvent = await scoredAttemptsOfEvents(
    db,
    events.map((e) => e.id),
  );
  // One person at two events is two people here: their id is made unique per event.
  const pooled: AssessmentAnalysisInput = { pre: [], post: [], people: [] };
  const withTests: AssessmentAcrossEvent[] = [];
  for (const event of events) {
    const attempts: EventAttempts = byEvent.get(event.id) ?? { pre: [], post: [], people: [] };
    if (attempts.pre.length === 0 && attempts.post.length === 0) continue;
    const place = (personId: string) => `${event.id}/${personId}`;
    pooled.pre.push(...attempts.pre.map((a) => ({ ...a, personId: place(a.personId) })));
    pooled.post.push(...attempts.post.map((a) => ({ ...a, personId: place(a.personId) })));
    pooled.people.push(...attempts.people.map((p) => ({ ...p, personId: place(p.personId) })));
    // The event's own figures on the same per-cent scale (⟨g⟩ does not depend on the scale when maxima are equal).
    const own = analyseAssessment(attempts, { pooled: true });
    withTests.push({
      id: event.id,
      title: event.title,
      startDate: event.startDate,
      preN: own.pre.n,
      postN: own.post.n,
      pairedN: own.paired.n,
      normalizedGain: own.paired.normalizedGain,
    });
  }
  const analysis = analyseAssessment(pooled, { pooled: true });
  const questions = await repo.findQuestions(
    db,
    analysis.items.map((item) => item.questionId),
  );
  return {
    ...analysis,
    eventCount: events.length,
    events: withTests,
    questions: questions.map((q) => ({ id: q.id, text: { en: q.text_en, ur: q.text_ur } })),
  };
}
