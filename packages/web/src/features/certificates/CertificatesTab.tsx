import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, List, Menu, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Certificate, CertificateLanguage, Event, IssueCertificatesResult } from '@hifazat/contract';
import { certificateLanguages, certificatePrintings } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { WideTable } from '../../components/WideTable';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { usePhone } from '../../lib/media';
import { useEventParticipants } from '../events/events.queries';
import { certificateKeys, useEventCertificates } from './certificates.queries';
import { CertificateHistoryModal, WithValue } from './CertificateHistory';
import { CertificateSettingsPanel } from './CertificateSettingsPanel';
import { IssueChooser } from './IssueChooser';
import { skipGroups } from './issueReport';
import './strings';

/**
 * The event's certificates: who earns which (settings), issuing them to everyone who earns one or to
 * the people chosen, and the list with each certificate's PDF, Open Badge, history and revocation.
 * Viewers see the list, the histories and the downloads.
 */
export default function CertificatesTab({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const certificates = useEventCertificates(event.id);
  const queryClient = useQueryClient();
  const [confirmIssue, setConfirmIssue] = useState(false);
  const [report, setReport] = useState<IssueCertificatesResult | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const [showing, setShowing] = useState<Certificate | null>(null);
  const issued = (result: IssueCertificatesResult) => {
    setReport(result);
    void queryClient.invalidateQueries({ queryKey: certificateKeys.list(event.id) });
  };
  const issue = useMutation({
    mutationFn: () => api.call('issueCertificates', { params: { id: event.id }, body: {} }),
    onSuccess: (result) => {
      issued(result);
      setConfirmIssue(false);
    },
  });
  const issueChosen = useMutation({
    mutationFn: (personIds: string[]) => api.call('issueCertificates', { params: { id: event.id }, body: { personIds } }),
    onSuccess: (result) => {
      issued(result);
      setChoosing(false);
    },
  });

  return (
    <Stack data-testid="certificates-tab">
      <CertificateSettingsPanel event={event} editable={editable} />
      {editable ? (
        <Card withBorder padding="sm">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Text size="sm" c="dimmed" style={{ flex: '1 1 280px' }}>
              {t('certificates:issue.help')}
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                onClick={() => {
                  issueChosen.reset();
                  setChoosing(true);
                }}
                data-testid="certificates-issue-chosen"
              >
                {t('certificates:choose.button')}
              </Button>
              <Button onClick={() => setConfirmIssue(true)} data-testid="certificates-issue">
                {t('certificates:issue.button')}
              </Button>
            </Group>
          </Group>
          {report ? <IssueReport event={event} result={report} /> : null}
        </Card>
      ) : null}
      {certificates.isPending ? (
        <PageLoader />
      ) : certificates.error ? (
        <ErrorAlert error={certificates.error} />
      ) : (
        <CertificateList
          event={event}
          items={certificates.data.items}
          hidden={certificates.data.hidden}
          editable={editable}
          onRevoke={setRevoking}
          onHistory={setShowing}
        />
      )}
      <ConfirmModal
        opened={confirmIssue}
        onClose={() => setConfirmIssue(false)}
        title={t('certificates:issue.confirmTitle')}
        message={t('certificates:issue.confirmText')}
        confirmLabel={t('certificates:issue.button')}
        onConfirm={() => issue.mutate()}
        loading={issue.isPending}
        error={issue.error}
        testId="certificates-issue-confirm"
      />
      {choosing ? (
        <IssueChooser
          eventId={event.id}
          certificates={certificates.data?.items ?? []}
          onIssue={(personIds) => issueChosen.mutate(personIds)}
          onClose={() => setChoosing(false)}
          loading={issueChosen.isPending}
          error={issueChosen.error}
        />
      ) : null}
      {revoking ? <RevokeModal certificate={revoking} eventId={event.id} onClose={() => setRevoking(null)} /> : null}
      {showing ? <CertificateHistoryModal certificate={showing} eventId={event.id} onClose={() => setShowing(null)} /> : null}
    </Stack>
  );
}

/** What one issue run did: how many were issued, found and skipped, and why each skipped person got nothing. */
export function IssueReport({ event, result }: { event: Event; result: IssueCertificatesResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  const participants = useEventParticipants(event.id);
  const names = new Map((participants.data?.items ?? []).flatMap((p) => (p.personId ? [[p.personId, p.fullName] as const] : [])));
  const groups = skipGroups(result, (id) => names.get(id) ?? null, t('certificates:issue.someone'), f.locale);
  return (
    <Alert color={result.counts.issued + result.counts.existing > 0 ? 'teal' : 'yellow'} mt="sm" data-testid="certificates-issue-report">
      <Stack gap={6}>
        <Text fw={600} data-testid="certificates-issue-counts">
          {t('certificates:issue.result', {
            issued: f.number(result.counts.issued),
            existing: f.number(result.counts.existing),
            skipped: f.number(result.counts.skipped),
          })}
        </Text>
        {result.hidden > 0 ? <Text size="sm">{t('certificates:issue.hidden', { n: f.number(result.hidden) })}</Text> : null}
        {groups.length > 0 ? (
          <>
            <Text size="sm" fw={600}>
              {t('certificates:issue.skippedTitle')}
            </Text>
            <List size="sm" spacing={4} data-testid="certificates-skipped">
              {groups.map((group) => (
                <List.Item key={group.reason} data-reason={group.reason}>
                  <Text span size="sm" fw={600}>
                    {f.number(group.names.length)} · {t(`certificates:issue.reason.${group.reason}`)}
                  </Text>
                  <Text size="sm" c="dimmed" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                    {group.names.join(t('common.listSeparator'))}
                  </Text>
                </List.Item>
              ))}
            </List>
          </>
        ) : null}
      </Stack>
    </Alert>
  );
}

type RowHandlers = { onRevoke: (c: Certificate) => void; onHistory: (c: Certificate) => void };

function CertificateList(props: { event: Event; items: Certificate[]; hidden: number; editable: boolean } & RowHandlers) {
  const { event, items, hidden, editable, ...handlers } = props;
  const { t } = useTranslation();
  const f = useFormat();
  const phone = usePhone();
  const anyValid = items.some((c) => !c.revoked);
  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <Stack gap={0}>
          <Title order={3} fz="lg">
            {t('certificates:list.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="certificates-count">
            {t('certificates:list.count', { n: f.number(items.length) })}
          </Text>
        </Stack>
        {anyValid ? <ZipMenu eventId={event.id} /> : null}
      </Group>
      {hidden > 0 ? (
        <Text size="sm" c="dimmed" data-testid="certificates-hidden">
          {t('certificates:list.hidden', { n: f.number(hidden) })}
        </Text>
      ) : null}
      {items.length === 0 ? (
        <Text c="dimmed" data-testid="certificates-none">
          {t('certificates:list.none')}
        </Text>
      ) : phone ? (
        <Stack gap="xs" data-testid="certificates-cards">
          {items.map((c) => (
            <Card key={c.number} withBorder padding="sm" data-testid="certificate-row" data-number={c.number}>
              <Stack gap={4}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                    {c.holderName}
                  </Text>
                  <StatusBadge certificate={c} />
                </Group>
                <Text size="sm" ff="monospace" dir="ltr" style={{ alignSelf: 'flex-start' }}>
                  {c.number}
                </Text>
                <Text size="sm" c="dimmed">
                  {t(`certificates:kind.${c.kind}`)} · {f.date(c.issuedOn)}
                </Text>
                <IssuedBy certificate={c} />
                <RevokedNote certificate={c} />
                <RowActions certificate={c} editable={editable} {...handlers} />
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <WideTable minWidth={860}>
          <Table striped verticalSpacing="xs" data-testid="certificates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('certificates:list.number')}</Table.Th>
                <Table.Th>{t('certificates:list.holder')}</Table.Th>
                <Table.Th>{t('certificates:list.kind')}</Table.Th>
                <Table.Th>{t('certificates:list.issued')}</Table.Th>
                <Table.Th>{t('certificates:list.status')}</Table.Th>
                <Table.Th>{t('certificates:list.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.number} data-testid="certificate-row" data-number={c.number}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" dir="ltr" span style={{ whiteSpace: 'nowrap' }}>
                      {c.number}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} dir="auto">
                      {c.holderName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`certificates:kind.${c.kind}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {f.date(c.issuedOn)}
                    </Text>
                    <IssuedBy certificate={c} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge certificate={c} />
                    <RevokedNote certificate={c} />
                  </Table.Td>
                  <Table.Td>
                    <RowActions certificate={c} editable={editable} {...handlers} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
    </Stack>
  );
}

function StatusBadge({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={certificate.revoked ? 'red' : 'teal'} style={{ flexShrink: 0 }} data-testid="certificate-status">
      {certificate.revoked ? t('certificates:list.revoked') : t('certificates:list.valid')}
    </Badge>
  );
}

/** Who issued it (the certificate's own record; its history says the same, with the time). */
function IssuedBy({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  if (!certificate.issuedBy) return null;
  return (
    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="certificate-issued-by">
      {t('certificates:history.by')} <bdi>{certificate.issuedBy.name}</bdi>
    </Text>
  );
}

function RevokedNote({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!certificate.revoked) return null;
  return (
    <Text size="xs" c="dimmed" mt={2} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="certificate-revoked-note">
      {t('certificates:list.revokedOn', { date: f.dateTime(certificate.revokedAt) })}
      {certificate.revokedBy ? (
        <>
          {' · '}
          {t('certificates:history.by')} <bdi>{certificate.revokedBy.name}</bdi>
        </>
      ) : null}
      {certificate.revokedReason ? (
        <>
          {' · '}
          <WithValue text={(reason) => t('certificates:list.revokedReason', { reason })} value={certificate.revokedReason} />
        </>
      ) : null}
    </Text>
  );
}

function RowActions({ certificate, editable, onRevoke, onHistory }: { certificate: Certificate; editable: boolean } & RowHandlers) {
  const { t } = useTranslation();
  const pdf = (lang: CertificateLanguage) => api.href('certificatePdf', { params: { number: certificate.number }, query: { lang } });
  return (
    <Group gap={6}>
      {certificateLanguages.map((lang) => (
        <Button key={lang} size="compact-sm" variant="light" component="a" href={pdf(lang)} download data-testid={`certificate-pdf-${lang}`}>
          {t('certificates:list.pdf', { lang: t(`certificates:lang.${lang}`) })}
        </Button>
      ))}
      <Button
        size="compact-sm"
        variant="default"
        component="a"
        href={api.href('certificateCredential', { params: { number: certificate.number } })}
        download
        title={t('certificates:list.badgeHelp')}
        data-testid="certificate-badge"
      >
        {t('certificates:list.badge')}
      </Button>
      <Button size="compact-sm" variant="subtle" onClick={() => onHistory(certificate)} data-testid="certificate-history-open">
        {t('certificates:history.button')}
      </Button>
      {editable && !certificate.revoked ? (
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => onRevoke(certificate)} data-testid="certificate-revoke">
          {t('certificates:list.revoke')}
        </Button>
      ) : null}
    </Group>
  );
}

/** Every valid certificate as PDFs in one ZIP, in English, Urdu or both. */
function ZipMenu({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button variant="default" aria-haspopup="menu" data-testid="certificates-zip">
          {t('certificates:list.zip')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {certificatePrintings.map((lang) => (
          <Menu.Item
            key={lang}
            component="a"
            href={api.href('eventCertificatesZip', { params: { id: eventId }, query: { lang } })}
            download
            data-testid={`certificates-zip-${lang}`}
          >
            {t('certificates:list.zipLang', { lang: t(`certificates:printing.${lang}`) })}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Revoking asks for the reason: kept in the history, never shown to those who verify. */
function RevokeModal({ certificate, eventId, onClose }: { certificate: Certificate; eventId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const revoke = useMutation({
    mutationFn: (text: string) => api.call('revokeCertificate', { params: { number: certificate.number }, body: { reason: text } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: certificateKeys.list(eventId) });
      onClose();
    },
  });
  const submit = () => {
    const text = reason.trim();
    if (text === '') return setMissing(true);
    revoke.mutate(text);
  };
  return (
    <AppModal opened onClose={onClose} title={t('certificates:revoke.title', { number: certificate.number })} centered data-testid="certificate-revoke-modal">
      <Stack gap="sm">
        <Text>{t('certificates:revoke.text', { holder: certificate.holderName })}</Text>
        <Textarea
          label={t('certificates:revoke.reason')}
          description={t('certificates:revoke.reasonHelp')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('certificates:revoke.reasonRequired') : undefined}
          maxLength={500}
          rows={3}
          required
          data-autofocus
          data-testid="certificate-revoke-reason"
        />
        <ErrorAlert error={revoke.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="certificate-revoke-cancel">
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={submit} loading={revoke.isPending} data-testid="certificate-revoke-ok">
            {t('certificates:revoke.confirm')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
