import '@mantine/core/styles/CheckboxCard.css';
import '@mantine/core/styles/CheckboxIndicator.css';
import '@mantine/core/styles/RadioCard.css';
import '@mantine/core/styles/RadioIndicator.css';
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Checkbox, Group, Loader, Center, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import type { TakeTest } from '@hifazat/contract';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useOnline } from '../../lib/connection';
import { currentLanguage, useFormat } from '../../lib/format';
import type { TakeAnswer, TakeDraft } from './takeStore';
import { IdentifyParticipant } from './IdentifyParticipant';
import { isAnswered, useTakeDraft, type SendProblem } from './useTakeDraft';
import './takeStrings';

type Lang = 'en' | 'ur';
type Question = TakeTest['questions'][number];

const textIn = (text: { en: string; ur: string | null }, lang: Lang) => (lang === 'ur' && text.ur ? text.ur : text.en);

/**
 * A test taken through its link, without an account, on a phone: the participant picks their name
 * (or types their personal code), answers on one scrolling page, and sends once. Every answer is
 * kept on the phone as it is given; the page says "sent" only when the server has confirmed.
 */
export default function TakePage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const take = useTakeDraft(token);
  const online = useOnline();
  const view = take.view;
  const test = view.phase === 'ready' ? view.draft.form : null;

  useEffect(() => {
    if (test) document.title = `${test.test.title} · ${t('app.name')}`;
  }, [test, t, lang]);

  return (
    <Box mih="100vh" bg="gray.0" py="sm" px="xs">
      <Stack maw={640} mx="auto" gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" c="teal.8" fw={700}>
              {t('app.name')}
            </Text>
            {test ? (
              <Text size="sm" c="dimmed" dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="take-event">
                {test.event.title}
              </Text>
            ) : null}
          </Stack>
          <div style={{ flexShrink: 0 }}>
            <LanguageSwitch />
          </div>
        </Group>
        {!online ? (
          <Alert color="yellow" data-testid="take-offline" p="xs">
            {t('take:offline')}
          </Alert>
        ) : null}
        <TakeBody take={take} lang={lang} />
      </Stack>
    </Box>
  );
}

function TakeBody({ take, lang }: { take: ReturnType<typeof useTakeDraft>; lang: Lang }) {
  const { t } = useTranslation();
  const view = take.view;
  if (view.phase === 'loading') {
    return (
      <Center mih={200} data-testid="page-loader">
        <Loader size="sm" />
      </Center>
    );
  }
  if (view.phase === 'unavailable') {
    const retry = view.reason === 'offline' || view.reason === 'rate_limited' || view.reason === 'error';
    return (
      <Paper withBorder p="md" data-testid="take-unavailable" data-reason={view.reason}>
        <Stack>
          <Title order={3}>{t(`take:unavailable.${view.reason}`)}</Title>
          <Text>{t(`take:unavailable.${view.reason}Help`)}</Text>
          {retry ? (
            <Button onClick={take.reload} data-testid="take-retry">
              {t('take:tryAgain')}
            </Button>
          ) : null}
        </Stack>
      </Paper>
    );
  }
  const { draft } = view;
  const test = draft.form;
  if (!test) return null;
  const heading = (
    <Stack gap={2}>
      <Text size="sm" fw={600} c="dimmed">
        {t(`take:kind.${test.test.kind}`)}
        {test.test.form ? ` · ${t('take:form', { form: test.test.form })}` : ''}
      </Text>
      <Title order={2} fz={{ base: 22, sm: 26 }} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="take-title">
        {test.test.title}
      </Title>
    </Stack>
  );
  if (draft.state === 'sent') return <Sent draft={draft} onAgain={() => void take.startOver()} heading={heading} />;
  if (draft.state === 'refused') {
    return (
      <Paper withBorder p="md" data-testid="take-refused" data-reason={draft.refusal ?? ''}>
        <Stack>
          {heading}
          <Alert color="red" title={t(`take:refused.${draft.refusal ?? 'link_closed'}`)}>
            {t(`take:refused.${draft.refusal ?? 'link_closed'}Help`)}
          </Alert>
          <Button variant="default" onClick={() => void take.startOver()} data-testid="take-again">
            {t('take:anotherPerson')}
          </Button>
        </Stack>
      </Paper>
    );
  }
  if (draft.state === 'sending') return <Sending problem={take.problem} onRetry={take.send} heading={heading} />;
  if (!draft.participant && draft.personalCode === null) {
    return (
      <>
        {heading}
        <IdentifyParticipant participants={test.participants} problem={take.problem} onIdentify={take.identify} codeOnly={test.identifyBy === 'code'} />
      </>
    );
  }
  return (
    <>
      {heading}
      <Answering draft={draft} test={test} lang={lang} take={take} />
    </>
  );
}

