import { lazy, Suspense, useState } from 'react';
import { Anchor, Badge, Button, Group, NativeSelect, Stack, Switch, Table, Text, ActionIcon } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { participantRoles, type Event, type Participant } from '@hifazat/contract';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportMenu } from '../../components/ExportMenu';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { asEnum, enumOptions } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { useEventParticipants } from './events.queries';
import { useRemoveParticipant, useUpdateParticipant } from './participantMutations';
import { useQueuedChanges } from '../../lib/useOfflineQueue';
import { applyQueued } from './queuedOverlay';
import { NotSavedYet, OfflineConflicts } from './OfflineChanges';
import { usePhone } from '../../lib/media';
import { ParticipantCards } from './ParticipantCards';
import { WideTable } from '../../components/WideTable';

// The new-person form loads when its dialog first opens.
// Fetched when first opened: the add dialog (with its people search and person form) is not part of the tab's first load.
const AddParticipantModal = lazy(() => import('./AddParticipantModal'));

export function ParticipantsTab({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const participants = useEventParticipants(event.id);
  const update = useUpdateParticipant(event.id);
  const remove = useRemoveParticipant(event.id);
  const [adding, setAdding] = useState(false);
  // The dialog's code is fetched at the first "Add participant" and kept mounted after (it animates closed).
  const [addWanted, setAddWanted] = useState(false);
  const [removing, setRemoving] = useState<Participant | null>(null);
  const queued = useQueuedChanges({ eventId: event.id });
  // The server's list with this device's changes not saved yet applied (and marked).
  const overlaid = participants.data ? applyQueued(participants.data, queued) : undefined;
  const items = overlaid?.list.items ?? [];
  const phone = usePhone();

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm" data-testid="participants-count">
          {t('participants.count', { n: items.length })}
        </Text>
        <Group gap="xs">
          <ExportMenu
            href={(format, lang) => api.href('exportParticipants', { params: { id: event.id }, query: { format, lang } })}
            testId="participants-export"
          />
          {editable ? (
            <Button
              onClick={() => {
                setAddWanted(true);
                setAdding(true);
              }}
              data-testid="participant-add"
            >
              {t('participants.add')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <ErrorAlert error={participants.error ?? update.error} />
      <OfflineConflicts changes={queued} />
      {participants.isPending ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="participants-empty">
          {t('participants.none')}
        </Text>
      ) : phone ? (
        <ParticipantCards
          items={items}
          editable={editable}
          notSaved={overlaid?.pendingRows ?? new Set<string>()}
          onRole={(p, role) => update.mutate({ personId: p.personId ?? '', body: { role }, base: { role: p.role } })}
          onAttended={(p, attended) => update.mutate({ personId: p.personId ?? '', body: { attended }, base: { attended: p.attendedDirect } })}
          onRemove={setRemoving}
        />
      ) : (
        <WideTable minWidth={820}>
          <Table striped verticalSpacing="xs" data-testid="participants-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('person.fullName')}</Table.Th>
                <Table.Th>{t('person.sex')}</Table.Th>
                <Table.Th>{t('person.organization')}</Table.Th>
                <Table.Th>{t('participants.role')}</Table.Th>
                <Table.Th>{t('participants.attendedDirect')}</Table.Th>
                <Table.Th>{t('participants.attended')}</Table.Th>
                {editable ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p, index) => {
                const personId = p.personId;
                // Another country's participant: counted and shown, never named or linked, and left as it is.
                if (p.hidden || personId === null) return <HiddenParticipantRow key={`hidden-${index}`} participant={p} editable={editable} />;
                return (
                  <Table.Tr
                    key={personId}
                    data-testid="participant-row"
                    data-person-id={personId}
                    data-not-saved={overlaid?.pendingRows.has(personId) ? 'true' : undefined}
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/people/${personId}`} fw={600}>
                        {p.fullName}
                      </Anchor>
                      {overlaid?.pendingRows.has(personId) ? <NotSavedYet testId={`participant-not-saved-${personId}`} /> : null}
                      {p.designation ? (
                        <Text size="xs" c="dimmed">
                          {p.designation}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{t(`sex.${p.sex}`)}</Table.Td>
                    <Table.Td>{p.organization ? organizationLabel(p.organization) : '—'}</Table.Td>
                    <Table.Td miw={150}>
                      {editable ? (
                        <NativeSelect
                          size="xs"
                          data={enumOptions(t, 'participantRole', participantRoles)}
                          value={p.role}
                          aria-label={t('participants.role')}
                          onChange={(e) => {
                            const role = asEnum(participantRoles, e.currentTarget.value);
                            if (role && role !== p.role) update.mutate({ personId, body: { role }, base: { role: p.role } });
                          }}
                          data-testid={`participant-role-${personId}`}
                        />
                      ) : (
                        t(`participantRole.${p.role}`)
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={p.attendedDirect}
                        disabled={!editable}
                        aria-label={t('participants.attendedDirect')}
                        onChange={(e) => update.mutate({ personId, body: { attended: e.currentTarget.checked }, base: { attended: p.attendedDirect } })}
                        data-testid={`participant-attended-${personId}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={p.attended ? 'teal' : 'gray'} data-testid={`participant-status-${personId}`}>
                        {p.attended ? t('participants.yes') : t('participants.no')}
                      </Badge>
                    </Table.Td>
                    {editable ? (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          onClick={() => setRemoving(p)}
                          aria-label={t('participants.remove')}
                          title={t('participants.remove')}
                          data-testid={`participant-remove-${personId}`}
                        >
                          ×
                        </ActionIcon>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
      {editable && addWanted ? (
        <Suspense fallback={null}>
          <AddParticipantModal
            opened={adding}
            onClose={() => setAdding(false)}
            eventId={event.id}
            existing={new Set(items.flatMap((p) => (p.personId ? [p.personId] : [])))}
          />
        </Suspense>
      ) : null}
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('participants.removeTitle')}
        message={t('participants.removeText', { name: removing?.fullName ?? '' })}
        confirmLabel={t('participants.remove')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (removing?.personId) remove.mutate(removing.personId, { onSuccess: () => setRemoving(null) });
        }}
        testId="participant-remove-confirm"
      />
    </Stack>
  );
}

/** A participant registered in a country the user does not work in: sex, role and attendance only. */
function HiddenParticipantRow({ participant: p, editable }: { participant: Participant; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="participant-row" data-hidden="true">
      <Table.Td>
        <Text fs="italic" c="dimmed" data-testid="participant-hidden">
          {t('participants.hidden')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('participants.hiddenHelp')}
        </Text>
      </Table.Td>
      <Table.Td>{t(`sex.${p.sex}`)}</Table.Td>
      <Table.Td>—</Table.Td>
      <Table.Td>{t(`participantRole.${p.role}`)}</Table.Td>
      <Table.Td>
        <Switch checked={p.attendedDirect} disabled aria-label={t('participants.attendedDirect')} />
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={p.attended ? 'teal' : 'gray'}>
          {p.attended ? t('participants.yes') : t('participants.no')}
        </Badge>
      </Table.Td>
      {editable ? <Table.Td /> : null}
    </Table.Tr>
  );
}
