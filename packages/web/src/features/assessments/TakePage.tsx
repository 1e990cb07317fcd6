import '@mantine/core/styles/CheckboxCard.css';
import '@mantine/core/styles/CheckboxIndicator.css';
import '@mantine/core/styles/RadioCard.css';
import '@mantine/core/styles/RadioIndicator.css';
import { Checkbox, Group, Paper, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import type { TakeTest } from '@hifazat/contract';
import { currentLanguage, useFormat } from '../../lib/format';
import type { TakeAnswer, TakeDraft } from './takeStore';
import { IdentifyParticipant } from './IdentifyParticipant';
import {
  PublicAnswering,
  PublicHeading,
  PublicLinkNotReady,
  PublicPageFrame,
  PublicSendState,
  textIn,
  type Lang,
  type PublicPageKeys,
} from './PublicAnswering';
import { isAnswered, useTakeDraft } from './useTakeDraft';
import './takeStrings';

type Question = TakeTest['questions'][number];

const KEYS: PublicPageKeys = { strings: 'take:', testId: 'take' };

/**
 * A test taken through its link, without an account, on a phone: the participant picks their name
 * (or types their personal code), answers on one scrolling page, and sends once. Every answer is
 * kept on the phone as it is given; the page says "sent" only when the server has confirmed.
 */
export default function TakePage() {
  const { token = '' } = useParams();
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const take = useTakeDraft(token);
  const test = take.view.phase === 'ready' ? take.view.draft.form : null;
  return (
    <PublicPageFrame keys={KEYS} eventTitle={test ? test.event.title : null} documentTitle={test ? test.test.title : null}>
      <TakeBody take={take} lang={lang} />
    </PublicPageFrame>
  );
}

function TakeBody({ take, lang }: { take: ReturnType<typeof useTakeDraft>; lang: Lang }) {
  const { t } = useTranslation();
  const view = take.view;
  if (view.phase !== 'ready') return <PublicLinkNotReady keys={KEYS} view={view} onRetry={take.reload} />;
  const { draft } = view;
  const test = draft.form;
  if (!test) return null;
  const heading = (
    <PublicHeading
      keys={KEYS}
      kicker={`${t(`take:kind.${test.test.kind}`)}${test.test.form ? ` · ${t('take:form', { form: test.test.form })}` : ''}`}
      title={test.test.title}
    />
  );
  if (draft.state !== 'answering') {
    return (
      <PublicSendState
        keys={KEYS}
        draft={draft}
        problem={take.problem}
        heading={heading}
        receipt={<Receipt draft={draft} />}
        onRetry={take.send}
        onAgain={() => void take.startOver()}
      />
    );
  }
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
      <PublicAnswering
        keys={KEYS}
        who={draft}
        problem={take.problem}
        answered={test.questions.filter((q) => isAnswered(draft.answers[q.id])).length}
        total={test.questions.length}
        onChangePerson={take.changePerson}
        onSend={take.send}
      >
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
      </PublicAnswering>
    </>
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

/** The server's answer to a sent test: the score, and how many answers await a trainer's marks. */
function Receipt({ draft }: { draft: TakeDraft }) {
  const { t } = useTranslation();
  const f = useFormat();
  const result = draft.result;
  if (!result) return null;
  return (
    <>
      <Text fz="lg" fw={600} data-testid="take-score" data-score={result.score} data-max={result.maxScore}>
        {t('take:score', { score: f.number(result.score), max: f.number(result.maxScore), percent: f.number(result.percent) })}
      </Text>
      {result.pendingMarks > 0 ? (
        <Text size="sm" c="dimmed">
          {t('take:pendingMarks', { n: f.number(result.pendingMarks) })}
        </Text>
      ) : null}
    </>
  );
}
