import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { screeningAnswers, screeningQuestions, type EvaluateScreeningBody, type ScreeningAnswer, type ScreeningQuestionId } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { api } from '../../lib/api';
import './strings';

// The screening interview, shared by the aid (nothing stored) and a case file's "Screen this person"
// (stored with the decision): the same questions, the same buttons, the same evaluation route.

export type ScreeningAnswers = Partial<Record<ScreeningQuestionId, ScreeningAnswer>>;

const QUESTION_IDS: ReadonlySet<string> = new Set(screeningQuestions.map((q) => q.id));
const ANSWERS: ReadonlySet<string> = new Set(screeningAnswers);

/** The answers with one changed (`undefined`: taken back, unanswered). */
export function withAnswer(answers: ScreeningAnswers, id: ScreeningQuestionId, answer: ScreeningAnswer | undefined): ScreeningAnswers {
  const next = { ...answers };
  if (answer === undefined) delete next[id];
  else next[id] = answer;
  return next;
}

/** Only the questions and answers the aid knows, from something read elsewhere (an address, a stored screening's input). */
export function knownAnswers(value: unknown): ScreeningAnswers {
  const answers: ScreeningAnswers = {};
  if (typeof value !== 'object' || value === null) return answers;
  for (const [id, answer] of Object.entries(value)) {
    if (QUESTION_IDS.has(id) && typeof answer === 'string' && ANSWERS.has(answer)) answers[id as ScreeningQuestionId] = answer as ScreeningAnswer;
  }
  return answers;
}

/** The age typed (digits only, up to 130), or null when not known. */
export function ageOfText(text: string): number | null {
  const value = text === '' ? null : Number(text);
  return value !== null && Number.isInteger(value) && value <= 130 ? value : null;
}

/** The person's age in years, or an estimate; empty when not known. Keeps digits only. */
export function ScreeningAgeInput({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('screening:page.age')}
      placeholder={t('screening:page.agePlaceholder')}
      inputMode="numeric"
      value={text}
      onChange={(e) => onChange(e.currentTarget.value.replace(/[^0-9]/g, '').slice(0, 3))}
      data-testid="screening-age"
    />
  );
}

/** The questions as the interview groups them: the smuggling elements and the border question in one card. */
const SECTIONS = [
  { key: 'emergency', groups: ['emergency'] },
  { key: 'age', groups: ['age'] },
  { key: 'act', groups: ['act'] },
  { key: 'means', groups: ['means'] },
  { key: 'purpose', groups: ['purpose'] },
  { key: 'smuggling', groups: ['border', 'irregularEntry', 'facilitation', 'benefit'] },
] as const;

function AnswerButtons({
  id,
  value,
  onChange,
}: {
  id: ScreeningQuestionId;
  value: ScreeningAnswer | undefined;
  onChange: (answer: ScreeningAnswer | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, xs: 4 }} spacing={6} data-testid={`q-${id}`} role="group" aria-label={t(`screening:questions.${id}`)}>
      {screeningAnswers.map((answer) => (
        <Button
          key={answer}
          size="md"
          px={4}
          variant={value === answer ? 'filled' : 'default'}
          color={answer === 'yes' ? 'teal' : answer === 'no' ? 'gray' : 'yellow'}
          aria-pressed={value === answer}
          data-testid={`q-${id}-${answer}`}
          // A second press takes the answer back (unanswered).
          onClick={() => onChange(value === answer ? undefined : answer)}
          styles={{ label: { whiteSpace: 'normal', lineHeight: 1.15, textAlign: 'center' } }}
        >
          {t(`screening:answers.${answer}`)}
        </Button>
      ))}
    </SimpleGrid>
  );
}

/** The indicator questions, a card per legal element, each with its yes / no / unknown / declined buttons. */
export function ScreeningQuestions({ answers, onChange }: { answers: ScreeningAnswers; onChange: (answers: ScreeningAnswers) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {SECTIONS.map((section) => (
        <Card key={section.key} withBorder padding="sm" data-testid={`screening-section-${section.key}`}>
          <Title order={3} size="h4">
            {t(`screening:groups.${section.key}`)}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t(`screening:groupHelp.${section.key}`)}
          </Text>
          <Stack gap="md">
            {screeningQuestions
              .filter((q) => (section.groups as readonly string[]).includes(q.group))
              .map((q) => (
                <Stack key={q.id} gap={6}>
                  <Text fw={500}>{t(`screening:questions.${q.id}`)}</Text>
                  <AnswerButtons id={q.id} value={answers[q.id]} onChange={(answer) => onChange(withAnswer(answers, q.id, answer))} />
                </Stack>
              ))}
          </Stack>
        </Card>
      ))}
    </>
  );
}

/** The server's evaluation of the answers so far (POST /api/screenings/evaluate stores nothing); the last one stays while the next comes. */
export function useScreeningEvaluation(body: EvaluateScreeningBody, enabled: boolean) {
  return useQuery({
    queryKey: ['screening', 'evaluate', body],
    queryFn: () => api.call('evaluateScreening', { body }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
