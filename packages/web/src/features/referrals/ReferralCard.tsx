import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Referral, ReferralStatus } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { referralKeys } from './referrals.queries';
import '../services/strings';
import './strings';

const statusColor: Record<ReferralStatus, string> = {
  sent: 'blue',
  accepted: 'teal',
  declined: 'red',
  delivered: 'green',
  closed: 'gray',
  withdrawn: 'gray',
};

/** The step that needs a few words first (a decline's reason, an outcome not delivered, a withdrawal). */
type Asking = 'decline' | 'notDelivered' | 'close' | 'withdraw' | null;

/**
 * One referral, as its reader may see it (the provider: the parts shared, name and phone once accepted),
 * with the actions the reader may take now (`may`, from the server). `onReferElsewhere`: a declined
 * referral's prompt to choose another service (the case's tab passes it).
 */
export function ReferralCard({ referral, onReferElsewhere }: { referral: Referral; onReferElsewhere?: (r: Referral) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Asking>(null);
  const [text, setText] = useState('');
  const r = referral;
  const done = async () => {
    setAsking(null);
    setText('');
    await queryClient.invalidateQueries({ queryKey: referralKeys.all });
    await queryClient.invalidateQueries({ queryKey: ['cases', 'one', r.caseId] });
  };
  const act = useMutation({
    mutationFn: async (what: 'accept' | Exclude<Asking, null> | 'delivered') => {
      const params = { id: r.id };
      const note = text.trim();
      switch (what) {
        case 'accept':
          return api.call('respondReferral', { params, body: { decision: 'accepted' } });
        case 'decline':
          return api.call('respondReferral', { params, body: { decision: 'declined', reason: note } });
        case 'delivered':
          return api.call('referralOutcome', { params, body: { delivered: true } });
        case 'notDelivered':
          return api.call('referralOutcome', { params, body: { delivered: false, note } });
        case 'close':
          return api.call('closeReferral', { params, body: note ? { note } : {} });
        case 'withdraw':
          return api.call('withdrawReferral', { params, body: { reason: note } });
      }
    },
    onSuccess: done,
  });
  const p = r.person;
  const age = p.age === null ? t('referrals:card.ageUnknown') : f.number(p.age);
  const parts = r.shares.map((s) => t(`referrals:share.${s}`)).join(', ');
  const asks: Record<Exclude<Asking, null>, { label: string; confirm: string; required: boolean }> = {
    decline: { label: t('referrals:action.declineReason'), confirm: t('referrals:action.confirmDecline'), required: true },
    notDelivered: { label: t('referrals:action.outcomeNote'), confirm: t('referrals:action.confirmNotDelivered'), required: true },
    close: { label: t('referrals:action.closeNote'), confirm: t('referrals:action.close'), required: false },
    withdraw: { label: t('referrals:action.withdrawReason'), confirm: t('referrals:action.confirmWithdraw'), required: true },
  };
  return (
    <Card withBorder padding="sm" data-testid="referral-card" data-status={r.status} data-referral={r.id}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap" justify="space-between">
          <Group gap="xs" wrap="wrap">
            <Badge color={statusColor[r.status]} variant="light" data-testid="referral-status">
              {t(`referrals:status.${r.status}`)}
            </Badge>
            <Badge color={r.urgency === 'urgent' ? 'red' : 'gray'} variant="outline">
              {t(`referrals:urgencyShort.${r.urgency}`)}
            </Badge>
            {r.overdue ? (
              <Badge color="red" variant="filled" data-testid="referral-overdue">
                {t('referrals:card.overdue')}
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            <bdi>{t('referrals:card.case', { reference: r.caseReference })}</bdi>
          </Text>
        </Group>
        <Text fw={600} size="sm">
          <bdi>{t('referrals:card.to', { service: r.service.name })}</bdi> · {t(`services:type.${r.service.type}`)}
        </Text>
        {r.referringAgency ? (
          <Text size="sm" c="dimmed">
            <bdi>{t('referrals:card.from', { agency: r.referringAgency.name })}</bdi>
          </Text>
        ) : null}
        <Text size="sm">
          <Text span fw={600}>
            {t('referrals:card.person')}:{' '}
          </Text>
          {p.fullName ? <bdi data-testid="referral-person-name">{p.fullName}</bdi> : null}
          {p.fullName ? ' · ' : ''}
          {t('referrals:card.sexAge', { sex: t(`sex.${p.sex}`), age })}
          {p.child ? ` · ${t('referrals:card.child')}` : ''}
          {p.phone ? (
            <>
              {' · '}
              <bdi dir="ltr">{p.phone}</bdi>
            </>
          ) : null}
          {p.languages && p.languages.length > 0 ? ` · ${p.languages.map((l) => t(`referrals:language.${l}`, { defaultValue: l })).join(', ')}` : ''}
        </Text>
        {!p.fullName && r.may.respond ? (
          <Text size="xs" c="dimmed">
            {t('referrals:card.nameAfterAccept')}
          </Text>
        ) : null}
        {r.reason ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <Text span fw={600}>
              {t('referrals:card.reason')}:{' '}
            </Text>
            {r.reason}
          </Text>
        ) : null}
        {p.supportPlan ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <Text span fw={600}>
              {t('referrals:share.support_plan')}:{' '}
            </Text>
            {p.supportPlan}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {r.shares.length > 0 ? t('referrals:card.shares', { parts }) : t('referrals:card.sharesNone')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('referrals:card.referredOn', { time: f.dateTime(r.referredAt), name: r.referredBy?.name ?? '' })}
          {r.status === 'sent' ? ` · ${t('referrals:card.answerBy', { time: f.dateTime(r.respondBy) })}` : ''}
        </Text>
        {r.consent ? (
          <Text size="xs" c="dimmed">
            {t('referrals:card.consent', {
              time: f.dateTime(r.consent.givenAt),
              language: t(`referrals:language.${r.consent.explainedInLanguage}`, { defaultValue: r.consent.explainedInLanguage }),
            })}
          </Text>
        ) : null}
        {r.override ? (
          <Text size="xs" c="orange" data-testid="referral-override">
            {t('referrals:card.override')}
            {r.override.reason ? ` · ${t('referrals:card.overrideReason', { reason: r.override.reason })}` : ''}
          </Text>
        ) : null}
        {r.answer ? <Text size="sm">{t('referrals:card.answer', { text: r.answer })}</Text> : null}
        {r.outcomeNote ? <Text size="sm">{t('referrals:card.outcome', { text: r.outcomeNote })}</Text> : null}
        {r.serviceAddress ? (
          <Text size="sm" data-testid="referral-address">
            <bdi>{t('referrals:card.address', { address: [r.serviceAddress.address1, r.serviceAddress.city].filter(Boolean).join(', ') })}</bdi>
          </Text>
        ) : null}
        {asking ? (
          <Stack gap="xs">
            <Textarea
              label={asks[asking].label}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={2}
              data-testid="referral-note"
            />
            <Group gap="xs">
              <Button
                color={asking === 'close' ? undefined : 'red'}
                disabled={asks[asking].required && text.trim() === ''}
                loading={act.isPending}
                onClick={() => act.mutate(asking)}
                data-testid="referral-confirm"
              >
                {asks[asking].confirm}
              </Button>
              <Button variant="default" onClick={() => setAsking(null)}>
                {t('referrals:action.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group gap="xs" wrap="wrap">
            {r.may.respond ? (
              <>
                <Button size="sm" loading={act.isPending && act.variables === 'accept'} onClick={() => act.mutate('accept')} data-testid="referral-accept">
                  {t('referrals:action.accept')}
                </Button>
                <Button size="sm" variant="outline" color="red" onClick={() => setAsking('decline')} data-testid="referral-decline">
                  {t('referrals:action.decline')}
                </Button>
              </>
            ) : null}
            {r.may.outcome ? (
              <>
                <Button
                  size="sm"
                  loading={act.isPending && act.variables === 'delivered'}
                  onClick={() => act.mutate('delivered')}
                  data-testid="referral-delivered"
                >
                  {t('referrals:action.delivered')}
                </Button>
                <Button size="sm" variant="outline" onClick={() => setAsking('notDelivered')} data-testid="referral-not-delivered">
                  {t('referrals:action.notDelivered')}
                </Button>
              </>
            ) : null}
            {r.may.close ? (
              <Button size="sm" variant="light" onClick={() => setAsking('close')} data-testid="referral-close">
                {t('referrals:action.close')}
              </Button>
            ) : null}
            {r.may.withdraw ? (
              <Button size="sm" variant="subtle" color="gray" onClick={() => setAsking('withdraw')} data-testid="referral-withdraw">
                {t('referrals:action.withdraw')}
              </Button>
            ) : null}
            {r.status === 'declined' && onReferElsewhere ? (
              <Button size="sm" variant="filled" onClick={() => onReferElsewhere(r)} data-testid="referral-elsewhere">
                {t('referrals:card.referElsewhere')}
              </Button>
            ) : null}
            {!r.may.respond && !r.may.outcome && !onReferElsewhere && r.referringAgency && (r.may.close || r.may.withdraw || r.overdue) ? (
              <Anchor component={Link} to={`/cases/${r.caseId}`} size="sm">
                {t('referrals:card.openCase')}
              </Anchor>
            ) : null}
          </Group>
        )}
        <ErrorAlert error={act.error} />
      </Stack>
    </Card>
  );
}
