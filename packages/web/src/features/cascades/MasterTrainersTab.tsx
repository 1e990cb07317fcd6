import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Table, TagsInput, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { SUGGESTED_TOPICS, type CandidatePool, type Event, type MasterTrainer } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { ConfirmModal } from '../../components/ConfirmModal';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { WideTable } from '../../components/WideTable';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { organizationLabel } from '../../lib/organizations';
import { useEventParticipants } from '../events/events.queries';
import { cascadeKeys, useCandidatePool, useGraduates } from './cascades.queries';
import './strings';

type Editing = { personId: string; name: string; certifiedOn: string; specialisms: string[]; existing: boolean };

/**
 * A training of trainers' master trainers: whom it selected against the pool it could have selected
 * from (by sex and organisation type), its graduates, and graduating an attended participant.
 */
export default function MasterTrainersTab({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pool = useCandidatePool(event.id);
  const graduates = useGraduates(event.id);
  const participants = useEventParticipants(event.id);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<MasterTrainer | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: cascadeKeys.graduates(event.id) });
    void queryClient.invalidateQueries({ queryKey: cascadeKeys.pool(event.id) });
    void queryClient.invalidateQueries({ queryKey: cascadeKeys.all });
  };
  const save = useMutation({
    mutationFn: (value: Editing) =>
      value.existing
        ? api.call('updateEventGraduate', {
            params: { id: event.id, personId: value.personId },
            body: { certifiedOn: value.certifiedOn, specialisms: value.specialisms },
          })
        : api.call('addEventGraduate', {
            params: { id: event.id },
            body: { personId: value.personId, certifiedOn: value.certifiedOn, specialisms: value.specialisms },
          }),
    onSuccess: () => {
      refresh();
      setEditing(null);
    },
  });
  const remove = useMutation({
    mutationFn: (personId: string) => api.call('removeEventGraduate', { params: { id: event.id, personId } }),
    onSuccess: () => {
      refresh();
      setRemoving(null);
    },
  });

  const graduated = new Set((graduates.data?.items ?? []).map((g) => g.personId));
  const attended = (participants.data?.items ?? []).filter((p) => p.attended && p.role === 'participant' && !p.hidden && p.personId !== null);
  const open = (value: Editing) => {
    save.reset();
    setEditing(value);
  };

  return (
    <Stack data-testid="master-trainers-tab">
      <Card withBorder padding="sm">
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <Title order={4}>{t('cascades:tab.selection')}</Title>
            <Button component={Link} to={`/cascades/${event.id}`} variant="light" size="xs" data-testid="view-cascade">
              {t('cascades:tab.viewCascade')}
            </Button>
          </Group>
          {pool.isPending ? <PageLoader /> : pool.error ? <ErrorAlert error={pool.error} /> : <Selection pool={pool.data} />}
        </Stack>
      </Card>

      <Card withBorder padding="sm">
        <Stack gap="xs">
          <Title order={4}>{t('cascades:tab.graduates')}</Title>
          {graduates.isPending ? (
            <PageLoader />
          ) : graduates.error ? (
            <ErrorAlert error={graduates.error} />
          ) : graduates.data.items.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('cascades:tab.noGraduates')}
            </Text>
          ) : (
            graduates.data.items.map((g) => (
              <Group key={g.id} justify="space-between" align="flex-start" gap="xs" wrap="wrap" data-testid="graduate-row">
                <Stack gap={2} style={{ flex: '1 1 220px', minWidth: 0 }}>
                  <Text fw={600} className="card-value">
                    {g.hidden ? t('cascades:page.hidden') : g.fullName}
                  </Text>
                  <Text size="sm" c="dimmed" className="card-value">
                    {[g.organization ? organizationLabel(g.organization) : null, `${t('cascades:tab.certifiedOn')}: ${f.date(g.certifiedOn)}`]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                  {g.specialisms.length > 0 ? (
                    <Group gap={4}>
                      {g.specialisms.map((s) => (
                        <Badge key={s} variant="light" size="sm" style={{ textTransform: 'none' }}>
                          {s}
                        </Badge>
                      ))}
                    </Group>
                  ) : null}
                </Stack>
                {editable && !g.hidden && g.personId ? (
                  <Group gap="xs">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        open({ personId: g.personId ?? '', name: g.fullName ?? '', certifiedOn: g.certifiedOn, specialisms: g.specialisms, existing: true })
                      }
                      data-testid="graduate-edit"
                    >
                      {t('cascades:tab.edit')}
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(g)} data-testid="graduate-remove">
                      {t('cascades:tab.remove')}
                    </Button>
                  </Group>
                ) : null}
              </Group>
            ))
          )}
        </Stack>
      </Card>

      {editable ? (
        <Card withBorder padding="sm">
          <Stack gap="xs">
            <Title order={4}>{t('cascades:tab.attended')}</Title>
            {participants.isPending ? (
              <PageLoader />
            ) : attended.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('cascades:tab.nobodyAttended')}
              </Text>
            ) : (
              attended.map((p) => (
                <Group key={p.personId} justify="space-between" gap="xs" wrap="nowrap" data-testid="attended-row">
                  <Text size="sm" className="card-value" style={{ minWidth: 0 }}>
                    {p.fullName}
                  </Text>
                  {graduated.has(p.personId) ? (
                    <Badge variant="light" color="teal">
                      {t('cascades:tab.graduated')}
                    </Badge>
                  ) : (
                    <Button
                      size="xs"
                      onClick={() => open({ personId: p.personId ?? '', name: p.fullName ?? '', certifiedOn: event.endDate, specialisms: [], existing: false })}
                      data-testid="graduate-button"
                    >
                      {t('cascades:tab.graduate')}
                    </Button>
                  )}
                </Group>
              ))
            )}
          </Stack>
        </Card>
      ) : null}

      {editing ? (
        <AppModal opened onClose={() => setEditing(null)} title={t('cascades:tab.modalTitle', { name: editing.name })}>
          <Stack>
            <DateField
              label={t('cascades:tab.certifiedOn')}
              value={editing.certifiedOn}
              onChange={(value) => setEditing({ ...editing, certifiedOn: value })}
              required
              testId="graduate-certified-on"
            />
            <TagsInput
              label={t('cascades:tab.specialisms')}
              description={t('cascades:tab.specialismsHelp')}
              data={[...SUGGESTED_TOPICS]}
              value={editing.specialisms}
              onChange={(value) => setEditing({ ...editing, specialisms: value })}
              maxTags={20}
              data-testid="graduate-specialisms"
            />
            <ErrorAlert error={save.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => save.mutate(editing)} loading={save.isPending} disabled={!editing.certifiedOn} data-testid="graduate-save">
                {editing.existing ? t('common.save') : t('cascades:tab.graduate')}
              </Button>
            </Group>
          </Stack>
        </AppModal>
      ) : null}
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('cascades:tab.removeTitle')}
        message={t('cascades:tab.removeText', { name: removing?.fullName ?? '' })}
        confirmLabel={t('cascades:tab.remove')}
        onConfirm={() => removing?.personId && remove.mutate(removing.personId)}
        loading={remove.isPending}
        error={remove.error}
        danger
        testId="graduate-remove-confirm"
      />
    </Stack>
  );
}

