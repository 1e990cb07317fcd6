import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import type { CaseDuplicate, CaseDuplicateSide } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useMe } from '../auth/session';
import '../cases/strings';
import './strings';

export const duplicateKeys = { all: ['cases', 'duplicates'] as const };

/** One case of a pair: the reader's own with its name; another agency's with what least privilege allows. */
function Side({ side }: { side: CaseDuplicateSide }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="duplicate-side"
      data-own={side.ownAgency ? 'true' : 'false'}
      bg={side.ownAgency ? undefined : 'var(--mantine-color-gray-0)'}
    >
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600}>
          {side.ownAgency ? t('caseDuplicates:yourCase') : t('caseDuplicates:otherCase')}
        </Text>
        <Anchor component={Link} to={`/cases/${side.id}`} fw={600} data-testid="duplicate-reference">
          <bdi>{side.reference}</bdi>
        </Anchor>
        {side.fullName ? (
          <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="duplicate-name">
            {side.fullName}
          </Text>
        ) : null}
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <bdi>{side.agency?.name ?? '—'}</bdi>
          {side.province ? (
            <>
              {t('common.listSeparator')}
              <bdi>{side.province}</bdi>
            </>
          ) : null}
        </Text>
        <Group gap={6} wrap="wrap">
          <Badge variant="light" size="sm">
            {t(`cases:status.${side.status}`)}
          </Badge>
          {side.identifiedOn ? (
            <Text size="xs" c="dimmed">
              {t('caseDuplicates:identifiedOn', { date: f.date(side.identifiedOn) })}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

function DismissModal({ pair, onClose, onDone }: { pair: CaseDuplicate; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const dismiss = useMutation({ mutationFn: () => api.call('dismissCaseDuplicate', { params: { id: pair.id }, body: {} }), onSuccess: onDone });
  return (
    <AppModal opened onClose={onClose} title={t('caseDuplicates:dismissTitle')} data-testid="duplicate-dismiss-modal">
      <Stack gap="sm">
        <Text size="sm">{t('caseDuplicates:dismissBody')}</Text>
        <ErrorAlert error={dismiss.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="gray" onClick={() => dismiss.mutate()} loading={dismiss.isPending} data-testid="duplicate-dismiss-confirm">
            {t('caseDuplicates:dismissConfirm')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function MergeModal({ pair, onClose, onDone }: { pair: CaseDuplicate; onClose: () => void; onDone: (result: CaseDuplicate) => void }) {
  const { t } = useTranslation();
  const across = pair.cases.some((c) => !c.ownAgency);
  const requested = pair.mergeRequest && !pair.mergeRequest.byOwnAgency ? pair.mergeRequest.keepCaseId : null;
  const [keep, setKeep] = useState<string>(requested ?? pair.cases[0].id);
  const merge = useMutation({ mutationFn: () => api.call('mergeCaseDuplicate', { params: { id: pair.id }, body: { keep } }), onSuccess: onDone });
  const asks = across && !requested;
  return (
    <AppModal opened onClose={onClose} title={t('caseDuplicates:mergeTitle')} data-testid="duplicate-merge-modal">
      <Stack gap="sm">
        <Text size="sm">{t('caseDuplicates:mergeBody')}</Text>
        {across ? (
          <Alert color="blue" variant="light">
            {t('caseDuplicates:mergeAcross')}
          </Alert>
        ) : null}
        <Radio.Group label={t('caseDuplicates:keep')} value={keep} onChange={setKeep}>
          <Stack gap={6} mt={6}>
            {pair.cases.map((c) => (
              <Radio
                key={c.id}
                value={c.id}
                disabled={requested !== null && requested !== c.id}
                label={
                  <Group gap={6} component="span" wrap="wrap">
                    <bdi>{c.reference}</bdi>
                    <Text span size="sm" c="dimmed">
                      <bdi>{c.agency?.name ?? '—'}</bdi>
                    </Text>
                  </Group>
                }
                data-testid="duplicate-keep"
              />
            ))}
          </Stack>
        </Radio.Group>
        <ErrorAlert error={merge.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => merge.mutate()} loading={merge.isPending} data-testid="duplicate-merge-confirm">
            {asks ? t('caseDuplicates:askConfirm') : t('caseDuplicates:mergeConfirm')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function Pair({ pair, onDecided }: { pair: CaseDuplicate; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'merge' | 'dismiss' | null>(null);
  const request = pair.mergeRequest;
  const referenceOf = (id: string) => pair.cases.find((c) => c.id === id)?.reference ?? '';
  const otherAgency = pair.cases.find((c) => !c.ownAgency)?.agency?.name ?? '—';
  return (
    <Card withBorder padding="md" data-testid="duplicate-pair" data-level={pair.level} data-status={pair.status}>
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <Badge color={pair.level === 'strong' ? 'red' : 'yellow'} variant="light" data-testid="duplicate-level">
            {t(`caseDuplicates:level.${pair.level}`)}
          </Badge>
          <Text size="sm" c="dimmed" className="num">
            {t('caseDuplicates:score', { score: pair.score })}
          </Text>
        </Group>
        <Group gap={6} wrap="wrap" data-testid="duplicate-signals">
          <Text size="sm" fw={600}>
            {t('caseDuplicates:matched')}:
          </Text>
          {pair.signals.map((s) => (
            <Badge key={s} variant="outline" data-testid="duplicate-signal" data-signal={s}>
              {t(`caseDuplicates:signal.${s}`)}
            </Badge>
          ))}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {pair.cases.map((side) => (
            <Side key={side.id} side={side} />
          ))}
        </SimpleGrid>
        {request ? (
          <Alert color={request.byOwnAgency ? 'gray' : 'blue'} variant="light" data-testid="duplicate-request">
            {request.byOwnAgency
              ? t('caseDuplicates:requestedByYou', { reference: referenceOf(request.keepCaseId), agency: otherAgency })
              : t('caseDuplicates:requestedByOther', { reference: referenceOf(request.keepCaseId), agency: request.agency?.name ?? otherAgency })}
          </Alert>
        ) : null}
        <Group gap="xs" justify="flex-end" wrap="wrap">
          <Button variant="default" onClick={() => setOpen('dismiss')} data-testid="duplicate-dismiss">
            {t('caseDuplicates:dismiss')}
          </Button>
          {request?.byOwnAgency ? null : (
            <Button onClick={() => setOpen('merge')} data-testid="duplicate-merge">
              {request ? t('caseDuplicates:confirmMerge') : t('caseDuplicates:merge')}
            </Button>
          )}
        </Group>
      </Stack>
      {open === 'dismiss' ? (
        <DismissModal
          pair={pair}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onDecided(t('caseDuplicates:dismissed'));
          }}
        />
      ) : null}
      {open === 'merge' ? (
        <MergeModal
          pair={pair}
          onClose={() => setOpen(null)}
          onDone={(result) => {
            setOpen(null);
            onDecided(result.status === 'merged' ? t('caseDuplicates:merged', { reference: referenceOf(result.keptCaseId ?? '') }) : t('caseDuplicates:asked'));
          }}
        />
      ) : null}
    </Card>
  );
}

/**
 * A supervisor's possible duplicates: the pairs with a case of their agency, strongest first, with the
 * signals that matched; each dismissed ("not the same person") or merged after a confirmation.
 */
export default function CaseDuplicatesPage() {
  const { t } = useTranslation();
  const user = useMe().data ?? null;
  const allowed = can.reviewCaseDuplicates(user);
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const pairs = useQuery({ queryKey: duplicateKeys.all, queryFn: () => api.call('listCaseDuplicates', {}), enabled: allowed });
  if (!allowed) return <Navigate to="/" replace />;
  const decided = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
  };
  return (
    <>
      <PageHeader title={t('caseDuplicates:title')} />
      <Stack gap="md" maw={960} data-testid="duplicates-page">
        <Text size="sm">{t('caseDuplicates:intro')}</Text>
        <Text size="sm" c="dimmed">
          {t('caseDuplicates:least')}
        </Text>
        {message ? (
          <Alert color="green" variant="light" withCloseButton onClose={() => setMessage(null)} data-testid="duplicates-message">
            {message}
          </Alert>
        ) : null}
        <ErrorAlert error={pairs.error} />
        {pairs.isPending ? <PageLoader /> : null}
        {pairs.data?.items.length === 0 ? (
          <Text c="dimmed" data-testid="duplicates-none">
            {t('caseDuplicates:none')}
          </Text>
        ) : null}
        {pairs.data?.items.map((pair) => (
          <Pair key={pair.id} pair={pair} onDecided={decided} />
        ))}
      </Stack>
    </>
  );
}
