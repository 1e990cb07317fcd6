import { lazy, Suspense, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import type { Person } from '@hifazat/contract';
import { ConfirmModal } from '../../components/ConfirmModal';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordBoundary, RecordPage } from '../../components/RecordPage';
import { PageLoader } from '../../components/PageLoader';
import { SearchInput } from '../../components/SearchInput';
import { useMe } from '../auth/session';
import { api } from '../../lib/api';
import { useDeleteRecord } from '../../lib/useDeleteRecord';
import { useFormat } from '../../lib/format';
import { organizationLabel } from '../../lib/organizations';
import { can } from '../../lib/permissions';
import { keys } from '../../lib/queries';
import { usePerson, usePersonParticipations } from './people.queries';
import { reasonLabels } from './duplicateReasons';
import { chosenValues, defaultChoices, differingFields, MergeCompare, type MergeChoices } from './MergeCompare';
import { Detail } from '../../components/Detail';
import { DataTable } from '../../components/ListPage';

// Fetched when the edit dialog first opens: the form (and its selects) are not part of the page's first load.
const PersonForm = lazy(() => import('./PersonForm').then((module) => ({ default: module.PersonForm })));

export default function PersonPage() {
  const { id = '' } = useParams();
  return <RecordBoundary query={usePerson(id)}>{(person) => <PersonView person={person} />}</RecordBoundary>;
}

function PersonView({ person }: { person: Person }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const me = useMe();
  const user = me.data ?? null;
  const participations = usePersonParticipations(person.id);
  const [editOpen, edit] = useDisclosure(false);
  const [mergeOpen, merge] = useDisclosure(false);
  const [deleteOpen, del] = useDisclosure(false);
  const remove = useDeleteRecord({
    route: 'deletePerson',
    id: person.id,
    recordKey: keys.person(person.id),
    invalidate: [keys.people],
    then: '/people',
  });
  const none = '—';

  return (
    <RecordPage
      title={person.fullName}
      subtitle={[organizationLabel(person.organization), person.designation].filter(Boolean).join(t('common.listSeparator'))}
      actions={
        <>
          {can.editPerson(user, participations.data?.items) ? (
            <Button variant="default" onClick={edit.open} data-testid="person-edit">
              {t('common.edit')}
            </Button>
          ) : null}
          {can.mergePeople(user) ? (
            <Button variant="default" onClick={merge.open} data-testid="person-merge">
              {t('person.merge')}
            </Button>
          ) : null}
          {can.deletePeople(user) ? (
            <Button variant="light" color="red" onClick={del.open} data-testid="person-delete">
              {t('common.delete')}
            </Button>
          ) : null}
        </>
      }
      history={{ queryKey: keys.personHistory(person.id), route: 'personHistory', id: person.id }}
      tabs={[
        {
          value: 'participations',
          label: t('person.participations'),
          testId: 'tab-participations',
          content: <PersonParticipationsTab participations={participations} />,
        },
      ]}
      footer={
        <>
          <AppModal opened={editOpen} onClose={edit.close} title={t('person.editTitle')} size="lg" data-testid="person-edit-modal">
            <Suspense fallback={<PageLoader />}>
              <PersonForm
                person={person}
                onSaved={() => {
                  notifications.show({ message: t('common.saved'), color: 'teal' });
                  void queryClient.invalidateQueries({ queryKey: keys.personHistory(person.id) });
                  edit.close();
                }}
                onCancel={edit.close}
              />
            </Suspense>
          </AppModal>
          <MergeModal opened={mergeOpen} onClose={merge.close} person={person} />
          <ConfirmModal
            opened={deleteOpen}
            onClose={del.close}
            title={t('person.deleteTitle')}
            message={t('person.deleteText', { name: person.fullName })}
            confirmLabel={t('common.delete')}
            onConfirm={() => remove.mutate()}
            loading={remove.isPending}
            error={remove.error}
            danger
            testId="person-delete-confirm"
          />
        </>
      }
    >
      <Card withBorder mb="md" data-testid="person-details">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Detail label={t('person.sex')}>{t(`sex.${person.sex}`)}</Detail>
          <Detail label={t('person.organization')}>
            {person.organization ? (
              <Anchor component={Link} to={`/organizations/${person.organization.id}`} size="sm">
                {organizationLabel(person.organization)}
              </Anchor>
            ) : (
              none
            )}
          </Detail>
          <Detail label={t('person.designation')}>{person.designation ?? none}</Detail>
          <Detail label={t('person.province')}>{[person.district, person.province].filter(Boolean).join(t('common.listSeparator')) || none}</Detail>
          <Detail label={t('person.phone')}>
            <span className="ltr-data">{person.phone ?? none}</span>
          </Detail>
          <Detail label={t('person.email')}>
            <span className="ltr-data">{person.email ?? none}</span>
          </Detail>
          <Detail label={t('person.birthYear')}>{person.birthYear ? String(person.birthYear) : none}</Detail>
          <Detail label={t('person.country')}>{f.country(person.countryCode)}</Detail>
        </SimpleGrid>
      </Card>
    </RecordPage>
  );
}

