import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { roleMay, type CaseDetail, type CaseScreening, type User } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { Detail } from '../../components/Detail';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IsolatedList } from '../../components/IsolatedList';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { provinceLabel } from '../../lib/options';
import { useMe } from '../auth/session';
import { BreakGlassForm } from './BreakGlassForm';
import { ChildBadge, StatusBadge } from './CaseBadges';
import { CaseHistory } from './CaseHistory';
import { caseCan, needsBreakGlass, useCase } from './cases.queries';
import { ScreenCase } from './ScreenCase';
import { StoredScreenings } from './StoredScreenings';
import './strings';
import './htcdsStrings';
import '../case-duplicates/strings';

// A supervisor's dialogs: fetched when first opened.
const ExportModal = lazy(() => import('./CaseRetention').then((m) => ({ default: m.ExportModal })));
const EraseModal = lazy(() => import('./CaseRetention').then((m) => ({ default: m.EraseModal })));
// The SOP work (issue 13): each tab fetched when first opened.
const CaseWorkflowTab = lazy(() => import('./CaseWorkflow').then((m) => ({ default: m.CaseWorkflowTab })));
const CareFileTab = lazy(() => import('./CareFile').then((m) => ({ default: m.CareFileTab })));
const JusticeTab = lazy(() => import('./JusticeTrack').then((m) => ({ default: m.JusticeTab })));
const CaseReferralsTab = lazy(() => import('../referrals/CaseReferrals').then((m) => ({ default: m.CaseReferralsTab })));

/** The reader's own break-glass opening of this case still running, if any (for the banner's "until"). */
function ownGrant(record: CaseDetail, user: User | null) {
  const now = new Date().toISOString();
  return record.breakGlass.filter((g) => g.user?.id === user?.id && g.expiresAt > now).sort((a, b) => b.expiresAt.localeCompare(a.expiresAt))[0] ?? null;
}

