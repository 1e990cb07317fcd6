import { lazy, Suspense, useState } from 'react';
import { Badge, Button, Card, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { participantRoles, type ParticipantRole, type Person } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { SearchInput } from '../../components/SearchInput';
import { IsolatedList } from '../../components/IsolatedList';
import { api } from '../../lib/api';
import { asEnum, enumOptions } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { useAddParticipant } from './participantMutations';

const PersonForm = lazy(() => import('../people/PersonForm').then((module) => ({ default: module.PersonForm })));

/** "Add participant": find a person (or create one) and add them to the event with a role. */
export default function AddParticipantModal({
  opened,
  onClose,
  eventId,
  existing,
}: {
  opened: boolean;
  onClose: () => void;
  eventId: string;
  existing: Set<string>;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [role, setRole] = useState<ParticipantRole>('participant');
  const [creating, setCreating] = useState(false);
  const add = useAddParticipant(eventId);
  const search = useQuery({
    queryKey: ['people', 'search', debounced],
    queryFn: () => api.call('listPeople', { query: { q: debounced, limit: 10 } }),
    enabled: opened && debounced.trim().length > 0,
  });

  const addPerson = (person: Person) => {
    add.mutate(
      { body: { personId: person.id, role }, person },
      {
        onSuccess: (outcome) => {
          notifications.show({
            message: outcome === 'queued' ? t('offline.queuedAdd', { name: person.fullName }) : t('participants.added', { name: person.fullName }),
            color: outcome === 'queued' ? 'orange' : 'teal',
          });
          setCreating(false);
        },
      },
    );
  };

  return (
    <AppModal
      opened={opened}
      onClose={() => {
        setCreating(false);
        onClose();
      }}
      title={t('participants.add')}
      size="lg"
      data-testid="participant-add-modal"
    >
      <Stack>
        <NativeSelect
          label={t('participants.role')}
          data={enumOptions(t, 'participantRole', participantRoles)}
          value={role}
          onChange={(e) => setRole(asEnum(participantRoles, e.currentTarget.value) ?? 'participant')}
          data-testid="participant-add-role"
        />
        <ErrorAlert error={add.error} />
        {creating ? (
          <Card withBorder>
            <Text fw={600} mb="sm">
              {t('participants.createPerson')}
            </Text>
            <Suspense fallback={<PageLoader />}>
              <PersonForm onSaved={addPerson} onUseExisting={addPerson} onCancel={() => setCreating(false)} submitLabel={t('participants.createAndAdd')} />
            </Suspense>
          </Card>
        ) : (
          <>
            <SearchInput label={t('participants.searchPeople')} value={q} onChange={setQ} testId="participant-search" />
            {search.isFetching ? <PageLoader /> : null}
            <Stack gap="xs" data-testid="participant-search-results">
              {search.data?.items.map((person) => (
                <Group key={person.id} justify="space-between" wrap="nowrap" gap="xs">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={600}>{person.fullName}</Text>
                    <Text size="xs" c="dimmed">
                      <IsolatedList items={[t(`sex.${person.sex}`), organizationLabel(person.organization), person.designation]} />
                    </Text>
                  </Stack>
                  {existing.has(person.id) ? (
                    <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                      {t('participants.alreadyAdded')}
                    </Badge>
                  ) : (
                    <Button
                      size="xs"
                      style={{ flexShrink: 0 }}
                      onClick={() => addPerson(person)}
                      loading={add.isPending && add.variables.body.personId === person.id}
                      data-testid={`participant-add-${person.id}`}
                    >
                      {t('participants.addThis')}
                    </Button>
                  )}
                </Group>
              ))}
              {search.data && search.data.items.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('common.nothingFound')}
                </Text>
              ) : null}
            </Stack>
            <Button variant="light" onClick={() => setCreating(true)} data-testid="participant-create-person">
              {t('participants.createPerson')}
            </Button>
          </>
        )}
      </Stack>
    </AppModal>
  );
}