function PersonParticipationsTab({ participations }: { participations: ReturnType<typeof usePersonParticipations> }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (participations.isPending) return <PageLoader />;
  if (participations.isError) return <ErrorAlert error={participations.error} />;
  if (participations.data.items.length === 0) return <Text c="dimmed">{t('person.noParticipations')}</Text>;
  return (
    <DataTable
      testId="person-participations"
      minWidth={640}
      highlightOnHover={false}
      rows={participations.data.items}
      rowKey={(p) => p.eventId}
      columns={[
        {
          key: 'title',
          header: t('event.title'),
          cell: (p) => (
            <Anchor component={Link} to={`/events/${p.eventId}`} size="sm" fw={600}>
              {p.title}
            </Anchor>
          ),
        },
        { key: 'type', header: t('event.type'), cell: (p) => t(`eventType.${p.type}`, { defaultValue: p.type }) },
        { key: 'dates', header: t('event.dates'), cell: (p) => f.dateRange(p.startDate, p.endDate), nowrap: true },
        { key: 'city', header: t('event.city'), cell: (p) => p.city },
        { key: 'role', header: t('participants.role'), cell: (p) => t(`participantRole.${p.role}`, { defaultValue: p.role }) },
        {
          key: 'attended',
          header: t('participants.attended'),
          cell: (p) => (
            <Badge variant="light" color={p.attended ? 'teal' : 'gray'}>
              {p.attended ? t('participants.yes') : t('participants.no')}
            </Badge>
          ),
        },
      ]}
    />
  );
}

/** Pick the duplicate record; its participations move to this person and the duplicate goes away. */
function MergeModal({ opened, onClose, person }: { opened: boolean; onClose: () => void; person: Person }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [chosen, setChosenPerson] = useState<Person | null>(null);
  const [choices, setChoices] = useState<MergeChoices>({});
  const setChosen = (other: Person | null) => {
    setChosenPerson(other);
    setChoices(other ? defaultChoices(person, other) : {});
  };
  const suggestions = useQuery({
    queryKey: ['people', 'duplicates', person.id],
    queryFn: () =>
      api.call('findDuplicates', {
        query: {
          fullName: person.fullName,
          organizationId: person.organization?.id,
          phone: person.phone ?? undefined,
          email: person.email ?? undefined,
          excludeId: person.id,
        },
      }),
    enabled: opened,
  });
  const search = useQuery({
    queryKey: ['people', 'search', debounced],
    queryFn: () => api.call('listPeople', { query: { q: debounced, limit: 10 } }),
    enabled: opened && debounced.trim().length > 0,
  });
  const mergeMutation = useMutation({
    mutationFn: (duplicate: Person) =>
      api.call('mergePeople', { params: { id: person.id }, body: { duplicateId: duplicate.id, values: chosenValues(person, duplicate, choices) } }),
    onSuccess: (result, { id: duplicateId }) => {
      queryClient.setQueryData(keys.person(person.id), result.person);
      queryClient.removeQueries({ queryKey: keys.person(duplicateId) });
      void queryClient.invalidateQueries({ queryKey: keys.people });
      void queryClient.invalidateQueries({ queryKey: keys.events });
      void queryClient.invalidateQueries({ queryKey: keys.personHistory(person.id) });
      notifications.show({
        color: 'teal',
        message: t('person.merged', {
          moved: f.number(result.movedParticipations),
          joined: f.number(result.joinedParticipations),
        }),
      });
      setChosen(null);
      onClose();
    },
  });

  const rows: { person: Person; reasons: string[] }[] = [
    ...(suggestions.data?.candidates ?? []).map((c) => ({ person: c.person, reasons: reasonLabels(t, c.reasons) })),
  ];
  for (const p of search.data?.items ?? []) {
    if (p.id !== person.id && !rows.some((r) => r.person.id === p.id)) rows.push({ person: p, reasons: [] });
  }

  return (
    <AppModal
      opened={opened}
      onClose={() => {
        setChosen(null);
        onClose();
      }}
      title={t('person.mergeTitle')}
      size="lg"
      data-testid="person-merge-modal"
    >
      {chosen ? (
        <Stack>
          <Text size="sm" c="dimmed">
            {differingFields(person, chosen).length > 0 ? t('person.mergeChooseHelp') : t('person.mergeNoDifferences')}
          </Text>
          <MergeCompare kept={person} duplicate={chosen} choices={choices} onChange={setChoices} />
          <Text data-testid="person-merge-confirm-text">{t('person.mergeConfirm', { duplicate: chosen.fullName, person: person.fullName })}</Text>
          <ErrorAlert error={mergeMutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setChosen(null)} data-testid="person-merge-back">
              {t('common.back')}
            </Button>
            <Button color="red" onClick={() => mergeMutation.mutate(chosen)} loading={mergeMutation.isPending} data-testid="person-merge-confirm">
              {t('person.mergeAction')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('person.mergeHelp', { name: person.fullName })}
          </Text>
          <SearchInput label={t('participants.searchPeople')} value={q} onChange={setQ} testId="person-merge-search" />
          {suggestions.isPending ? <PageLoader /> : null}
          <Stack gap="xs">
            {rows.map((row) => (
              <Card key={row.person.id} withBorder padding="xs">
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={600}>{row.person.fullName}</Text>
                    <Text size="xs" c="dimmed">
                      {[organizationLabel(row.person.organization), row.person.designation, row.person.email].filter(Boolean).join(t('common.listSeparator'))}
                    </Text>
                    {row.reasons.length > 0 ? (
                      <Group gap={4} mt={2}>
                        {row.reasons.map((r) => (
                          <Badge key={r} size="xs" variant="light" color="yellow">
                            {r}
                          </Badge>
                        ))}
                      </Group>
                    ) : null}
                  </Stack>
                  <Button
                    size="xs"
                    style={{ flexShrink: 0 }}
                    variant="light"
                    onClick={() => setChosen(row.person)}
                    data-testid={`person-merge-pick-${row.person.id}`}
                  >
                    {t('person.mergePick')}
                  </Button>
                </Group>
              </Card>
            ))}
            {!suggestions.isPending && rows.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('person.noDuplicates')}
              </Text>
            ) : null}
          </Stack>
        </Stack>
      )}
    </AppModal>
  );
}
