import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Anchor, Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import type { Campaign, SexCounts } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Detail } from '../../components/Detail';
import { IsolatedList } from '../../components/IsolatedList';
import { PageLoader } from '../../components/PageLoader';
import { RecordBoundary, RecordPage } from '../../components/RecordPage';
import { currentLanguage, useFormat } from '../../lib/format';
import { provinceLabel } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { can } from '../../lib/permissions';
import { keys } from '../../lib/queries';
import { useDeleteRecord } from '../../lib/useDeleteRecord';
import { useMe } from '../auth/session';
import { useCampaign } from './campaigns.queries';
import './strings';

const CampaignForm = lazy(() => import('./CampaignForm'));
// The tabs (their forms, selects and the upload) come in a chunk of their own, after the page's first load.
const SessionsTab = lazy(() => import('./CampaignParts').then((module) => ({ default: module.SessionsTab })));
const OutputsTab = lazy(() => import('./CampaignParts').then((module) => ({ default: module.OutputsTab })));
const EvidenceTab = lazy(() => import('./CampaignParts').then((module) => ({ default: module.EvidenceTab })));
const loading = (content: ReactNode) => <Suspense fallback={<PageLoader />}>{content}</Suspense>;

export default function CampaignPage() {
  const { id = '' } = useParams();
  return <RecordBoundary query={useCampaign(id)}>{(campaign) => <CampaignView campaign={campaign} />}</RecordBoundary>;
}

function CampaignView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const editable = can.writeCampaigns(me.data ?? null);
  const [editing, setEditing] = useState(false);
  const [deleteOpen, deleteModal] = useDisclosure(false);
  const remove = useDeleteRecord({
    route: 'deleteCampaign',
    id: campaign.id,
    recordKey: keys.campaign(campaign.id),
    invalidate: [keys.campaigns],
    then: '/campaigns',
  });
  const none = t('common.none');
  const partners = [
    ...campaign.partners.map((p) => organizationLabel(p)),
    ...(campaign.hiddenPartners > 0 ? [t('campaigns:hiddenPartners', { n: f.number(campaign.hiddenPartners) })] : []),
    ...(campaign.otherPartners ? [campaign.otherPartners] : []),
  ];
  const groups = [
    ...campaign.targetGroups.filter((g) => g !== 'other').map((g) => t(`campaigns:targetGroup.${g}`)),
    ...(campaign.targetGroups.includes('other') ? [campaign.targetGroupsOther ?? t('campaigns:targetGroup.other')] : []),
  ];

  return (
    <RecordPage
      title={campaign.title}
      subtitle={
        <>
          {/* Isolated, so that a Latin programme name beside an Urdu date keeps each in one piece. */}
          <bdi>{campaign.programmeName}</bdi>
          <span> · </span>
          <bdi>{f.dateRange(campaign.startDate, campaign.endDate)}</bdi>
        </>
      }
      actions={
        editable ? (
          <>
            <Button variant="default" onClick={() => setEditing(true)} data-testid="campaign-edit">
              {t('common.edit')}
            </Button>
            <Button variant="light" color="red" onClick={deleteModal.open} data-testid="campaign-delete">
              {t('common.delete')}
            </Button>
          </>
        ) : null
      }
      tabs={[
        {
          value: 'sessions',
          label: t('campaigns:tabSessions'),
          testId: 'tab-sessions',
          content: loading(<SessionsTab campaign={campaign} editable={editable} />),
        },
        { value: 'outputs', label: t('campaigns:tabOutputs'), testId: 'tab-outputs', content: loading(<OutputsTab campaign={campaign} editable={editable} />) },
        {
          value: 'evidence',
          label: t('campaigns:tabEvidence'),
          testId: 'tab-evidence',
          content: loading(<EvidenceTab campaign={campaign} editable={editable} />),
        },
      ]}
      history={{ queryKey: keys.campaignHistory(campaign.id), route: 'campaignHistory', id: campaign.id }}
      footer={
        <>
          <AppModal opened={editing} onClose={() => setEditing(false)} title={t('campaigns:editTitle')} size="lg">
            {editing ? (
              <Suspense fallback={<PageLoader />}>
                <CampaignForm campaign={campaign} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
              </Suspense>
            ) : null}
          </AppModal>
          <ConfirmModal
            opened={deleteOpen}
            onClose={deleteModal.close}
            title={t('campaigns:deleteTitle')}
            message={t('campaigns:deleteText', { title: campaign.title })}
            confirmLabel={t('common.delete')}
            onConfirm={() => remove.mutate()}
            loading={remove.isPending}
            error={remove.error}
            danger
            testId="campaign-delete-confirm"
          />
        </>
      }
    >
      <Card withBorder mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="sm">
          <Detail label={t('campaigns:area')} testId="campaign-area">
            <IsolatedList items={[campaign.area, campaign.district, provinceLabel(t, campaign.province), f.country(campaign.countryCode)]} />
          </Detail>
          <Detail label={t('campaigns:partners')} testId="campaign-partners">
            {partners.join(t('common.listSeparator')) || none}
          </Detail>
          <Detail label={t('campaigns:targetGroups')}>{groups.join(t('common.listSeparator')) || none}</Detail>
          <Detail label={t('campaigns:languages')}>
            {campaign.languages.map((l) => t(`campaigns:language.${l}`)).join(t('common.listSeparator')) || none}
          </Detail>
          <Detail label={t('campaigns:needsAssessment')} testId="campaign-needs">
            {campaign.needsAssessment ? (
              <Anchor component={Link} to="/needs-assessments">
                {`${campaign.needsAssessment.area} (${f.date(campaign.needsAssessment.assessedOn)})`}
              </Anchor>
            ) : (
              t('campaigns:noNeedsAssessment')
            )}
          </Detail>
          {campaign.notes ? <Detail label={t('campaigns:notes')}>{campaign.notes}</Detail> : null}
        </SimpleGrid>
      </Card>
      <ReachCard campaign={campaign} />
    </RecordPage>
  );
}

