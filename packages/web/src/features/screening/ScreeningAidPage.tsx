import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Button, Card, Group, NativeSelect, SimpleGrid, TextInput, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { screeningAnswers, screeningQuestions, type EvaluateScreeningBody, type ScreeningAnswer, type ScreeningQuestionId } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { useCountryOptions } from '../../lib/countries';
import { ScreeningResult } from './ScreeningResult';
import './strings';

type Answers = Partial<Record<ScreeningQuestionId, ScreeningAnswer>>;

const QUESTION_IDS: ReadonlySet<string> = new Set(screeningQuestions.map((q) => q.id));
const ANSWERS: ReadonlySet<string> = new Set(screeningAnswers);

/**
 * A case study prepared by a trainer, opened from its address: `?country=PK&age=22&answers=act_harboured:yes,…`.
 * Only the page's starting state; nothing else is read from it, and nothing is stored.
 */
function caseStudyOf(params: URLSearchParams): { countryCode: string; age: number | null; answers: Answers } {
  const answers: Answers = {};
  for (const pair of (params.get('answers') ?? '').split(',')) {
    const [id, answer] = pair.split(':');
    if (id && answer && QUESTION_IDS.has(id) && ANSWERS.has(answer)) answers[id as ScreeningQuestionId] = answer as ScreeningAnswer;
  }
  const age = Number.parseInt(params.get('age') ?? '', 10);
  const country = (params.get('country') ?? 'PK').toUpperCase();
  return { countryCode: /^[A-Z]{2}$/.test(country) ? country : 'PK', age: Number.isInteger(age) && age >= 0 && age <= 130 ? age : null, answers };
}

/** The questions as the page groups them: the smuggling elements and the border question in one card. */
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

/**
 * The screening aid (issue 12): indicator questions grouped by legal element, evaluated by the server
 * against the rules in force (POST /api/screenings/evaluate, which stores nothing); the result on top.
 * Trainers use it in workshops on case studies; a data officer will use the same aid on a case file.
 */
export default function ScreeningAidPage() {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const [params] = useSearchParams();
  const [start] = useState(() => caseStudyOf(params));
  const [countryCode, setCountryCode] = useState(start.countryCode);
  const [age, setAge] = useState<number | null>(start.age);
  const [ageText, setAgeText] = useState(start.age === null ? '' : String(start.age));
  const [answers, setAnswers] = useState<Answers>(start.answers);

  const body: EvaluateScreeningBody = useMemo(() => ({ countryCode, age, answers }), [countryCode, age, answers]);
  const answered = Object.keys(answers).length > 0 || age !== null;
  const evaluation = useQuery({
    queryKey: ['screening', 'evaluate', body],
    queryFn: () => api.call('evaluateScreening', { body }),
    enabled: answered,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

  const setAnswer = (id: ScreeningQuestionId, answer: ScreeningAnswer | undefined) =>
    setAnswers((current) => {
      const next = { ...current };
      if (answer === undefined) delete next[id];
      else next[id] = answer;
      return next;
    });

  return (
    <>
      <PageHeader
        title={t('screening:page.title')}
        subtitle={t('screening:page.subtitle')}
        actions={
          <Anchor component={Link} to="/screening-aid/rules" size="sm" data-testid="screening-rules-link">
            {t('screening:page.rulesLink')}
          </Anchor>
        }
      />
      <Stack gap="md" maw={860}>
        <Alert color="blue" variant="light" data-testid="screening-disclaimer">
          {t('screening:page.disclaimer')}
        </Alert>
        <section aria-live="polite" data-testid="screening-result-area">
          <ErrorAlert error={evaluation.error} />
          {answered && evaluation.data ? (
            <ScreeningResult result={evaluation.data} />
          ) : (
            <Text c="dimmed" data-testid="screening-start">
              {answered ? t('screening:result.loading') : t('screening:result.start')}
            </Text>
          )}
        </section>

        <Card withBorder padding="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NativeSelect
              label={t('screening:page.country')}
              value={countryCode}
              onChange={(e) => setCountryCode(e.currentTarget.value)}
              data={countries}
              data-testid="screening-country"
            />
            <TextInput
              label={t('screening:page.age')}
              placeholder={t('screening:page.agePlaceholder')}
              inputMode="numeric"
              value={ageText}
              onChange={(e) => {
                const text = e.currentTarget.value.replace(/[^0-9]/g, '').slice(0, 3);
                setAgeText(text);
                const value = text === '' ? null : Number(text);
                setAge(value !== null && value <= 130 ? value : null);
              }}
              data-testid="screening-age"
            />
          </SimpleGrid>
        </Card>

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
                    <AnswerButtons id={q.id} value={answers[q.id]} onChange={(answer) => setAnswer(q.id, answer)} />
                  </Stack>
                ))}
            </Stack>
          </Card>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={() => {
              setAnswers({});
              setAge(null);
              setAgeText('');
            }}
            data-testid="screening-reset"
          >
            {t('screening:page.reset')}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
