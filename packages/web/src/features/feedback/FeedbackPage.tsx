import type { ReactNode } from 'react';
import { Alert, Paper, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useParams } from 'react-router';
import type { FeedbackItem, PublicFeedbackForm } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { currentLanguage, useFormat } from '../../lib/format';
import { IdentifyParticipant } from '../assessments/IdentifyParticipant';
import {
  PublicAnswering,
  PublicHeading,
  PublicLinkNotReady,
  PublicPageFrame,
  PublicSendState,
  textIn,
  type Lang,
  type PublicPageKeys,
} from '../assessments/PublicAnswering';
import { FEEDBACK_TEXT_MAX, isGiven, useFeedbackDraft, type FeedbackAnswer } from './feedbackDraft';
import './strings';
import './feedback.css';

type Feedback = ReturnType<typeof useFeedbackDraft>;

const KEYS: PublicPageKeys = { strings: 'feedback:public.', testId: 'feedback' };

/**
 * A feedback questionnaire filled in through its link, without an account, on a phone: the
 * participant picks their name (or types their personal code), answers, and sends once. Every answer
 * is kept on the phone as it is given; "sent" only when the server has confirmed. The answers are
 * stored without the name (the server keeps only that this person has answered).
 */
export default function FeedbackPage() {
  const { token = '' } = useParams();
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const feedback = useFeedbackDraft(token);
  const form = feedback.view.phase === 'ready' ? feedback.view.draft.form : null;
  return (
    <PublicPageFrame keys={KEYS} eventTitle={form ? form.event.title : null} documentTitle={form ? textIn(form.form.title, lang) : null}>
      <FeedbackBody feedback={feedback} lang={lang} />
    </PublicPageFrame>
  );
}

function FeedbackBody({ feedback, lang }: { feedback: Feedback; lang: Lang }) {
  const { t } = useTranslation();
  const view = feedback.view;
  if (view.phase !== 'ready') return <PublicLinkNotReady keys={KEYS} view={view} onRetry={feedback.reload} />;
  const { draft } = view;
  const form = draft.form;
  if (!form) return null;
  const heading = <PublicHeading keys={KEYS} kicker={t('feedback:public.heading')} title={textIn(form.form.title, lang)} />;
  if (draft.state !== 'answering') {
    return (
      <PublicSendState
        keys={KEYS}
        draft={draft}
        problem={feedback.problem}
        heading={heading}
        onRetry={feedback.send}
        onAgain={() => void feedback.startOver()}
      />
    );
  }
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
      <PublicAnswering
        keys={KEYS}
        who={draft}
        problem={feedback.problem}
        answered={form.items.filter((item) => isGiven(draft.answers[item.id])).length}
        total={form.items.length}
        needsOne
        onChangePerson={feedback.changePerson}
        onSend={feedback.send}
      >
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
      </PublicAnswering>
    </>
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
