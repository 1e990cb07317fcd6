import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Certificate, HistoryEntry } from '@hifazat/contract';
import { useTranslation, type Translate } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { certificateKeys } from './certificates.queries';
import './strings';

/** What one entry of a certificate's history did: issued it, revoked it (with the reason), or something else. */
export type CertificateStep = { kind: 'issued' } | { kind: 'revoked'; reason: string | null } | { kind: 'changed' };

export function certificateStep(entry: HistoryEntry): CertificateStep {
  if (entry.action === 'create') return { kind: 'issued' };
  const revoked = entry.changes.revokedAt;
  if (revoked && revoked.from === null && revoked.to !== null) {
    const reason = entry.changes.revokedReason?.to;
    return { kind: 'revoked', reason: typeof reason === 'string' ? reason : null };
  }
  return { kind: 'changed' };
}

const SLOT = '\u0000';

/**
 * A translated sentence with one value in it kept in its own direction (<bdi>): a reason written in
 * English inside an Urdu sentence, or the other way round, wherever the language puts the value.
 */
export function WithValue({ text, value }: { text: (slot: string) => string; value: string }) {
  const [before = '', after = ''] = text(SLOT).split(SLOT);
  return (
    <>
      {before}
      <bdi>{value}</bdi>
      {after}
    </>
  );
}

/** Who made an entry: their name, "System", or an account of another country. */
export const authorOf = (entry: HistoryEntry, t: Translate) => (entry.userHidden ? t('history.hiddenUser') : (entry.userName ?? t('history.system')));

/**
 * A certificate's history from the audit log, oldest first: who issued it and when, and, if it was
 * revoked, who revoked it, when and why. The reason is seen here by staff only, never on /verify.
 */
export function CertificateHistoryModal({ certificate, eventId, onClose }: { certificate: Certificate; eventId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const history = useQuery({
    queryKey: certificateKeys.history(eventId, certificate.number),
    queryFn: () => api.call('certificateHistory', { params: { number: certificate.number } }),
  });
  const entries = [...(history.data?.items ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <AppModal opened onClose={onClose} title={t('certificates:history.title', { number: certificate.number })} centered data-testid="certificate-history-modal">
      <Stack gap="sm">
        <Text size="sm" fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
          {certificate.holderName} · {t(`certificates:kind.${certificate.kind}`)}
        </Text>
        {history.isPending ? (
          <PageLoader />
        ) : history.error ? (
          <ErrorAlert error={history.error} />
        ) : entries.length === 0 ? (
          <Text c="dimmed">{t('certificates:history.empty')}</Text>
        ) : (
          <Stack gap="xs" data-testid="certificate-history">
            {entries.map((entry) => {
              const step = certificateStep(entry);
              return (
                <Card key={entry.id} withBorder padding="xs" data-testid="certificate-history-entry" data-step={step.kind}>
                  <Stack gap={2}>
                    <Group gap="xs" wrap="wrap">
                      <Badge variant="light" color={step.kind === 'revoked' ? 'red' : step.kind === 'issued' ? 'teal' : 'gray'}>
                        {t(`certificates:history.${step.kind}`)}
                      </Badge>
                      <Text size="sm" c="dimmed">
                        {f.dateTime(entry.at)}
                      </Text>
                    </Group>
                    <Text size="sm" data-testid="certificate-history-author">
                      {t('certificates:history.by')} <bdi>{authorOf(entry, t)}</bdi>
                    </Text>
                    {step.kind === 'revoked' && step.reason ? (
                      <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="certificate-history-reason">
                        <WithValue text={(reason) => t('certificates:list.revokedReason', { reason })} value={step.reason} />
                      </Text>
                    ) : null}
                  </Stack>
                </Card>
              );
            })}
          </Stack>
        )}
      </Stack>
    </AppModal>
  );
}