function PersonCard({ record }: { record: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const v = record.victim;
  if (!v) {
    return (
      <Alert color="gray" title={t('cases:detail.noPersonTitle')} data-testid="case-anonymised">
        {t('cases:detail.noPerson', { date: f.dateTime(record.anonymisedAt) })}
      </Alert>
    );
  }
  const age =
    v.birthDate !== null
      ? t('cases:detail.bornOn', { date: f.date(v.birthDate), age: f.number(record.age) })
      : record.age !== null
        ? t('cases:detail.estimatedAge', { age: f.number(record.age) })
        : t('common.notRecorded');
  return (
    <Card withBorder padding="sm" data-testid="case-person">
      <Title order={3} size="h4" mb="sm">
        {t('cases:form.person')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Detail label={t('cases:field.fullName')} testId="case-fullName">
          {v.fullName}
        </Detail>
        {v.otherScriptName ? (
          <Detail label={t('cases:field.otherScriptName')} testId="case-otherScriptName">
            {v.otherScriptName}
          </Detail>
        ) : null}
        {v.aliases.length > 0 ? (
          <Detail label={t('cases:field.aliases')}>
            <IsolatedList items={v.aliases} />
          </Detail>
        ) : null}
        <Detail label={t('cases:field.sex')}>{t(`sex.${v.sex}`)}</Detail>
        <Detail label={t('cases:field.age')} testId="case-age">
          {age}
        </Detail>
        <Detail label={t('cases:field.citizenship')}>{v.citizenship ? f.country(v.citizenship) : t('common.notRecorded')}</Detail>
        <Detail label={t('cases:field.phone')}>{v.phone ? <bdi dir="ltr">{v.phone}</bdi> : '—'}</Detail>
        <Detail label={t('cases:field.identityNumbers')} testId="case-identity-numbers">
          {v.identityNumbers.length > 0 ? (
            <Stack gap={0}>
              {v.identityNumbers.map((d, i) => (
                <span key={i}>
                  {t(`cases:documentKind.${d.kind}`)}: <bdi dir="ltr">{d.number}</bdi>
                </span>
              ))}
            </Stack>
          ) : (
            '—'
          )}
        </Detail>
        <Detail label={t('cases:field.languages')}>{v.languages.length > 0 ? <IsolatedList items={v.languages} /> : '—'}</Detail>
        {v.address ? <Detail label={t('cases:field.address')}>{v.address}</Detail> : null}
      </SimpleGrid>
    </Card>
  );
}

function IdentificationCard({ record }: { record: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder padding="sm" data-testid="case-identification">
      <Title order={3} size="h4" mb="sm">
        {t('cases:form.identification')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Detail label={t('cases:field.identifiedOn')}>{f.date(record.identifiedOn)}</Detail>
        <Detail label={t('cases:field.place')}>
          <IsolatedList items={[record.identificationPlace, record.district, provinceLabel(t, record.province), f.country(record.countryCode)]} />
        </Detail>
        <Detail label={t('cases:field.identifiedBy')}>
          {record.identifiedByAgencyType ? t(`cases:agencyType.${record.identifiedByAgencyType}`) : t('common.notRecorded')}
        </Detail>
        <Detail label={t('cases:field.agency')}>{record.agency ? <bdi>{record.agency.name}</bdi> : '—'}</Detail>
        <Detail label={t('cases:field.openedBy')}>
          <IsolatedList items={[record.openedBy?.name, f.dateTime(record.createdAt)]} />
        </Detail>
      </SimpleGrid>
      {record.narrative ? (
        <Stack gap={2} mt="sm">
          <Text size="xs" c="dimmed">
            {t('cases:field.narrative')}
          </Text>
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="case-narrative">
            {record.narrative}
          </Text>
        </Stack>
      ) : null}
    </Card>
  );
}

function DecisionCard({ record }: { record: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = record.traffickingDecision;
  return (
    <Card withBorder padding="sm" data-testid="case-decision">
      <Title order={3} size="h4" mb="xs">
        {t('cases:detail.decision')}
      </Title>
      {d ? (
        <Stack gap={2}>
          <Text fw={600} data-testid="case-decision-status" data-status={d.traffickingStatus}>
            {t(`cases:traffickingStatus.${d.traffickingStatus}`)}
          </Text>
          <Text size="sm" c="dimmed">
            <IsolatedList
              items={[
                t('cases:detail.decidedBy', { org: t(`cases:decisionOrg.${d.decisionMakingOrg}`) }),
                t('cases:detail.recordedBy', { name: d.decidedBy?.name ?? t('history.system'), date: f.dateTime(d.decidedAt) }),
              ]}
            />
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('cases:detail.noDecision')}
        </Text>
      )}
    </Card>
  );
}

function BreakGlassEntries({ record }: { record: CaseDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (record.breakGlass.length === 0) return null;
  return (
    <Card withBorder padding="sm" data-testid="case-break-glass-entries">
      <Title order={3} size="h4" mb="xs">
        {t('cases:breakGlass.entries')}
      </Title>
      <Stack gap="xs">
        {record.breakGlass.map((g) => (
          <Stack key={g.id} gap={0}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                <bdi>{g.user?.name ?? t('history.system')}</bdi>
              </Text>
              <Text size="sm" c="dimmed">
                {f.dateTime(g.at)}
              </Text>
              <Badge size="sm" variant="light" color={g.reviewedAt ? 'gray' : 'red'}>
                {g.reviewedAt ? t('cases:breakGlass.reviewed') : t('cases:breakGlass.toReview')}
              </Badge>
            </Group>
            {g.reason ? (
              <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                {g.reason}
              </Text>
            ) : null}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

/** The screenings tab: stored ones newest first, or the interview while one is under way. */
function ScreeningsTab({ record, user }: { record: CaseDetail; user: User | null }) {
  const { t } = useTranslation();
  // null: the list; { corrects: null }: a new screening; { corrects }: a correction of a stored one.
  const [flow, setFlow] = useState<{ corrects: CaseScreening | null } | null>(null);
  const [lastStored, setLastStored] = useState<string | null>(null);
  // The data officer who works on the case; never through a break-glass grant, never once anonymised.
  const mayScreen = caseCan.screen(user) && record.access === 'scope' && record.victim !== null;
  if (flow) {
    return (
      <ScreenCase
        record={record}
        corrects={flow.corrects}
        onCancel={() => setFlow(null)}
        onStored={(stored) => {
          setLastStored(stored.id);
          setFlow(null);
          // Back to the top of the case: the confirmation and the stored screening, open.
          window.scrollTo({ top: 0 });
        }}
      />
    );
  }
  return (
    <Stack gap="sm">
      {lastStored ? (
        <Alert color="teal" variant="light" data-testid="screen-stored" withCloseButton onClose={() => setLastStored(null)}>
          {t('cases:screen.stored')}
        </Alert>
      ) : null}
      {mayScreen ? (
        <Group>
          <Button onClick={() => setFlow({ corrects: null })} data-testid="case-screen">
            {t('cases:screen.start')}
          </Button>
        </Group>
      ) : null}
      <StoredScreenings
        key={lastStored ?? 'list'}
        screenings={record.screenings}
        initiallyOpen={lastStored}
        onCorrect={mayScreen ? (screening) => setFlow({ corrects: screening }) : null}
      />
    </Stack>
  );
}

function CaseView({ record, user }: { record: CaseDetail; user: User | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [tab, setTab] = useState('details');
  const [dialog, setDialog] = useState<'export' | 'erase' | null>(null);
  const viaGrant = record.access === 'break_glass';
  const grant = viaGrant ? ownGrant(record, user) : null;
  // Export and erasure are for a supervisor of the case's own agency, never through a break-glass grant.
  const retention = caseCan.retention(user) && record.victim !== null && !viaGrant;
  // The justice tab: only for an account with the justice grant, on a case of its own agency (the server refuses the rest).
  const mayJustice = !!user?.justiceAccess && roleMay(user.role, 'cases.justice') && !viaGrant;
  const actions: ReactNode[] = [];
  if (caseCan.write(user) && !viaGrant && record.victim !== null) {
    actions.push(
      <Button key="edit" variant="default" component={Link} to={`/cases/${record.id}/edit`} data-testid="case-edit">
        {t('common.edit')}
      </Button>,
    );
  }
  // HTCDS JSON of this case, pseudonymised; never through a break-glass grant (the server refuses it too).
  if (caseCan.exchange(user) && !viaGrant) {
    actions.push(
      <Button
        key="htcds"
        variant="default"
        component="a"
        href={api.href('exportCaseHtcds', { params: { id: record.id }, query: { format: 'htcds-json' } })}
        download
        title={t('htcds:case.jsonHelp')}
        data-testid="case-htcds-json"
      >
        {t('htcds:case.json')}
      </Button>,
    );
  }
  if (retention) {
    actions.push(
      <Button key="export" variant="default" onClick={() => setDialog('export')} data-testid="case-export">
        {t('cases:export.button')}
      </Button>,
      <Button key="erase" variant="outline" color="red" onClick={() => setDialog('erase')} data-testid="case-erase">
        {t('cases:erase.button')}
      </Button>,
    );
  }

  return (
    <>
      <PageHeader
        title={record.victim?.fullName ?? t('cases:list.anonymised')}
        subtitle={
          <Group gap="xs" component="span" wrap="wrap">
            <StatusBadge status={record.status} />
            {record.child ? <ChildBadge /> : null}
            <Text span size="sm" c="dimmed" data-testid="case-reference">
              <bdi>{record.reference}</bdi>
            </Text>
          </Group>
        }
        actions={actions.length > 0 ? actions : undefined}
      />
      {viaGrant ? (
        <Alert color="red" variant="filled" title={t('cases:breakGlass.banner')} mb="md" data-testid="case-break-glass-banner">
          {grant ? t('cases:breakGlass.bannerUntil', { time: f.dateTime(grant.expiresAt) }) : t('cases:breakGlass.bannerText')}
        </Alert>
      ) : null}
      {record.mergedIntoId ? (
        // A possible duplicate merged into another case: read here, worked on there.
        <Alert color="gray" variant="light" mb="md" data-testid="case-merged">
          <Stack gap={4}>
            <Text size="sm">{t('caseDuplicates:mergedInto')}</Text>
            <Anchor component={Link} to={`/cases/${record.mergedIntoId}`} size="sm" data-testid="case-merged-link">
              {t('caseDuplicates:openKept')}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={(value) => value && setTab(value)} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }} mb="md">
          <Tabs.Tab value="details" data-testid="case-tab-details">
            {t('cases:detail.tabDetails')}
          </Tabs.Tab>
          <Tabs.Tab value="workflow" data-testid="case-tab-workflow">
            {t('cases:detail.tabWorkflow')}
          </Tabs.Tab>
          {record.access !== 'referral' ? (
            <Tabs.Tab value="referrals" data-testid="case-tab-referrals">
              {t('cases:detail.tabReferrals')}
            </Tabs.Tab>
          ) : null}
          <Tabs.Tab value="care" data-testid="case-tab-care">
            {t('cases:detail.tabCare')}
          </Tabs.Tab>
          {mayJustice ? (
            <Tabs.Tab value="justice" data-testid="case-tab-justice">
              {t('cases:detail.tabJustice')}
            </Tabs.Tab>
          ) : null}
          <Tabs.Tab value="screenings" data-testid="case-tab-screenings">
            {t('cases:detail.tabScreenings', { n: f.number(record.screenings.length) })}
          </Tabs.Tab>
          <Tabs.Tab value="history" data-testid="case-tab-history">
            {t('cases:detail.tabHistory')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <Stack gap="md">
            <DecisionCard record={record} />
            <PersonCard record={record} />
            <IdentificationCard record={record} />
            <BreakGlassEntries record={record} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="referrals">
          <Suspense fallback={<PageLoader />}>
            <CaseReferralsTab record={record} user={user} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="workflow">
          <Suspense fallback={<PageLoader />}>
            <CaseWorkflowTab record={record} user={user} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="care">
          <Suspense fallback={<PageLoader />}>
            <CareFileTab record={record} mayEdit={caseCan.write(user) && !viaGrant && record.victim !== null} />
          </Suspense>
        </Tabs.Panel>
        {mayJustice ? (
          <Tabs.Panel value="justice">
            <Suspense fallback={<PageLoader />}>
              <JusticeTab caseId={record.id} />
            </Suspense>
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="screenings">
          <ScreeningsTab record={record} user={user} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <CaseHistory caseId={record.id} />
        </Tabs.Panel>
      </Tabs>
      {dialog !== null ? (
        <Suspense fallback={null}>
          <ExportModal record={record} opened={dialog === 'export'} onClose={() => setDialog(null)} />
          <EraseModal record={record} opened={dialog === 'erase'} onClose={() => setDialog(null)} />
        </Suspense>
      ) : null}
    </>
  );
}

/**
 * One case file (issue 12): the person, their identification, the decision, the stored screenings with
 * "Screen this person", and the history; export and erasure for a supervisor. A case outside the
 * reader's scope asks a supervisor or administrator to break the glass first.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const user = useMe().data ?? null;
  const record = useCase(id);
  if (record.isPending) return <PageLoader />;
  if (record.isError) return needsBreakGlass(record.error) ? <BreakGlassForm caseId={id} /> : <ErrorAlert error={record.error} />;
  return <CaseView record={record.data} user={user} />;
}
