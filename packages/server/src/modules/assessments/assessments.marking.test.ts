import { describe, expect, it } from 'vitest';
import { choicePoints, markSheet, passedOf, percentOf, type MarkableQuestion } from './assessments.marking.js';

const single: MarkableQuestion = {
  questionId: 'q1',
  versionId: 'v1',
  position: 0,
  type: 'single_choice',
  points: 2,
  options: [
    { id: 'a', correct: false },
    { id: 'b', correct: true },
  ],
};
const multiple: MarkableQuestion = {
  questionId: 'q2',
  versionId: 'v2',
  position: 1,
  type: 'multiple_choice',
  points: 3,
  options: [
    { id: 'c', correct: true },
    { id: 'd', correct: true },
    { id: 'e', correct: false },
  ],
};
const trueFalse: MarkableQuestion = {
  questionId: 'q3',
  versionId: 'v3',
  position: 2,
  type: 'true_false',
  points: 1,
  options: [
    { id: 't', correct: true },
    { id: 'f', correct: false },
  ],
};
const short: MarkableQuestion = { questionId: 'q4', versionId: 'v4', position: 3, type: 'short_answer', points: 4, options: [] };
const test = [single, multiple, trueFalse, short];

describe('marking choice questions', () => {
  it('gives a single-choice or true/false question its points only for the correct option', () => {
    expect(choicePoints(single, ['b'])).toBe(2);
    expect(choicePoints(single, ['a'])).toBe(0);
    expect(choicePoints(single, [])).toBe(0);
    expect(choicePoints(trueFalse, ['t'])).toBe(1);
    expect(choicePoints(trueFalse, ['f'])).toBe(0);
  });

  it('marks multiple choice all-or-nothing: every correct option and no other', () => {
    expect(choicePoints(multiple, ['c', 'd'])).toBe(3);
    expect(choicePoints(multiple, ['d', 'c'])).toBe(3);
    expect(choicePoints(multiple, ['c'])).toBe(0);
    expect(choicePoints(multiple, ['c', 'd', 'e'])).toBe(0);
    expect(choicePoints(multiple, ['c', 'e'])).toBe(0);
  });
});

describe('marking a sheet', () => {
  it('adds up the points, counts unanswered questions as nothing and leaves a written short answer for marking', () => {
    const { sheet, problems } = markSheet(test, [
      { questionId: 'q1', optionIds: ['b'] },
      { questionId: 'q2', optionIds: ['c'] },
      { questionId: 'q4', text: 'The victim is not to blame' },
    ]);
    expect(problems).toEqual([]);
    expect(sheet).toMatchObject({ score: 2, maxScore: 10, pendingMarks: 1 });
    expect(sheet.answers.map((a) => [a.questionId, a.awarded])).toEqual([
      ['q1', 2],
      ['q2', 0],
      ['q3', 0],
      ['q4', null],
    ]);
  });

  it('takes the points a marker gave a short answer, and scores a blank short answer nothing without waiting', () => {
    expect(markSheet(test, [{ questionId: 'q4', text: 'An answer', awarded: 3 }]).sheet).toMatchObject({ score: 3, pendingMarks: 0 });
    expect(markSheet(test, [{ questionId: 'q4', text: '' }]).sheet).toMatchObject({ score: 0, pendingMarks: 0 });
    expect(markSheet(test, []).sheet).toMatchObject({ score: 0, maxScore: 10, pendingMarks: 0 });
  });

  it('names each answer that does not fit its question by its field', () => {
    const { problems } = markSheet(test, [
      { questionId: 'q9', optionIds: ['a'] },
      { questionId: 'q1', optionIds: ['a', 'b'] },
      { questionId: 'q2', optionIds: ['zz'], awarded: 1 },
      { questionId: 'q3', optionIds: ['t'], text: 'true' },
      { questionId: 'q4', optionIds: ['a'], awarded: 5 },
    ]);
    expect(problems).toEqual([
      { path: 'answers.0.questionId', message: 'Not a question of this test' },
      { path: 'answers.1.optionIds', message: 'Only one option may be chosen' },
      { path: 'answers.2.optionIds', message: 'Not an option of this question' },
      { path: 'answers.2.awarded', message: 'Choice questions are marked automatically' },
      { path: 'answers.3.text', message: 'A choice question takes options, not text' },
      { path: 'answers.4.optionIds', message: 'A short-answer question takes text, not options' },
      { path: 'answers.4.awarded', message: 'At most 4 points' },
    ]);
  });
});

describe('per cent and pass mark', () => {
  it('rounds the per cent to one decimal and compares with the pass mark exactly', () => {
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(0, 0)).toBe(0);
    // 1499/2500 is 59.96 %: shown as 60.0, yet short of a 60 % mark.
    expect(percentOf(1499, 2500)).toBe(60);
    expect(passedOf(1499, 2500, 60, 0)).toBe(false);
    expect(passedOf(1500, 2500, 60, 0)).toBe(true);
  });

  it('says nothing of passing without a pass mark or while answers wait for marking', () => {
    expect(passedOf(10, 10, null, 0)).toBeNull();
    expect(passedOf(10, 10, 50, 1)).toBeNull();
  });
});
