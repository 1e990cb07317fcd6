import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Center, Code, Group, List, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { SecondFactorSetup, User } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { api, isApiError } from '../../lib/api';

/** What a sign-in of a case role answered: enrol first, or give a code. */
export type SecondFactorState = 'required' | 'setup_required';

type Props = {
  state: SecondFactorState;
  /** The session is full: the user when the server said who (a code), otherwise the app asks. */
  onDone: (user: User | null) => void;
  /** The half session ended (too slow, or signed out): back to the password. */
  onRestart: () => void;
};

/**
 * The second step of a case role's sign-in (issue 12): at the first sign-in, enrolment (a QR code of
 * the otpauth address, the key as text, a code, then the recovery codes once); later, the code of the
 * authenticator app or a recovery code. Loaded only when a sign-in asks for it.
 */
export default function SecondFactor({ state, onDone, onRestart }: Props) {
  return state === 'setup_required' ? <Enrol onDone={onDone} onRestart={onRestart} /> : <Verify onDone={onDone} onRestart={onRestart} />;
}

function Frame({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} radius="md" w="100%" maw={440} data-testid={testId}>
        <Stack>
          <Group justify="space-between" align="center" wrap="nowrap">
            <Title order={2} c="teal.8">
              {t('app.name')}
            </Title>
            <LanguageSwitch />
          </Group>
          <Title order={3}>{title}</Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

/** In a dialog that has its own title: the step's title as a heading, no page frame. */
function Plain({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Stack data-testid={testId}>
      <Title order={4}>{title}</Title>
      {children}
    </Stack>
  );
}

/**
 * Enrolment from the account menu, for the roles that may choose a second factor (an administrator
 * needs one to break the glass on a case file); every later sign-in asks for a code.
 */
export function OwnSecondFactorEnrol({ onDone }: { onDone: () => void }) {
  return <Enrol variant="account" onDone={onDone} onRestart={onDone} />;
}

/** The message for a failed code, and whether the half session is gone. */
function useCodeError(error: unknown): { text: string | null; expired: boolean } {
  const { t } = useTranslation();
  if (!error) return { text: null, expired: false };
  const status = isApiError(error) ? error.status : 0;
  if (status === 401) return { text: t('mfa.expired'), expired: true };
  if (status === 400) return { text: t('mfa.wrongCode'), expired: false };
  // The server says how long to wait, in the reader's language.
  if (status === 429 && isApiError(error) && error.message) return { text: error.message, expired: false };
  if (status === 0) return { text: t('apiError.network_error'), expired: false };
  return { text: t('mfa.failed'), expired: false };
}

function CodeError({ error, onRestart }: { error: unknown; onRestart: () => void }) {
  const { t } = useTranslation();
  const { text, expired } = useCodeError(error);
  if (!text) return null;
  return (
    <Alert color="red" data-testid="mfa-error" data-status={isApiError(error) ? error.status : 0}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{text}</Text>
        {expired ? (
          <Button size="xs" variant="default" onClick={onRestart} data-testid="mfa-restart">
            {t('mfa.startOver')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** The key in groups of four, as apps show it (read left to right in either language). */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

function QrImage({ text, label }: { text: string; label: string }) {
  const [path, setPath] = useState<{ text: string; size: number; d: string } | null>(null);
  useEffect(() => {
    let live = true;
    // The QR encoder is fetched with this step only: the sign-in page does not carry it.
    void import('qrcode').then(({ create }) => {
      const { modules } = create(text, { errorCorrectionLevel: 'M' });
      const quiet = 4;
      let d = '';
      for (let row = 0; row < modules.size; row += 1) {
        for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) d += `M${col + quiet} ${row + quiet}h1v1h-1z`;
      }
      if (live) setPath({ text, size: modules.size + quiet * 2, d });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!path || path.text !== text) return <Loader size="sm" />;
  return (
    <svg width={200} height={200} viewBox={`0 0 ${path.size} ${path.size}`} shapeRendering="crispEdges" role="img" aria-label={label} data-testid="mfa-qr">
      <rect width="100%" height="100%" fill="#fff" />
      <path fill="#000" d={path.d} />
    </svg>
  );
}

/** Enrolment at sign-in (a half session, on a page of its own) or from the account menu (a full session, in a dialog). */
type EnrolVariant = 'sign-in' | 'account';

function Enrol({ onDone, onRestart, variant = 'sign-in' }: Omit<Props, 'state'> & { variant?: EnrolVariant }) {
  const Wrap = variant === 'account' ? Plain : Frame;
  const { t } = useTranslation();
  const [setup, setSetup] = useState<SecondFactorSetup | null>(null);
  const [setupError, setSetupError] = useState<unknown>(null);
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  // One secret per visit: a second setup call (React's strict mode runs effects twice) would replace it.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    (variant === 'account' ? api.call('enrolOwnSecondFactor') : api.call('setUpSecondFactor')).then(setSetup, setSetupError);
  }, [variant]);

  if (recoveryCodes) {
    return (
      <Wrap title={t('mfa.recoveryTitle')} testId="mfa-recovery">
        <Text size="sm">{t('mfa.recoveryIntro')}</Text>
        <List spacing={4} listStyleType="none" ps={0} data-testid="mfa-recovery-codes">
          {recoveryCodes.map((c) => (
            <List.Item key={c}>
              <Code fz="md" dir="ltr">
                <bdi>{c}</bdi>
              </Code>
            </List.Item>
          ))}
        </List>
        <Button onClick={() => onDone(null)} data-testid="mfa-saved" fullWidth>
          {t('mfa.saved')}
        </Button>
      </Wrap>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const body = { code: code.trim() };
      const answer = variant === 'account' ? await api.call('confirmOwnSecondFactor', { body }) : await api.call('confirmSecondFactor', { body });
      setRecoveryCodes(answer.recoveryCodes);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };

  return (
    <Wrap title={t('mfa.enrolTitle')} testId="mfa-enrol">
      <Text size="sm">{t('mfa.enrolIntro')}</Text>
      {setupError ? (
        <CodeError error={setupError} onRestart={onRestart} />
      ) : !setup ? (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('mfa.loading')}</Text>
        </Group>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Text size="sm">{t('mfa.enrolStep1')}</Text>
            <Center>
              <QrImage text={setup.otpauthUrl} label={t('mfa.qrLabel')} />
            </Center>
            <Text size="sm" c="dimmed">
              {t('mfa.manualEntry')}
            </Text>
            <Code block fz="md" dir="ltr" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }} data-testid="mfa-secret" data-secret={setup.secret}>
              <bdi>{grouped(setup.secret)}</bdi>
            </Code>
            <Text size="sm">{t('mfa.enrolStep2')}</Text>
            <TextInput
              label={t('mfa.code')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              dir="ltr"
              required
              data-testid="mfa-code"
            />
            <CodeError error={error} onRestart={onRestart} />
            <Button type="submit" loading={pending} disabled={code.trim() === ''} data-testid="mfa-confirm" fullWidth>
              {t('mfa.confirm')}
            </Button>
          </Stack>
        </form>
      )}
    </Wrap>
  );
}

function Verify({ onDone, onRestart }: Omit<Props, 'state'>) {
  const { t } = useTranslation();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const { user } = await api.call('verifySecondFactor', { body: { code: code.trim() } });
      onDone(user);
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  };

  return (
    <Frame title={t('mfa.verifyTitle')} testId="mfa-verify">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text size="sm">{recovery ? t('mfa.recoveryHelp') : t('mfa.verifyIntro')}</Text>
          <TextInput
            key={recovery ? 'recovery' : 'code'}
            label={recovery ? t('mfa.recoveryCode') : t('mfa.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            inputMode={recovery ? 'text' : 'numeric'}
            autoComplete={recovery ? 'off' : 'one-time-code'}
            maxLength={recovery ? 20 : 12}
            dir="ltr"
            required
            autoFocus
            data-testid="mfa-code"
          />
          <CodeError error={error} onRestart={onRestart} />
          <Button type="submit" loading={pending} disabled={code.trim() === ''} data-testid="mfa-verify-submit" fullWidth>
            {t('mfa.verify')}
          </Button>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setRecovery(!recovery);
              setCode('');
              setError(null);
            }}
            data-testid="mfa-toggle-recovery"
          >
            {recovery ? t('mfa.useApp') : t('mfa.useRecovery')}
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}
