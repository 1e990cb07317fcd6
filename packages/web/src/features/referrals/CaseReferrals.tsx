import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Group, Radio, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  consentGivers,
  defaultReferralShares,
  referralShares,
  referralUrgencies,
  serviceTypes,
  type CaseDetail,
  type Consent,
  type Referral,
  type ReferralShare,
  type ReferralUrgency,
  type Service,
  type ServiceType,
  type User,
} from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { ReferralCard } from './ReferralCard';
import { referralKeys, useCaseReferrals, useConsents } from './referrals.queries';
import '../services/strings';
import './strings';

/** The languages a consent is most often explained in here; anything else is typed. */
const CONSENT_LANGUAGES = ['ur', 'pa', 'sd', 'ps', 'bal', 'skr', 'en', 'fa', 'ar'];

function capacityText(t: (key: string, values?: Record<string, string>) => string, f: ReturnType<typeof useFormat>, s: Service): string {
  if (s.capacity.bedsFree !== null) return t('referrals:form.bedsFree', { n: f.number(s.capacity.bedsFree) });
  if (s.capacity.slotsOpen !== null) return t('referrals:form.slotsOpen', { n: f.number(s.capacity.slotsOpen) });
  return t('referrals:form.noCapacity');
}

/** The person's consents, and recording a new one (for a service, or any). */
function ConsentsCard({ record, consents, services, mayWrite }: { record: CaseDetail; consents: Consent[]; services: Service[]; mayWrite: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(consents.length === 0);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [purpose, setPurpose] = useState('');
  const [givenBy, setGivenBy] = useState<string>('person');
  const [language, setLanguage] = useState<string | null>(record.victim?.languages[0] ?? 'ur');
  const refresh = () => queryClient.invalidateQueries({ queryKey: referralKeys.consents(record.id) });
  const service = services.find((s) => s.id === serviceId);
  const defaultPurpose = service ? t('referrals:consent.purposeDefault', { service: service.name }) : t('referrals:consent.purposeAny');
  const save = useMutation({
    mutationFn: () =>
      api.call('createConsent', {
        params: { id: record.id },
        body: { purpose: purpose.trim() || defaultPurpose, givenBy, explainedInLanguage: language ?? 'ur', ...(serviceId ? { serviceId } : {}) },
      }),
    onSuccess: async () => {
      setOpen(false);
      setPurpose('');
      await refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: (consentId: string) => api.call('withdrawConsent', { params: { id: record.id, consentId }, body: {} }),
    onSuccess: async () => {
      await refresh();
      await queryClient.invalidateQueries({ queryKey: referralKeys.ofCase(record.id) });
    },
  });
  const giverLabel = (g: string | null) => (g && (consentGivers as readonly string[]).includes(g) ? t(`referrals:consent.giver.${g}`) : (g ?? ''));
  const languageLabel = (l: string) => t(`referrals:language.${l}`, { defaultValue: l });
  return (
    <Card withBorder padding="sm" data-testid="case-consents">
      <Title order={3} size="h4" mb={4}>
        {t('referrals:consent.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('referrals:consent.help')}
      </Text>
      <Stack gap={6}>
        {consents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('referrals:consent.none')}
          </Text>
        ) : null}
        {consents.map((c) => (
          <Group key={c.id} gap="xs" wrap="wrap" justify="space-between" data-testid="case-consent" data-withdrawn={c.withdrawnAt ? 'true' : 'false'}>
            <Text size="sm" td={c.withdrawnAt ? 'line-through' : undefined}>
              <bdi>
                {t('referrals:consent.item', {
                  purpose: c.purpose ?? '',
                  time: f.dateTime(c.givenAt),
                  giver: giverLabel(c.givenBy),
                  language: languageLabel(c.explainedInLanguage),
                  officer: c.explainedBy?.name ?? '',
                })}
              </bdi>
            </Text>
            {c.withdrawnAt ? (
              <Text size="xs" c="dimmed">
                {t('referrals:consent.withdrawn', { time: f.dateTime(c.withdrawnAt) })}
              </Text>
            ) : mayWrite ? (
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                loading={withdraw.isPending && withdraw.variables === c.id}
                onClick={() => {
                  if (window.confirm(t('referrals:consent.confirmWithdraw'))) withdraw.mutate(c.id);
                }}
                data-testid="case-consent-withdraw"
              >
                {t('referrals:consent.withdraw')}
              </Button>
            ) : null}
          </Group>
        ))}
        {mayWrite && !open ? (
          <Group>
            <Button variant="light" onClick={() => setOpen(true)} data-testid="case-consent-add">
              {t('referrals:consent.add')}
            </Button>
          </Group>
        ) : null}
        {mayWrite && open ? (
          <Stack gap="xs">
            <Select
              label={t('referrals:consent.service')}
              placeholder={t('referrals:consent.anyService')}
              data={services.map((s) => ({ value: s.id, label: `${s.name} · ${t(`services:type.${s.type}`)}` }))}
              value={serviceId}
              onChange={setServiceId}
              clearable
              searchable
              comboboxProps={{ withinPortal: true }}
              data-testid="case-consent-service"
            />
            <TextInput
              label={t('referrals:consent.purpose')}
              placeholder={defaultPurpose}
              value={purpose}
              onChange={(e) => setPurpose(e.currentTarget.value)}
              data-testid="case-consent-purpose"
            />
            <Radio.Group label={t('referrals:consent.givenBy')} value={givenBy} onChange={setGivenBy}>
              <Group gap="sm" mt={4}>
                {consentGivers.map((g) => (
                  <Radio key={g} value={g} label={t(`referrals:consent.giver.${g}`)} data-testid={`case-consent-giver-${g}`} />
                ))}
              </Group>
            </Radio.Group>
            <Select
              label={t('referrals:consent.language')}
              data={CONSENT_LANGUAGES.map((l) => ({ value: l, label: languageLabel(l) }))}
              value={language}
              onChange={setLanguage}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="case-consent-language"
            />
            <Group>
              <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="case-consent-save">
                {t('referrals:consent.save')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        <ErrorAlert error={save.error ?? withdraw.error} />
      </Stack>
    </Card>
  );
}

/** Sending a referral: the need, a service that takes this person (with its capacity), the reason, urgency, what is shared, the consent. */
function ReferralForm({
  record,
  consents,
  prefill,
  onSent,
}: {
  record: CaseDetail;
  consents: Consent[];
  prefill: { need: ServiceType; excluding: string; declinedBy: string } | null;
  onSent: (r: Referral) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [need, setNeed] = useState<ServiceType>(prefill?.need ?? 'shelter');
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [urgency, setUrgency] = useState<ReferralUrgency>('normal');
  const [shares, setShares] = useState<string[]>([...defaultReferralShares]);
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  // Services that take this person (sex, age), of the need chosen, in the case's country and province.
  const candidates = useQuery({
    queryKey: ['services', 'list', 'for-case', record.id, need],
    queryFn: () =>
      api.call('listServices', {
        query: {
          need,
          countryCode: record.countryCode,
          ...(record.province ? { province: record.province } : {}),
          ...(record.sex !== 'unknown' ? { sex: record.sex } : {}),
          ...(record.age !== null ? { age: String(record.age) } : {}),
        },
      }),
  });
  const services = (candidates.data?.items ?? []).filter((s) => s.id !== prefill?.excluding);
  const standing = consents.filter((c) => !c.withdrawnAt && (c.service === null || c.service.id === serviceId));
  const consentFor = standing.find((c) => c.service?.id === serviceId) ?? standing[0] ?? null;
  const mayOverride = urgency === 'urgent' || record.child;
  const send = useMutation({
    mutationFn: () =>
      api.call('createReferral', {
        params: { id: record.id },
        body: {
          serviceId: serviceId ?? '',
          reason: reason.trim(),
          urgency,
          shares: shares as ReferralShare[],
          ...(consentFor && !override ? { consentId: consentFor.id } : {}),
          ...(override ? { override: { reason: overrideReason.trim() } } : {}),
        },
      }),
    onSuccess: async (sent) => {
      await queryClient.invalidateQueries({ queryKey: ['cases', 'one', record.id] });
      await queryClient.invalidateQueries({ queryKey: referralKeys.all });
      onSent(sent);
    },
  });
  const ready = serviceId !== null && reason.trim() !== '' && (override ? mayOverride && overrideReason.trim() !== '' : consentFor !== null);
  return (
    <Card withBorder padding="sm" data-testid="referral-form">
      <Title order={3} size="h4" mb="xs">
        {t('referrals:form.title')}
      </Title>
      <Stack gap="xs">
        {prefill ? (
          <Alert color="yellow" variant="light" data-testid="referral-form-declined">
            <bdi>{t('referrals:form.declinedBefore', { service: prefill.declinedBy })}</bdi>
          </Alert>
        ) : null}
        <Select
          label={t('referrals:form.need')}
          data={serviceTypes.map((s) => ({ value: s, label: t(`services:type.${s}`) }))}
          value={need}
          onChange={(value) => {
            if (value) setNeed(value as ServiceType);
            setServiceId(null);
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="referral-form-need"
        />
        <Select
          label={t('referrals:form.service')}
          placeholder={t('referrals:form.servicePlaceholder')}
          data={services.map((s) => ({ value: s.id, label: t('referrals:form.serviceOption', { name: s.name, capacity: capacityText(t, f, s) }) }))}
          value={serviceId}
          onChange={setServiceId}
          searchable
          comboboxProps={{ withinPortal: true }}
          data-testid="referral-form-service"
        />
        {candidates.isSuccess && services.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('referrals:form.noService')}
          </Text>
        ) : null}
        <Textarea
          label={t('referrals:form.reason')}
          description={t('referrals:form.reasonHelp')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="referral-form-reason"
        />
        <Radio.Group label={t('referrals:form.urgency')} value={urgency} onChange={(v) => setUrgency(v as ReferralUrgency)}>
          <Stack gap={4} mt={4}>
            {referralUrgencies.map((u) => (
              <Radio key={u} value={u} label={t(`referrals:urgency.${u}`)} data-testid={`referral-form-urgency-${u}`} />
            ))}
          </Stack>
        </Radio.Group>
        <Checkbox.Group label={t('referrals:form.shares')} description={t('referrals:form.sharesHelp')} value={shares} onChange={setShares}>
          <Group gap="sm" mt={4}>
            {referralShares.map((s) => (
              <Checkbox key={s} value={s} label={t(`referrals:share.${s}`)} data-testid={`referral-form-share-${s}`} />
            ))}
          </Group>
        </Checkbox.Group>
        {serviceId && !override ? (
          consentFor ? (
            <Text size="sm" data-testid="referral-form-consent">
              {t('referrals:form.consent')}: <bdi>{consentFor.purpose ?? ''}</bdi> ({f.dateTime(consentFor.givenAt)})
            </Text>
          ) : (
            <Alert color="orange" variant="light" data-testid="referral-form-no-consent">
              {t('referrals:form.noConsent')}
            </Alert>
          )
        ) : null}
        <Checkbox
          label={t('referrals:form.override')}
          description={mayOverride ? undefined : t('referrals:form.overrideOnly')}
          checked={override}
          disabled={!mayOverride}
          onChange={(e) => setOverride(e.currentTarget.checked)}
          data-testid="referral-form-override"
        />
        {override ? (
          <Textarea
            label={t('referrals:form.overrideReason')}
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.currentTarget.value)}
            autosize
            minRows={2}
            data-testid="referral-form-override-reason"
          />
        ) : null}
        <Group>
          <Button disabled={!ready} loading={send.isPending} onClick={() => send.mutate()} data-testid="referral-form-send">
            {t('referrals:form.send')}
          </Button>
        </Group>
        <ErrorAlert error={send.error} />
      </Stack>
    </Card>
  );
}

/** The case's referrals tab: consent first, then the referral, then each referral's closed loop. */
export function CaseReferralsTab({ record, user }: { record: CaseDetail; user: User | null }) {
  const { t } = useTranslation();
  const referrals = useCaseReferrals(record.id);
  const consents = useConsents(record.id);
  const [prefill, setPrefill] = useState<{ need: ServiceType; excluding: string; declinedBy: string } | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  // The consent form's services: the whole directory of the case's country, any need.
  const directory = useQuery({
    queryKey: ['services', 'list', 'for-consent', record.countryCode],
    queryFn: () => api.call('listServices', { query: { countryCode: record.countryCode } }),
  });
  const mayWrite =
    record.access === 'scope' && record.victim !== null && record.status !== 'closed' && (user?.role === 'data_officer' || user?.role === 'supervisor');
  if (referrals.isPending || consents.isPending) return <PageLoader />;
  return (
    <Stack gap="md" data-testid="case-referrals">
      <ErrorAlert error={referrals.error ?? consents.error ?? directory.error} />
      <ConsentsCard record={record} consents={consents.data?.items ?? []} services={directory.data?.items ?? []} mayWrite={mayWrite} />
      {sent ? (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setSent(null)} data-testid="referral-sent">
          <bdi>{t('referrals:form.sent', { service: sent })}</bdi>
        </Alert>
      ) : null}
      {mayWrite ? (
        <ReferralForm
          key={formKey}
          record={record}
          consents={consents.data?.items ?? []}
          prefill={prefill}
          onSent={(r) => {
            setSent(r.service.name);
            setPrefill(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : null}
      <Title order={3} size="h4">
        {t('referrals:title')}
      </Title>
      {referrals.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('referrals:none')}
        </Text>
      ) : null}
      {referrals.data?.items.map((r) => (
        <ReferralCard
          key={r.id}
          referral={r}
          onReferElsewhere={
            mayWrite
              ? (declined) => {
                  setPrefill({ need: declined.service.type, excluding: declined.service.id, declinedBy: declined.service.name });
                  setFormKey((k) => k + 1);
                  window.scrollTo({ top: 0 });
                }
              : undefined
          }
        />
      ))}
    </Stack>
  );
}
