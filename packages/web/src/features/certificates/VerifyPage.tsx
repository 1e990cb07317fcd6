import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Box, Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import type { CertificateVerification } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { api, isApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { qrFromLocation } from './verifyLink';
import './strings';

/** Why a check could not say yes or no: never an error page, a sentence and a way on. */
type Trouble = 'notFound' | 'badNumber' | 'rateLimited' | 'offline' | 'failed';

function troubleOf(error: unknown): Trouble {
  if (!isApiError(error)) return 'failed';
  if (error.status === 404) return 'notFound';
  if (error.status === 400) return 'badNumber';
  if (error.status === 429) return 'rateLimited';
  if (error.code === 'network_error') return 'offline';
  return 'failed';
}

/** A QR text is never "not found" nor a bad number: those answers would be a fault of ours. */
const qrTrouble = (trouble: Trouble) => (trouble === 'rateLimited' || trouble === 'offline' ? trouble : 'failed');

/**
 * The public page a certificate's QR code or printed number leads to: whether the number was issued
 * here and is still valid, and whether a QR code's text is genuine (its Ed25519 signature). No
 * account; opened on a phone, so it loads little. It reminds the reader to check the address: a
 * look-alike domain can show anything (training_anchors.md §8, OpenCRVS's "prompt to check domain").
 */
export default function VerifyPage() {
  const { number = '' } = useParams();
  const { t } = useTranslation();

  useEffect(() => {
    document.title = `${t('certificates:verify.title')} · ${t('app.name')}`;
  }, [t]);

  return (
    <Box mih="100vh" bg="gray.0" py="sm" px="xs">
      <Stack maw={640} mx="auto" gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" c="teal.8" fw={700}>
              {t('app.name')}
            </Text>
            <Title order={1} fz={{ base: 22, sm: 26 }}>
              {t('certificates:verify.title')}
            </Title>
          </Stack>
          <div style={{ flexShrink: 0 }}>
            <LanguageSwitch />
          </div>
        </Group>
        <Alert color="blue" p="xs" data-testid="verify-address-warning">
          <Text size="sm">{t('certificates:verify.addressWarning', { host: '\u2068' + window.location.host + '\u2069' })}</Text>
        </Alert>
        {number !== '' ? <NumberCheck key={number} number={number} /> : null}
        <NumberForm current={number} />
        <QrCheck />
      </Stack>
    </Box>
  );
}

function NumberCheck({ number }: { number: string }) {
  const { t } = useTranslation();
  // The number exactly as in the address: the request is then the one the server preloaded with the page.
  const check = useQuery({
    queryKey: ['verify', number],
    queryFn: () => api.call('verifyCertificateNumber', { params: { number } }),
    retry: false,
    staleTime: 30_000,
  });
  const shown = number.trim().toUpperCase();
  if (check.isPending) {
    return (
      <Paper withBorder p="md" data-testid="verify-number-result" data-state="checking">
        <Text>{t('certificates:verify.checking')}</Text>
      </Paper>
    );
  }
  if (check.error) {
    const trouble = troubleOf(check.error);
    const retry = trouble === 'rateLimited' || trouble === 'offline' || trouble === 'failed';
    return (
      <Verdict
        state={trouble}
        color={trouble === 'notFound' ? 'red' : 'yellow'}
        title={trouble === 'notFound' ? t('certificates:verify.notFound') : shown}
        text={t(`certificates:verify.${trouble === 'notFound' ? 'notFoundText' : trouble}`)}
        testId="verify-number-result"
        number={trouble === 'notFound' ? shown : null}
      >
        {retry ? (
          <Button variant="default" size="xs" onClick={() => void check.refetch()} style={{ alignSelf: 'flex-start' }} data-testid="verify-retry">
            {t('certificates:verify.check')}
          </Button>
        ) : null}
      </Verdict>
    );
  }
  const result = check.data;
  return (
    <Verdict
      state={result.valid ? 'valid' : 'revoked'}
      color={result.valid ? 'teal' : 'red'}
      title={result.valid ? t('certificates:verify.valid') : t('certificates:verify.revoked')}
      text={result.valid ? t('certificates:verify.validText') : t('certificates:verify.revokedText')}
      testId="verify-number-result"
      number={result.number ?? shown}
    >
      <Facts result={result} />
    </Verdict>
  );
}

/** A verdict in a word the reader sees first (valid, revoked, genuine…), a sentence, then what the certificate says. */
function Verdict(props: { state: string; color: string; title: string; text: string; testId: string; number: string | null; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      data-testid={props.testId}
      data-state={props.state}
      style={{ borderColor: `var(--mantine-color-${props.color}-6)`, borderWidth: 2 }}
    >
      <Stack gap="xs">
        <Title order={2} fz={26} c={`${props.color}.8`} data-testid={`${props.testId}-verdict`}>
          {props.title}
        </Title>
        <Text>{props.text}</Text>
        {props.number ? (
          <Text size="sm">
            {t('certificates:verify.byNumber')}:{' '}
            <Text span ff="monospace" fw={600} dir="ltr" style={{ unicodeBidi: 'isolate' }}>
              {props.number}
            </Text>
          </Text>
        ) : null}
        {props.children}
      </Stack>
    </Paper>
  );
}

/** What the certificate says: holder, kind, event, its dates and the day it was issued. */
function Facts({ result }: { result: CertificateVerification }) {
  const { t } = useTranslation();
  const f = useFormat();
  // Nastaliq (Urdu names, titles) stands taller than Latin: at the default line height it reaches the label above.
  const row = (label: string, value: ReactNode, testId: string) => (
    <Box>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} dir="auto" lh={1.9} style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
        {value}
      </Text>
    </Box>
  );
  return (
    <Stack gap={6} mt={4}>
      {result.holder ? row(t('certificates:verify.holder'), result.holder, 'verify-holder') : null}
      {result.kind ? row(t('certificates:verify.kind'), t(`certificates:kind.${result.kind}`), 'verify-kind') : null}
      {result.event ? row(t('certificates:verify.event'), result.event.title, 'verify-event') : null}
      {result.event ? row(t('certificates:verify.dates'), f.dateRange(result.event.startDate, result.event.endDate), 'verify-dates') : null}
      {result.issuedAt ? row(t('certificates:verify.issuedOn'), f.date(result.issuedAt), 'verify-issued') : null}
    </Stack>
  );
}

