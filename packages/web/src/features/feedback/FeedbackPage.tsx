import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Center, Group, Loader, Paper, Stack, Text, Textarea, Title, UnstyledButton } from '@mantine/core';
import { useParams } from 'react-router';
import type { FeedbackItem, PublicFeedbackForm } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useOnline } from '../../lib/connection';
import { currentLanguage, useFormat } from '../../lib/format';
import type { SendProblem } from '../../lib/usePublicDraft';
import { IdentifyParticipant } from '../assessments/IdentifyParticipant';
import { FEEDBACK_TEXT_MAX, isGiven, useFeedbackDraft, type FeedbackAnswer, type FeedbackDraft } from './feedbackDraft';
import './strings';
import './feedback.css';

type Lang = 'en' | 'ur';
type Feedback = ReturnType<typeof useFeedbackDraft>;

const textIn = (text: { en: string; ur: string | null }, lang: Lang) => (lang === 'ur' && text.ur ? text.ur : text.en);

/**
 * A feedback questionnaire filled in through its link, without an account, on a phone: the
 * participant picks their name (or types their personal code), answers, and sends once. Every answer
 * is kept on the phone as it is given; "sent" only when the server has confirmed. The answers are
 * stored without the name (the server keeps only that this person has answered).
 */
export default function FeedbackPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const feedback = useFeedbackDraft(token);
  const online = useOnline();
  const form = feedback.view.phase === 'ready' ? feedback.view.draft.form : null;

  useEffect(() => {
    if (form) document.title = `${textIn(form.form.title, lang)} · ${t('app.name')}`;
  }, [form, t, lang]);

  return (
    <Box mih="100vh" bg="gray.0" py="sm" px="xs">
      <Stack maw={640} mx="auto" gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" c="teal.8" fw={700}>
              {t('app.name')}
            </Text>
            {form ? (
              <Text size="sm" c="dimmed" dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="feedback-event">
                {form.event.title}
              </Text>
            ) : null}
          </Stack>
          <div style={{ flexShrink: 0 }}>
            <LanguageSwitch />
          </div>
        </Group>
        {!online ? (
          <Alert color="yellow" data-testid="feedback-offline" p="xs">
            {t('feedback:public.offline')}
          </Alert>
        ) : null}
        <FeedbackBody feedback={feedback} lang={lang} />
      </Stack>
    </Box>
  );
}

function FeedbackBody({ feedback, lang }: { feedback: Feedback; lang: Lang }) {
  const { t } = useTranslation();
  const view = feedback.view;
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
      <Paper withBorder p="md" data-testid="feedback-unavailable" data-reason={view.reason}>
        <Stack>
          <Title order={3}>{t(`feedback:public.unavailable.${view.reason}`)}</Title>
          <Text>{t(`feedback:public.unavailable.${view.reason}Help`)}</Text>
          {retry ? (
            <Button onClick={feedback.reload} data-testid="feedback-retry">
              {t('feedback:public.tryAgain')}
            </Button>
          ) : null}
        </Stack>
      </Paper>
    );
  }
  const { draft } = view;
  const form = draft.form;
  if (!form) return null;
  const heading = (
    <Stack gap={2}>
      <Text size="sm" fw={600} c="dimmed">
        {t('feedback:public.heading')}
      </Text>
      <Title order={2} fz={{ base: 22, sm: 26 }} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="feedback-title">
        {textIn(form.form.title, lang)}
      </Title>
    </Stack>
  );
  const again = (
    <Button variant="default" onClick={() => void feedback.startOver()} data-testid="feedback-again">
      {t('feedback:public.anotherPerson')}
    </Button>
  );
  if (draft.state === 'sent') {
    return (
      <Paper withBorder p="md" data-testid="feedback-sent">
        <Stack>
          {heading}
          <Alert color="teal" title={t('feedback:public.sent')}>
            {t('feedback:public.sentHelp')}
          </Alert>
          {again}
        </Stack>
      </Paper>
    );
  }
  if (draft.state === 'refused') {
    const reason = draft.refusal ?? 'link_closed';
    return (
      <Paper withBorder p="md" data-testid="feedback-refused" data-reason={reason}>
        <Stack>
          {heading}
          <Alert color="red" title={t(`feedback:public.refused.${reason}`)}>
            {t(`feedback:public.refused.${reason}Help`)}
          </Alert>
          {again}
        </Stack>
      </Paper>
    );
  }
  if (draft.state === 'sending') return <Sending problem={feedback.problem} onRetry={feedback.send} heading={heading} />;
  const anonymous = (
    <Alert color="blue" variant="light" p="xs" data-testid="feedback-anonymous">
      {t('feedback:public.anonymous')}
    </Alert>
  );
  if (!draft.participant && draft.personalCode === null) {
    return (
      <>
        {heading}
        {anonymous}
        <IdentifyParticipant participants={form.participants} problem={feedback.problem} onIdentify={feedback.identify} />
      </>
    );
  }
  return (
    <>
      {heading}
      {anonymous}
      <Answering draft={draft} form={form} lang={lang} feedback={feedback} />
    </>
  );
}