/** "4 of 23 selected are women; the pool was 9 of 70", and the same by organisation type. */
function Selection({ pool }: { pool: CandidatePool }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text data-testid="selection-sentence">
        {pool.pool.total > 0
          ? t('cascades:tab.selected', { female: pool.candidates.female, total: pool.candidates.total, poolFemale: pool.pool.female, pool: pool.pool.total })
          : t('cascades:tab.selectedNoPool', { female: pool.candidates.female, total: pool.candidates.total })}
      </Text>
      <Text size="sm" data-testid="graduates-sentence">
        {t('cascades:tab.graduatedSentence', { total: pool.graduates.total, female: pool.graduates.female, male: pool.graduates.male })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('cascades:tab.poolHelp', { events: pool.poolEvents, fromPool: pool.candidatesFromPool })}
      </Text>
      {pool.byOrganizationType.length > 0 ? (
        <WideTable minWidth={360} testId="selection-by-type">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cascades:tab.organizationType')}</Table.Th>
                <Table.Th>{t('cascades:tab.candidates')}</Table.Th>
                <Table.Th>{t('cascades:tab.pool')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pool.byOrganizationType.map((row) => (
                <Table.Tr key={row.type ?? 'none'}>
                  <Table.Td>{row.type ? t(`organizationType.${row.type}`) : t('common.notRecorded')}</Table.Td>
                  <Table.Td>{t('cascades:tab.womenOf', { female: row.candidates.female, total: row.candidates.total })}</Table.Td>
                  <Table.Td>{t('cascades:tab.womenOf', { female: row.pool.female, total: row.pool.total })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      ) : null}
    </Stack>
  );
}