/** Another number, typed from a paper certificate: opens its own address (which can be shared). */
function NumberForm({ current }: { current: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState(current.toUpperCase());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = value.trim().toUpperCase();
    if (typed !== '') void navigate(`/verify/${encodeURIComponent(typed)}`);
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit}>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label={t('certificates:verify.numberLabel')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            placeholder="HZ-2026-XXXX-XXXX"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            dir="ltr"
            style={{ flex: 1, minWidth: 0 }}
            data-testid="verify-number-input"
          />
          <Button type="submit" data-testid="verify-number-submit">
            {t('certificates:verify.check')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

/** A QR code's text, pasted or from the link (`#HZC1:…` or `?qr=`): genuine or not, by its signature. */
function QrCheck() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const [checkedFromLink, setCheckedFromLink] = useState(false);
  const check = useMutation({ mutationFn: (qr: string) => api.call('verifyCertificateQr', { body: { qr } }) });
  const { mutate } = check;
  // The verdict appears below the box: on a phone, below the fold without this.
  const verdict = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (check.data || check.error) verdict.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [check.data, check.error]);
  // The link's QR text, as the page opens and when only the part after # changes (no new page load then).
  useEffect(() => {
    const fromLink = () => {
      const qr = qrFromLocation(window.location.search, window.location.hash);
      if (!qr) return;
      setText(qr);
      setEmpty(false);
      setCheckedFromLink(true);
      mutate(qr);
    };
    fromLink();
    window.addEventListener('hashchange', fromLink);
    return () => window.removeEventListener('hashchange', fromLink);
  }, [mutate]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const qr = text.trim();
    setCheckedFromLink(false);
    if (qr === '') return setEmpty(true);
    mutate(qr);
  };
  return (
    <Stack gap="sm">
      <Paper withBorder p="md">
        <form onSubmit={submit}>
          <Stack gap="xs">
            <Title order={2} fz="lg">
              {t('certificates:verify.qrTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('certificates:verify.qrHelp')}
            </Text>
            <Textarea
              label={t('certificates:verify.qrLabel')}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setEmpty(false);
              }}
              error={empty ? t('certificates:verify.qrEmpty') : undefined}
              placeholder="HZC1:…"
              rows={4}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              dir="ltr"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, wordBreak: 'break-all' } }}
              data-testid="verify-qr-input"
            />
            <Button type="submit" loading={check.isPending} style={{ alignSelf: 'flex-start' }} data-testid="verify-qr-submit">
              {t('certificates:verify.check')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <div ref={verdict}>
        {check.error ? (
          <Verdict
            state={troubleOf(check.error)}
            color="yellow"
            title={t('certificates:verify.notChecked')}
            text={t(`certificates:verify.${qrTrouble(troubleOf(check.error))}`)}
            testId="verify-qr-result"
            number={null}
          />
        ) : check.data ? (
          <QrVerdict result={check.data} fromLink={checkedFromLink} />
        ) : null}
      </div>
    </Stack>
  );
}

function QrVerdict({ result, fromLink }: { result: CertificateVerification; fromLink: boolean }) {
  const { t } = useTranslation();
  if (!result.genuine) {
    return (
      <Verdict
        state="not_genuine"
        color="red"
        title={t('certificates:verify.notGenuine')}
        text={t('certificates:verify.notGenuineText')}
        testId="verify-qr-result"
        number={null}
      >
        {result.reason ? <Text size="sm">{t(`certificates:verify.notGenuineReason.${result.reason}`)}</Text> : null}
      </Verdict>
    );
  }
  return (
    <Verdict
      state={result.revoked ? 'revoked' : 'genuine'}
      color={result.revoked ? 'red' : 'teal'}
      title={result.revoked ? t('certificates:verify.genuineRevoked') : t('certificates:verify.genuine')}
      text={result.revoked ? t('certificates:verify.genuineRevokedText') : t('certificates:verify.genuineText')}
      testId="verify-qr-result"
      number={result.number}
    >
      {!result.recorded ? <Text size="sm">{t('certificates:verify.genuineUnrecorded')}</Text> : null}
      <Facts result={result} />
      {fromLink ? (
        <Text size="xs" c="dimmed">
          {t('certificates:verify.fromLink')}
        </Text>
      ) : null}
    </Verdict>
  );
}
