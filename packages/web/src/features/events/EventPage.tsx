import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Card, Collapse, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { usePhone } from '../../lib/media';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import type { Event } from '@hifazat/contract';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordBoundary, RecordPage } from '../../components/RecordPage';
import { PageLoader } from '../../components/PageLoader';
import { SexCountsTable } from '../../components/SexCountsTable';
import { useMe } from '../auth/session';
import { useDeleteRecord } from '../../lib/useDeleteRecord';
import { currentLanguage, useFormat } from '../../lib/format';
import { organizationLabel } from '../../lib/organizations';
import { can } from '../../lib/permissions';
import { keys } from '../../lib/queries';
import { useEvent, useEventSummary } from './events.queries';
import { ParticipantsTab } from './ParticipantsTab';
import { statusColor } from './eventUi';
import { Detail } from '../../components/Detail';
import { IsolatedList } from '../../components/IsolatedList';
import { provinceLabel } from '../../lib/options';

// Tabs other than the participants' load when first opened: the event page's first load stays small.
const AttendanceTab = lazy(() => import('./AttendanceTab').then((module) => ({ default: module.AttendanceTab })));
const ImportTab = lazy(() => import('./ImportTab').then((module) => ({ default: module.ImportTab })));
const loading = (content: ReactNode) => <Suspense fallback={<PageLoader />}>{content}</Suspense>;
// The tests and their results come with their tabs, not with the event page's first load.
const TestsTab = lazy(() => import('../assessments/TestsTab'));
const ResultsTab = lazy(() => import('../assessments/ResultsTab'));
const FeedbackTab = lazy(() => import('../feedback/FeedbackTab'));
const CertificatesTab = lazy(() => import('../certificates/CertificatesTab'));
const MasterTrainersTab = lazy(() => import('../cascades/MasterTrainersTab'));

export default function EventPage() {
  const { id = '' } = useParams();
  return <RecordBoundary query={useEvent(id)}>{(event) => <EventView event={event} />}</RecordBoundary>;
}

