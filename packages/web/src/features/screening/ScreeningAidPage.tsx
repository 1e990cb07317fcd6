import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import type { EvaluateScreeningBody } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCountryOptions } from '../../lib/countries';
import { ScreeningResult } from './ScreeningResult';
import { ageOfText, knownAnswers, ScreeningAgeInput, ScreeningQuestions, useScreeningEvaluation, type ScreeningAnswers } from './ScreeningQuestions';
import './strings';

/**
 * A case study prepared by a trainer, opened from its address: `?country=PK&age=22&answers=act_harboured:yes,…`.
 * Only the page's starting state; nothing else is read from it, and nothing is stored.
 */
function caseStudyOf(params: URLSearchParams): { countryCode: string; age: number | null; answers: ScreeningAnswers } {
  const pairs = (params.get('answers') ?? '').split(',').map((pair) => pair.split(':'));
  const answers = knownAnswers(Object.fromEntries(pairs.filter((pair) => pair.length === 2)));
  const age = Number.parseInt(params.get('age') ?? '', 10);
  const country = (params.get('country') ?? 'PK').toUpperCase();
  return { countryCode: /^[A-Z]{2}$/.test(country) ? country : 'PK', age: Number.isInteger(age) && age >= 0 && age <= 130 ? age : null, answers };
}

/**
 * The screening aid (issue 12): indicator questions grouped by legal element, evaluated by the server
 * against the rules in force (POST /api/screenings/evaluate, which stores nothing); the result on top.
 * Trainers use it in workshops on case studies; a data officer uses the same questions on a case file (features/cases).
 */
export default function ScreeningAidPage() {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const [params] = useSearchParams();
  const [start] = useState(() => caseStudyOf(params));
  const [countryCode, setCountryCode] = useState(start.countryCode);
  const [ageText, setAgeText] = useState(start.age === null ? '' : String(start.age));
  const age = ageOfText(ageText);
  const [answers, setAnswers] = useState<ScreeningAnswers>(start.answers);

  const body: EvaluateScreeningBody = useMemo(() => ({ countryCode, age, answers }), [countryCode, age, answers]);
  const answered = Object.keys(answers).length > 0 || age !== null;
  const evaluation = useScreeningEvaluation(body, answered);

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
            <ScreeningAgeInput text={ageText} onChange={setAgeText} />
          </SimpleGrid>
        </Card>

        <ScreeningQuestions answers={answers} onChange={setAnswers} />
        <Group>
          <Button
            variant="default"
            onClick={() => {
              setAnswers({});
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