/** The two figures of reach, side by side and never added up, and the sentence that says so. */
function ReachCard({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { counted, estimated } = campaign.reach;
  const bySex = (counts: Pick<SexCounts, 'female' | 'male' | 'other' | 'unknown'>) =>
    (['female', 'male', 'other', 'unknown'] as const)
      .filter((k) => counts[k] > 0)
      .map((k) => `${f.number(counts[k])} ${t(`sex.${k}`)}`)
      .join(t('common.listSeparator'));
  return (
    <Card withBorder mb="md" data-testid="campaign-reach">
      <Title order={4} mb="sm">
        {t('campaigns:reach.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Stack gap={4} data-testid="reach-counted">
          <Text size="sm" c="dimmed">
            {t('campaigns:reach.counted')}
          </Text>
          <Text fz={32} fw={700} lh={1.1} className="num" data-testid="reach-counted-total">
            {f.number(counted.total)}
          </Text>
          <Text size="sm">{bySex(counted) || t('campaigns:reach.sessionsCounted', { n: f.number(counted.sessions) })}</Text>
          {bySex(counted) ? <Text size="sm">{t('campaigns:reach.sessionsCounted', { n: f.number(counted.sessions) })}</Text> : null}
          <Text size="xs" c="dimmed">
            {t('campaigns:reach.countedHelp')}
          </Text>
        </Stack>
        <Stack gap={4} data-testid="reach-estimated">
          <Text size="sm" c="dimmed">
            {t('campaigns:reach.estimated')}
          </Text>
          <Text fz={32} fw={700} lh={1.1} className="num" data-testid="reach-estimated-total">
            ~{f.number(estimated.total)}
          </Text>
          <Text size="sm">{t('campaigns:reach.fromSessions', { n: f.number(estimated.sessions) })}</Text>
          <Text size="sm">{t('campaigns:reach.fromOutputs', { n: f.number(estimated.outputs) })}</Text>
          {estimated.byKind
            .filter((k) => k.estimatedReach > 0)
            .map((k) => (
              <Text size="xs" key={k.kind}>
                {t(`campaigns:outputKind.${k.kind}`)}: {f.number(k.estimatedReach)}
              </Text>
            ))}
          {estimated.outputsWithoutEstimate > 0 ? (
            <Text size="xs" c="dimmed">
              {t('campaigns:reach.withoutEstimate', { n: f.number(estimated.outputsWithoutEstimate) })}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('campaigns:reach.estimatedHelp')}
          </Text>
        </Stack>
      </SimpleGrid>
      <Text size="sm" mt="md" data-testid="reach-sentence">
        {campaign.reach.text[currentLanguage(i18n.language)]}
      </Text>
    </Card>
  );
}