function Answering({ draft, form, lang, feedback }: { draft: FeedbackDraft; form: PublicFeedbackForm; lang: Lang; feedback: Feedback }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [confirming, setConfirming] = useState(false);
  const answered = form.items.filter((item) => isGiven(draft.answers[item.id])).length;
  const missing = form.items.length - answered;
  const submit = () => {
    if (answered === 0) return;
    if (missing > 0 && !confirming) return setConfirming(true);
    setConfirming(false);
    feedback.send();
  };
  return (
    <Stack gap="sm" data-testid="feedback-answering">
      <Paper withBorder p="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm" data-testid="feedback-who">
            {/* The name keeps its own direction inside the sentence (a Latin name in Urdu text). */}
            {t('feedback:public.answeringAs', { name: `\u2068${draft.participant?.name ?? draft.personalCode ?? ''}\u2069` })}
          </Text>
          <Button variant="subtle" size="compact-sm" onClick={feedback.changePerson} data-testid="feedback-change-person">
            {t('feedback:public.notYou')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t('feedback:public.keptHere')}
        </Text>
      </Paper>
      {feedback.problem?.kind === 'rejected' ? (
        <Alert color="red" data-testid="feedback-rejected">
          {feedback.problem.message}
        </Alert>
      ) : null}
      {form.items.map((item, index) => (
        <ItemCard
          key={item.id}
          item={item}
          index={index}
          total={form.items.length}
          scale={form.scale}
          lang={lang}
          answer={draft.answers[item.id]}
          onAnswer={(answer) => feedback.setAnswer(item.id, answer)}
        />
      ))}
      <Paper withBorder p="sm" pos="sticky" bottom={0} style={{ zIndex: 2 }} shadow="sm">
        <Stack gap="xs">
          <Text size="sm" data-testid="feedback-progress" data-answered={answered}>
            {answered === 0 ? t('feedback:public.nothing') : t('feedback:public.progress', { n: f.number(answered), total: f.number(form.items.length) })}
          </Text>
          {confirming ? (
            <Alert color="yellow" p="xs" data-testid="feedback-confirm">
              {t('feedback:public.unanswered', { n: f.number(missing) })}
            </Alert>
          ) : null}
          <Group grow gap="xs">
            {confirming ? (
              <Button variant="default" onClick={() => setConfirming(false)} data-testid="feedback-keep-answering">
                {t('feedback:public.keepAnswering')}
              </Button>
            ) : null}
            <Button size="md" onClick={submit} disabled={answered === 0} data-testid="feedback-submit">
              {confirming ? t('feedback:public.sendAnyway') : t('feedback:public.send')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** A large choice to tap: a Likert point or an option, one of a group that acts as radio buttons. */
function Choice({ selected, onPick, testId, children }: { selected: boolean; onPick: () => void; testId: string; children: ReactNode }) {
  return (
    <UnstyledButton
      role="radio"
      aria-checked={selected}
      onClick={onPick}
      className="feedback-choice"
      data-selected={selected || undefined}
      data-testid={testId}
    >
      {children}
    </UnstyledButton>
  );
}

function ItemCard({
  item,
  index,
  total,
  scale,
  lang,
  answer,
  onAnswer,
}: {
  item: FeedbackItem;
  index: number;
  total: number;
  scale: PublicFeedbackForm['scale'];
  lang: Lang;
  answer: FeedbackAnswer | undefined;
  onAnswer: (answer: FeedbackAnswer) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const labelId = `feedback-q-${item.id}`;
  const n = index + 1;
  return (
    <Paper withBorder p="md" data-testid={`feedback-item-${n}`} data-answered={isGiven(answer) ? 'true' : 'false'}>
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('feedback:public.itemOf', { n: f.number(n), total: f.number(total) })}
          {item.kind === 'likert' ? ` · ${t('feedback:public.agreeHelp')}` : item.kind === 'text' ? ` · ${t('feedback:public.optional')}` : ''}
        </Text>
        <Text fw={600} id={labelId} dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {textIn(item.text, lang)}
        </Text>
        {item.kind === 'text' ? (
          <Textarea
            aria-labelledby={labelId}
            rows={4}
            maxLength={FEEDBACK_TEXT_MAX}
            value={answer?.text ?? ''}
            onChange={(e) => onAnswer({ text: e.currentTarget.value })}
            dir="auto"
            data-testid={`feedback-text-${n}`}
          />
        ) : (
          <div role="radiogroup" aria-labelledby={labelId} className="feedback-choices">
            {item.kind === 'likert'
              ? scale.map((point) => (
                  <Choice
                    key={point.value}
                    selected={answer?.value === point.value}
                    onPick={() => onAnswer({ value: point.value })}
                    testId={`feedback-likert-${n}-${point.value}`}
                  >
                    <span className="feedback-point">{f.number(point.value)}</span>
                    <span>{textIn(point.text, lang)}</span>
                  </Choice>
                ))
              : item.options.map((option, i) => (
                  <Choice
                    key={option.id}
                    selected={answer?.optionId === option.id}
                    onPick={() => onAnswer({ optionId: option.id })}
                    testId={`feedback-option-${n}-${i + 1}`}
                  >
                    <span dir="auto">{textIn(option.text, lang)}</span>
                  </Choice>
                ))}
          </div>
        )}
      </Stack>
    </Paper>
  );
}

function Sending({ problem, onRetry, heading }: { problem: SendProblem | null; onRetry: () => void; heading: ReactNode }) {
  const { t } = useTranslation();
  const waiting = problem?.kind === 'offline' || problem?.kind === 'rate_limited';
  return (
    <Paper withBorder p="md" data-testid="feedback-status" data-state={waiting ? 'queued' : 'sending'}>
      <Stack>
        {heading}
        {waiting ? (
          <>
            <Alert color="yellow" title={t('feedback:public.notSentYet')}>
              {t(problem.kind === 'rate_limited' ? 'feedback:public.busyHelp' : 'feedback:public.notSentHelp')}
            </Alert>
            <Button variant="default" onClick={onRetry} data-testid="feedback-send-now">
              {t('feedback:public.tryAgain')}
            </Button>
          </>
        ) : (
          <Group gap="sm">
            <Loader size="sm" />
            <Text>{t('feedback:public.sending')}</Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