function EventView({ event }: { event: Event }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const user = me.data ?? null;
  const editable = can.editEvent(user, event);
  const deletable = can.deleteEvent(user);
  const [tab, setTab] = useState('participants');
  const phone = usePhone();
  // On a phone the register is one tap from the top of the page, not below the details and summary.
  const openAttendance = () => {
    setTab('attendance');
    requestAnimationFrame(() => document.getElementById('record-tabs')?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  };
  const [deleteOpen, deleteModal] = useDisclosure(false);
  const remove = useDeleteRecord({
    route: 'deleteEvent',
    id: event.id,
    recordKey: keys.event(event.id),
    invalidate: [keys.events, keys.dashboard],
    then: '/events',
  });
  const none = t('common.none');
  // Names the user may see, then how many of another country there are (counted, never named).
  const withHidden = (names: string[], hidden: number) =>
    [...names, ...(hidden > 0 ? [t('event.hiddenLinks', { n: f.number(hidden) })] : [])].join(t('common.listSeparator')) || none;

  return (
    <RecordPage
      title={event.title}
      badges={
        <Badge variant="light" color={statusColor(event.status)} data-testid="event-status">
          {t(`eventStatus.${event.status}`)}
        </Badge>
      }
      subtitle={
        <>
          <span>{t(`eventType.${event.type}`)}</span>
          <span>·</span>
          <span>{f.dateRange(event.startDate, event.endDate)}</span>
        </>
      }
      actions={
        editable || deletable ? (
          <>
            {editable ? (
              <Button variant="default" component={Link} to={`/events/${event.id}/edit`} data-testid="event-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {deletable ? (
              <Button variant="light" color="red" onClick={deleteModal.open} data-testid="event-delete">
                {t('common.delete')}
              </Button>
            ) : null}
          </>
        ) : null
      }
      tab={tab}
      onTabChange={setTab}
      tabs={[
        {
          value: 'participants',
          label: t('event.tabParticipants'),
          testId: 'tab-participants',
          content: <ParticipantsTab event={event} editable={editable} />,
        },
        {
          value: 'attendance',
          label: t('event.tabAttendance'),
          testId: 'tab-attendance',
          content: loading(<AttendanceTab event={event} editable={editable} />),
        },
        {
          value: 'tests',
          label: t('event.tabTests'),
          testId: 'tab-tests',
          content: (
            <Suspense fallback={<PageLoader />}>
              <TestsTab event={event} editable={editable} />
            </Suspense>
          ),
        },
        {
          value: 'results',
          label: t('event.tabResults'),
          testId: 'tab-results',
          content: (
            <Suspense fallback={<PageLoader />}>
              <ResultsTab event={event} />
            </Suspense>
          ),
        },
        {
          value: 'feedback',
          label: t('event.tabFeedback'),
          testId: 'tab-feedback',
          content: (
            <Suspense fallback={<PageLoader />}>
              <FeedbackTab event={event} editable={editable} />
            </Suspense>
          ),
        },
        {
          value: 'certificates',
          label: t('event.tabCertificates'),
          testId: 'tab-certificates',
          content: loading(<CertificatesTab event={event} editable={editable} />),
        },
        // A training of trainers: whom it selected, and its graduates (master trainers).
        ...(event.type === 'training_of_trainers'
          ? [
              {
                value: 'master-trainers',
                label: t('event.tabMasterTrainers'),
                testId: 'tab-master-trainers',
                content: loading(<MasterTrainersTab event={event} editable={editable} />),
              },
            ]
          : []),
        ...(editable
          ? [
              {
                value: 'import',
                label: t('event.tabImport'),
                testId: 'tab-import',
                content: loading(<ImportTab event={event} onDone={() => setTab('participants')} />),
              },
            ]
          : []),
      ]}
      history={{ queryKey: keys.eventHistory(event.id), route: 'eventHistory', id: event.id }}
      footer={
        <ConfirmModal
          opened={deleteOpen}
          onClose={deleteModal.close}
          title={t('event.deleteTitle')}
          message={t('event.deleteText', { title: event.title })}
          confirmLabel={t('common.delete')}
          onConfirm={() => remove.mutate()}
          loading={remove.isPending}
          error={remove.error}
          danger
          testId="event-delete-confirm"
        />
      }
    >
      {phone ? (
        <Button fullWidth size="md" mb="md" onClick={openAttendance} data-testid="event-take-attendance">
          {editable ? t('event.takeAttendance') : t('event.tabAttendance')}
        </Button>
      ) : null}
      <Card withBorder mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="sm">
          <Detail label={t('event.programme')}>{event.programmeName}</Detail>
          <Detail label={t('event.place')} testId="event-place">
            <IsolatedList items={[event.venue, event.city, provinceLabel(t, event.province), f.country(event.countryCode)]} />
          </Detail>
          <Detail label={t('event.series')}>{event.series ?? none}</Detail>
          <Detail label={t('event.organizers')} testId="event-organizers">
            {withHidden(
              event.organizers.map((o) => organizationLabel(o)),
              event.hiddenOrganizers,
            )}
          </Detail>
          <Detail label={t('event.partners')} testId="event-partners">
            {withHidden(
              event.partners.map((o) => organizationLabel(o)),
              event.hiddenPartners,
            )}
          </Detail>
          <Detail label={t('event.trainers')} testId="event-trainers">
            {withHidden(
              event.trainers.map((trainer) => trainer.name),
              event.hiddenTrainers,
            )}
          </Detail>
          <Detail label={t('event.topics')}>
            {event.topics.length > 0 ? (
              <Group gap={4}>
                {event.topics.map((topic) => (
                  <Badge key={topic} variant="outline" size="sm" tt="none">
                    {topic}
                  </Badge>
                ))}
              </Group>
            ) : (
              none
            )}
          </Detail>
        </SimpleGrid>
        {event.learningObjectives ? (
          <Stack gap={0} mt="sm">
            <Text size="xs" c="dimmed">
              {t('event.learningObjectives')}
            </Text>
            <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
              {event.learningObjectives}
            </Text>
          </Stack>
        ) : null}
      </Card>
      <EventSummaryCard eventId={event.id} />
    </RecordPage>
  );
}

function EventSummaryCard({ eventId }: { eventId: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const summary = useEventSummary(eventId);
  const lang = currentLanguage(i18n.language);
  const s = summary.data;
  const phone = usePhone();
  const [showBreakdown, setShowBreakdown] = useState<boolean | null>(null);
  // Open on wide screens, folded on phones, until the user chooses.
  const breakdownOpen = showBreakdown ?? !phone;
  return (
    <Card withBorder mb="md">
      <Title order={4} mb={4}>
        {t('event.summary')}
      </Title>
      <ErrorAlert error={summary.error} />
      {s ? (
        <Stack gap="sm">
          <Text fz="lg" fw={600} data-testid="event-summary-text">
            {lang === 'ur' ? s.text.ur : s.text.en}
          </Text>
          {s.staff.total > 0 ? (
            <Text size="sm" c="dimmed" data-testid="event-summary-staff">
              {t('event.staffCount', { n: f.number(s.staff.total) })}
            </Text>
          ) : null}
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setShowBreakdown(!breakdownOpen)}
            aria-expanded={breakdownOpen}
            data-testid="event-summary-breakdown-toggle"
            style={{ alignSelf: 'flex-start' }}
          >
            {breakdownOpen ? t('event.hideBreakdown') : t('event.showBreakdown')}
          </Button>
          <Collapse expanded={breakdownOpen}>
            <SimpleGrid cols={{ base: 1, xl: 2 }}>
              <div>
                <Text fw={600} size="sm" mb={4}>
                  {t('event.byOrganizationType')}
                </Text>
                <SexCountsTable
                  testId="event-summary-by-type"
                  firstColumn={t('organization.type')}
                  rows={s.byOrganizationType.map((row) => ({
                    key: row.type ?? 'none',
                    label: row.type ? t(`organizationType.${row.type}`) : t('common.notRecorded'),
                    counts: row,
                  }))}
                />
              </div>
              <div>
                <Text fw={600} size="sm" mb={4}>
                  {t('event.byOrganization')}
                </Text>
                <SexCountsTable
                  testId="event-summary-by-organization"
                  firstColumn={t('person.organization')}
                  rows={s.byOrganization.map((row) => ({
                    key: row.hidden ? 'hidden' : (row.organizationId ?? 'none'),
                    label: row.hidden ? (
                      t('event.hiddenOrganization')
                    ) : row.organizationId ? (
                      <Anchor component={Link} to={`/organizations/${row.organizationId}`} size="sm">
                        {row.acronym ?? row.name}
                      </Anchor>
                    ) : (
                      t('common.notRecorded')
                    ),
                    counts: row,
                  }))}
                />
              </div>
            </SimpleGrid>
          </Collapse>
        </Stack>
      ) : summary.isPending ? (
        <PageLoader />
      ) : null}
    </Card>
  );
}
