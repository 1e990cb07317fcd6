import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  decisionMakingOrgs,
  traffickingStatuses,
  type CaseDetail,
  type CaseScreening,
  type CreateCaseScreeningBody,
  type DecisionMakingOrg,
  type EvaluateScreeningBody,
  type TraffickingStatus,
} from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { asEnum, enumOptions } from '../../lib/options';
import { ScreeningResult } from '../screening/ScreeningResult';
import { ageOfText, knownAnswers, ScreeningAgeInput, ScreeningQuestions, useScreeningEvaluation, type ScreeningAnswers } from '../screening/ScreeningQuestions';
import { caseKeys } from './cases.queries';
import './strings';

export type Decision = { traffickingStatus: TraffickingStatus | ''; decisionMakingOrg: DecisionMakingOrg | '' };

/**
 * The body that stores a screening: the aid's input, the person's decision when one was recorded (both
 * parts, or none), and the screening it corrects. Null while the decision is half filled in.
 */
export function screeningBody(input: EvaluateScreeningBody, decision: Decision, corrects: string | null): CreateCaseScreeningBody | null {
  const { traffickingStatus, decisionMakingOrg } = decision;
  if ((traffickingStatus === '') !== (decisionMakingOrg === '')) return null;
  return {
    ...input,
    ...(traffickingStatus !== '' && decisionMakingOrg !== '' ? { decision: { traffickingStatus, decisionMakingOrg } } : {}),
    ...(corrects ? { corrects } : {}),
  };
}

/** The answers a stored screening was given (a screening stored with its elements directly has none to show). */
export const answersOf = (screening: CaseScreening | null): ScreeningAnswers => knownAnswers(screening?.input.answers);

/**
 * "Screen this person" on a case file: the screening aid's questions (features/screening), then its
 * result with the elements and the legal basis, then the decision a person records beside the aid's
 * suggestion, and "Store this screening". A correction starts from the earlier answers and is stored as
 * a new version; the earlier one stays as it was.
 */
