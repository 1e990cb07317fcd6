import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useOnline } from '../../lib/connection';
import { useFormat } from '../../lib/format';
import type { PublicDraft, PublicDraftView, SendProblem } from '../../lib/usePublicDraft';

/**
 * What the two pages opened by link without an account (a test, a feedback questionnaire) share:
 * the page's frame, "not available", the answering-as panel, the sticky send footer, and the
 * sending / sent / refused screens. Each page names its strings and test ids.
 */
export type PublicPageKeys = {
  /** The prefix of the page's strings: 'take:' or 'feedback:public.' (the same keys below each). */
  strings: string;
  /** The prefix of the page's test ids: 'take' gives 'take-submit', 'take-sent', … */
  testId: string;
};

export type Lang = 'en' | 'ur';

/** A text in the reader's language, English where it has no Urdu. */
export const textIn = (text: { en: string; ur: string | null }, lang: Lang) => (lang === 'ur' && text.ur ? text.ur : text.en);

/** The page around a public link: the app's name, the event, the language switch and "no connection". */
export function PublicPageFrame({
  keys,
  eventTitle,
  documentTitle,
  children,
}: {
  keys: PublicPageKeys;
  eventTitle: string | null;
  documentTitle: string | null;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const online = useOnline();
  useEffect(() => {
    if (documentTitle !== null) document.title = `${documentTitle} · ${t('app.name')}`;
  }, [documentTitle, t, i18n.language]);
  return (
    <Box mih="100vh" bg="gray.0" py="sm" px="xs">
      <Stack maw={640} mx="auto" gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" c="teal.8" fw={700}>
              {t('app.name')}
            </Text>
            {eventTitle !== null ? (
              <Text size="sm" c="dimmed" dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid={`${keys.testId}-event`}>
                {eventTitle}
              </Text>
            ) : null}
          </Stack>
          <div style={{ flexShrink: 0 }}>
            <LanguageSwitch />
          </div>
        </Group>
        {!online ? (
          <Alert color="yellow" data-testid={`${keys.testId}-offline`} p="xs">
            {t(`${keys.strings}offline`)}
          </Alert>
        ) : null}
        {children}
      </Stack>
    </Box>
  );
}

/** The link's form not (yet) read: loading, or why it is not available, with "try again" where that can help. */
export function PublicLinkNotReady<D>({
  keys,
  view,
  onRetry,
}: {
  keys: PublicPageKeys;
  view: Exclude<PublicDraftView<D>, { phase: 'ready' }>;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (view.phase === 'loading') {
    return (
      <Center mih={200} data-testid="page-loader">
        <Loader size="sm" />
      </Center>
    );
  }
  const retry = view.reason === 'offline' || view.reason === 'rate_limited' || view.reason === 'error';
  return (
    <Paper withBorder p="md" data-testid={`${keys.testId}-unavailable`} data-reason={view.reason}>
      <Stack>
        <Title order={3}>{t(`${keys.strings}unavailable.${view.reason}`)}</Title>
        <Text>{t(`${keys.strings}unavailable.${view.reason}Help`)}</Text>
        {retry ? (
          <Button onClick={onRetry} data-testid={`${keys.testId}-retry`}>
            {t(`${keys.strings}tryAgain`)}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The page's heading: what it is (small) over its title. */
export function PublicHeading({ keys, kicker, title }: { keys: PublicPageKeys; kicker: ReactNode; title: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600} c="dimmed">
        {kicker}
      </Text>
      <Title order={2} fz={{ base: 22, sm: 26 }} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid={`${keys.testId}-title`}>
        {title}
      </Title>
    </Stack>
  );
}

/**
 * What follows a send: "sending" (or "not sent yet", sent again), "sent" (with `receipt`, what the
 * server answered) or "refused", each with the heading; null while the participant is answering.
 */
export function PublicSendState<F, A, R>({
  keys,
  draft,
  problem,
  heading,
  receipt,
  onRetry,
  onAgain,
}: {
  keys: PublicPageKeys;
  draft: PublicDraft<F, A, R>;
  problem: SendProblem | null;
  heading: ReactNode;
  receipt?: ReactNode;
  onRetry: () => void;
  onAgain: () => void;
}) {
  const { t } = useTranslation();
  const again = (
    <Button variant="default" onClick={onAgain} data-testid={`${keys.testId}-again`}>
      {t(`${keys.strings}anotherPerson`)}
    </Button>
  );
  if (draft.state === 'sent') {
    return (
      <Paper withBorder p="md" data-testid={`${keys.testId}-sent`}>
        <Stack>
          {heading}
          <Alert color="teal" title={t(`${keys.strings}sent`)}>
            {t(`${keys.strings}sentHelp`)}
          </Alert>
          {receipt}
          {again}
        </Stack>
      </Paper>
    );
  }
  if (draft.state === 'refused') {
    const reason = draft.refusal ?? 'link_closed';
    return (
      <Paper withBorder p="md" data-testid={`${keys.testId}-refused`} data-reason={reason}>
        <Stack>
          {heading}
          <Alert color="red" title={t(`${keys.strings}refused.${reason}`)}>
            {t(`${keys.strings}refused.${reason}Help`)}
          </Alert>
          {again}
        </Stack>
      </Paper>
    );
  }
  if (draft.state !== 'sending') return null;
  const waiting = problem?.kind === 'offline' || problem?.kind === 'rate_limited';
  return (
    <Paper withBorder p="md" data-testid={`${keys.testId}-status`} data-state={waiting ? 'queued' : 'sending'}>
      <Stack>
        {heading}
        {waiting ? (
          <>
            <Alert color="yellow" title={t(`${keys.strings}notSentYet`)}>
              {t(`${keys.strings}${problem.kind === 'rate_limited' ? 'busyHelp' : 'notSentHelp'}`)}
            </Alert>
            <Button variant="default" onClick={onRetry} data-testid={`${keys.testId}-send-now`}>
              {t(`${keys.strings}tryAgain`)}
            </Button>
          </>
        ) : (
          <Group gap="sm">
            <Loader size="sm" />
            <Text>{t(`${keys.strings}sending`)}</Text>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The answering page around the questions (`children`): who answers ("not you?"), a refusal's
 * message, and the sticky footer with the progress and the send button, which asks first when some
 * are unanswered. With `needsOne` nothing is sent before one answer (the button is disabled).
 */
export function PublicAnswering({
  keys,
  who,
  problem,
  answered,
  total,
  needsOne = false,
  onChangePerson,
  onSend,
  children,
}: {
  keys: PublicPageKeys;
  who: Pick<PublicDraft<unknown, unknown, unknown>, 'participant' | 'personalCode'>;
  problem: SendProblem | null;
  answered: number;
  total: number;
  needsOne?: boolean;
  onChangePerson: () => void;
  onSend: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [confirming, setConfirming] = useState(false);
  const missing = total - answered;
  const none = needsOne && answered === 0;
  const submit = () => {
    if (none) return;
    if (missing > 0 && !confirming) return setConfirming(true);
    setConfirming(false);
    onSend();
  };
  const { strings, testId } = keys;
  return (
    <Stack gap="sm" data-testid={`${testId}-answering`}>
      <Paper withBorder p="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm" data-testid={`${testId}-who`}>
            {/* The name keeps its own direction inside the sentence (a Latin name in Urdu text). */}
            {t(`${strings}answeringAs`, { name: `\u2068${who.participant?.name ?? who.personalCode ?? ''}\u2069` })}
          </Text>
          <Button variant="subtle" size="compact-sm" onClick={onChangePerson} data-testid={`${testId}-change-person`}>
            {t(`${strings}notYou`)}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t(`${strings}keptHere`)}
        </Text>
      </Paper>
      {problem?.kind === 'rejected' ? (
        <Alert color="red" data-testid={`${testId}-rejected`}>
          {problem.message}
        </Alert>
      ) : null}
      {children}
      <Paper withBorder p="sm" pos="sticky" bottom={0} style={{ zIndex: 2 }} shadow="sm">
        <Stack gap="xs">
          <Text size="sm" data-testid={`${testId}-progress`} data-answered={answered}>
            {none ? t(`${strings}nothing`) : t(`${strings}progress`, { n: f.number(answered), total: f.number(total) })}
          </Text>
          {confirming ? (
            <Alert color="yellow" p="xs" data-testid={`${testId}-confirm`}>
              {t(`${strings}unanswered`, { n: f.number(missing) })}
            </Alert>
          ) : null}
          <Group grow gap="xs">
            {confirming ? (
              <Button variant="default" onClick={() => setConfirming(false)} data-testid={`${testId}-keep-answering`}>
                {t(`${strings}keepAnswering`)}
              </Button>
            ) : null}
            <Button size="md" onClick={submit} disabled={none} data-testid={`${testId}-submit`}>
              {confirming ? t(`${strings}sendAnyway`) : t(`${strings}send`)}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