function Answering({ draft, test, lang, take }: { draft: TakeDraft; test: TakeTest; lang: Lang; take: ReturnType<typeof useTakeDraft> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [confirming, setConfirming] = useState(false);
  const answered = test.questions.filter((q) => isAnswered(draft.answers[q.id])).length;
  const missing = test.questions.length - answered;
  const submit = () => {
    if (missing > 0 && !confirming) return setConfirming(true);
    setConfirming(false);
    take.send();
  };
  return (
    <Stack gap="sm" data-testid="take-answering">
      <Paper withBorder p="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm" data-testid="take-who">
            {/* The name keeps its own direction inside the sentence (a Latin name in Urdu text). */}
            {t('take:answeringAs', { name: `\u2068${draft.participant?.name ?? draft.personalCode ?? ''}\u2069` })}
          </Text>
          <Button variant="subtle" size="compact-sm" onClick={take.changePerson} data-testid="take-change-person">
            {t('take:notYou')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t('take:keptHere')}
        </Text>
      </Paper>
      {take.problem?.kind === 'rejected' ? (
        <Alert color="red" data-testid="take-rejected">
          {take.problem.message}
        </Alert>
      ) : null}
      {test.questions.map((question, index) => (
        <QuestionCard
          key={question.id}
          question={question}
          index={index}
          total={test.questions.length}
          lang={lang}
          answer={draft.answers[question.id]}
          onAnswer={(answer) => take.setAnswer(question.id, answer)}
        />
      ))}
      <Paper withBorder p="sm" pos="sticky" bottom={0} style={{ zIndex: 2 }} shadow="sm">
        <Stack gap="xs">
          <Text size="sm" data-testid="take-progress" data-answered={answered}>
            {t('take:progress', { n: f.number(answered), total: f.number(test.questions.length) })}
          </Text>
          {confirming ? (
            <Alert color="yellow" p="xs" data-testid="take-confirm">
              {t('take:unanswered', { n: f.number(missing) })}
            </Alert>
          ) : null}
          <Group grow gap="xs">
            {confirming ? (
              <Button variant="default" onClick={() => setConfirming(false)} data-testid="take-keep-answering">
                {t('take:keepAnswering')}
              </Button>
            ) : null}
            <Button size="md" onClick={submit} data-testid="take-submit">
              {confirming ? t('take:sendAnyway') : t('take:send')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function QuestionCard({
  question,
  index,
  total,
  lang,
  answer,
  onAnswer,
}: {
  question: Question;
  index: number;
  total: number;
  lang: Lang;
  answer: TakeAnswer | undefined;
  onAnswer: (answer: TakeAnswer) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const labelId = `take-q-${question.id}`;
  return (
    <Paper withBorder p="md" data-testid={`take-question-${index + 1}`} data-answered={isAnswered(answer) ? 'true' : 'false'}>
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('take:questionOf', { n: f.number(index + 1), total: f.number(total) })} · {t('take:points', { n: f.number(question.points) })}
          {question.type === 'multiple_choice' ? ` · ${t('take:several')}` : ''}
        </Text>
        <Text fw={600} id={labelId} dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {textIn(question.text, lang)}
        </Text>
        {question.type === 'short_answer' ? (
          <Textarea
            aria-labelledby={labelId}
            rows={4}
            maxLength={2000}
            value={answer?.text ?? ''}
            onChange={(e) => onAnswer({ text: e.currentTarget.value })}
            dir="auto"
            data-testid={`take-text-${index + 1}`}
          />
        ) : question.type === 'multiple_choice' ? (
          <Checkbox.Group value={answer?.optionIds ?? []} onChange={(optionIds) => onAnswer({ optionIds })} aria-labelledby={labelId}>
            <Stack gap={6}>
              {question.options.map((option, i) => (
                <Checkbox.Card key={option.id} value={option.id} radius="sm" p="sm" data-testid={`take-option-${index + 1}-${i + 1}`}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Checkbox.Indicator />
                    <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                      {textIn(option.text, lang)}
                    </Text>
                  </Group>
                </Checkbox.Card>
              ))}
            </Stack>
          </Checkbox.Group>
        ) : (
          <Radio.Group value={answer?.optionIds?.[0] ?? null} onChange={(id) => onAnswer({ optionIds: [id] })} aria-labelledby={labelId}>
            <Stack gap={6}>
              {question.options.map((option, i) => (
                <Radio.Card key={option.id} value={option.id} radius="sm" p="sm" data-testid={`take-option-${index + 1}-${i + 1}`}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator />
                    <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                      {textIn(option.text, lang)}
                    </Text>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
        )}
      </Stack>
    </Paper>
  );
}

function Sending({ problem, onRetry, heading }: { problem: SendProblem | null; onRetry: () => void; heading: ReactNode }) {
  const { t } = useTranslation();
  const waiting = problem?.kind === 'offline' || problem?.kind === 'rate_limited';
  return (
    <Paper withBorder p="md" data-testid="take-status" data-state={waiting ? 'queued' : 'sending'}>
      <Stack>
        {heading}
        {waiting ? (
          <>
            <Alert color="yellow" title={t('take:notSentYet')}>
              {t(problem.kind === 'rate_limited' ? 'take:busyHelp' : 'take:notSentHelp')}
            </Alert>
            <Button variant="default" onClick={onRetry} data-testid="take-send-now">
              {t('take:tryAgain')}
            </Button>
          </>
        ) : (
          <Group gap="sm">
            <Loader size="sm" />
            <Text>{t('take:sending')}</Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function Sent({ draft, onAgain, heading }: { draft: TakeDraft; onAgain: () => void; heading: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const result = draft.result;
  return (
    <Paper withBorder p="md" data-testid="take-sent">
      <Stack>
        {heading}
        <Alert color="teal" title={t('take:sent')}>
          {t('take:sentHelp')}
        </Alert>
        {result ? (
          <Text fz="lg" fw={600} data-testid="take-score" data-score={result.score} data-max={result.maxScore}>
            {t('take:score', { score: f.number(result.score), max: f.number(result.maxScore), percent: f.number(result.percent) })}
          </Text>
        ) : null}
        {result && result.pendingMarks > 0 ? (
          <Text size="sm" c="dimmed">
            {t('take:pendingMarks', { n: f.number(result.pendingMarks) })}
          </Text>
        ) : null}
        <Button variant="default" onClick={onAgain} data-testid="take-again">
          {t('take:anotherPerson')}
        </Button>
      </Stack>
    </Paper>
  );
}