export function ScreenCase({
  record,
  corrects,
  onStored,
  onCancel,
}: {
  record: CaseDetail;
  /** The stored screening this one corrects. */
  corrects: CaseScreening | null;
  onStored: (screening: CaseScreening) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<'questions' | 'result'>('questions');
  const [answers, setAnswers] = useState<ScreeningAnswers>(() => answersOf(corrects));
  const [ageText, setAgeText] = useState(() => {
    const age = corrects ? corrects.input.age : record.age;
    return typeof age === 'number' ? String(age) : '';
  });
  const [decision, setDecision] = useState<Decision>({ traffickingStatus: '', decisionMakingOrg: '' });
  const age = ageOfText(ageText);
  const input: EvaluateScreeningBody = useMemo(() => ({ countryCode: record.countryCode, age, answers }), [record.countryCode, age, answers]);
  const answered = Object.keys(answers).length > 0;
  const evaluation = useScreeningEvaluation(input, step === 'result');
  const body = screeningBody(input, decision, corrects?.id ?? null);

  const store = useMutation({
    mutationFn: (payload: CreateCaseScreeningBody) => api.call('createCaseScreening', { params: { id: record.id }, body: payload }),
    onSuccess: async (stored) => {
      await queryClient.invalidateQueries({ queryKey: caseKeys.one(record.id) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      onStored(stored);
    },
  });
  const toTop = () => window.scrollTo({ top: 0 });

  return (
    <Stack gap="md" maw={860} data-testid="screen-case" data-step={step}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={0} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Title order={3} size="h4">
            {corrects ? t('cases:screen.correctTitle', { version: corrects.version }) : t('cases:screen.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t(step === 'questions' ? 'cases:screen.step1' : 'cases:screen.step2')}
          </Text>
          {step === 'result' ? (
            // The decision comes after the elements and the legal basis, a long way down on a phone.
            <Anchor
              component="button"
              type="button"
              size="sm"
              ta="start"
              onClick={() => document.getElementById('screen-decision')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
              data-testid="screen-to-decision"
            >
              {t('cases:screen.toDecision')}
            </Anchor>
          ) : null}
        </Stack>
        <Button variant="subtle" color="gray" onClick={onCancel} data-testid="screen-cancel">
          {t('common.cancel')}
        </Button>
      </Group>
      {corrects ? (
        <Alert color="yellow" variant="light" data-testid="screen-correcting">
          {t('cases:screen.correcting', { version: corrects.version })}
          {Object.keys(answersOf(corrects)).length === 0 ? ` ${t('cases:screen.correctingElements')}` : null}
        </Alert>
      ) : null}

      {step === 'questions' ? (
        <>
          <Alert color="blue" variant="light">
            {t('cases:screen.interviewHelp')}
          </Alert>
          <Card withBorder padding="sm">
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <ScreeningAgeInput text={ageText} onChange={setAgeText} />
            </SimpleGrid>
          </Card>
          <ScreeningQuestions answers={answers} onChange={setAnswers} />
          <Group justify="flex-end">
            <Button
              disabled={!answered}
              onClick={() => {
                setStep('result');
                toTop();
              }}
              data-testid="screen-see-result"
            >
              {t('cases:screen.seeResult')}
            </Button>
          </Group>
        </>
      ) : (
        <>
          <section aria-live="polite">
            <ErrorAlert error={evaluation.error} />
            {evaluation.data ? (
              <ScreeningResult result={evaluation.data} />
            ) : (
              <Text c="dimmed" data-testid="screen-loading">
                {t('screening:result.loading')}
              </Text>
            )}
          </section>
          <Card withBorder padding="sm" id="screen-decision" style={{ scrollMarginTop: 72 }} data-testid="screen-decision">
            <Title order={3} size="h4">
              {t('cases:screen.decisionTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('cases:screen.decisionHelp')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('cases:field.traffickingStatus')}
                data={[{ value: '', label: t('cases:screen.noDecision') }, ...enumOptions(t, 'cases:traffickingStatus', traffickingStatuses)]}
                value={decision.traffickingStatus}
                onChange={(e) => {
                  const traffickingStatus = asEnum(traffickingStatuses, e.currentTarget.value) ?? '';
                  setDecision((d) => ({ traffickingStatus, decisionMakingOrg: traffickingStatus === '' ? '' : d.decisionMakingOrg }));
                }}
                data-testid="screen-decision-status"
              />
              <NativeSelect
                label={t('cases:field.decisionMakingOrg')}
                data={[{ value: '', label: t('cases:form.choose') }, ...enumOptions(t, 'cases:decisionOrg', decisionMakingOrgs)]}
                value={decision.decisionMakingOrg}
                disabled={decision.traffickingStatus === ''}
                onChange={(e) => {
                  const decisionMakingOrg = asEnum(decisionMakingOrgs, e.currentTarget.value) ?? '';
                  setDecision((d) => ({ ...d, decisionMakingOrg }));
                }}
                error={decision.traffickingStatus !== '' && decision.decisionMakingOrg === '' ? t('cases:screen.orgNeeded') : undefined}
                data-testid="screen-decision-org"
              />
            </SimpleGrid>
            <ErrorAlert error={store.error} testId="screen-store-error" />
            <Group justify="space-between" mt="md" gap="xs">
              <Button
                variant="default"
                onClick={() => {
                  setStep('questions');
                  toTop();
                }}
                data-testid="screen-back"
              >
                {t('cases:screen.back')}
              </Button>
              <Button
                onClick={() => body && store.mutate(body)}
                disabled={body === null || !evaluation.data || evaluation.isPlaceholderData}
                loading={store.isPending}
                data-testid="screen-store"
              >
                {t('cases:screen.store')}
              </Button>
            </Group>
          </Card>
        </>
      )}
    </Stack>
  );
}
