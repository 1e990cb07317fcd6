import { Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { markOf } from '../../lib/offlineSync';
import { useQueuedChanges } from '../../lib/useOfflineQueue';
import { applyQueued, cellKey } from './queuedOverlay';
import { NotSavedYet, OfflineConflicts } from './OfflineChanges';
import { useTranslation } from '../../i18n';
import type { Event, Participant } from '@hifazat/contract';
import { WideTable } from '../../components/WideTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../lib/format';
import { useEventParticipants } from './events.queries';
import { useSetAttendance, useSetDayAttendance } from './participantMutations';

/** The day register: one row per participant, one column per day; a tick saves at once. */
export function AttendanceTab({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const participants = useEventParticipants(event.id);
  const setAttendance = useSetAttendance(event.id);
  const setDay = useSetDayAttendance(event.id);
  const queued = useQueuedChanges({ eventId: event.id });
  // What the person sees: the server's register with their changes not saved yet applied (and marked).
  const overlaid = participants.data ? applyQueued(participants.data, queued) : undefined;
  const data = overlaid?.list;

  if (participants.isPending) return <PageLoader />;
  if (participants.error) return <ErrorAlert error={participants.error} />;
  if (!data || !overlaid || data.items.length === 0) {
    return <Text c="dimmed">{t('participants.none')}</Text>;
  }
  const days = data.days;

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {editable ? t('attendance.help') : t('attendance.readOnly')}
      </Text>
      <ErrorAlert error={setAttendance.error ?? setDay.error} testId="attendance-error" />
      <OfflineConflicts changes={queued} />
      <WideTable minWidth={240 + days.length * (editable ? 112 : 72)} testId="attendance-scroll">
        <Table withColumnBorders striped data-testid="attendance-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th className="sticky-col" miw={140}>
                {t('person.fullName')}
              </Table.Th>
              {days.map((day) => (
                <Table.Th key={day} ta="center" miw={editable ? 112 : 72} data-testid={`attendance-day-${day}`}>
                  <Text size="xs" c="dimmed" component="div">
                    {f.weekday(day)}
                  </Text>
                  <Text size="sm" component="div" style={{ whiteSpace: 'nowrap' }}>
                    {f.shortDate(day)}
                  </Text>
                  {editable ? (
                    <Group gap={2} justify="center" wrap="nowrap" mt={4}>
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="teal"
                        disabled={setDay.isPending}
                        onClick={() => setDay.mutate({ date: day, present: true, base: baseOfDay(data.items, day) })}
                        aria-label={t('attendance.allPresentOn', { date: f.date(day) })}
                        data-testid={`attendance-all-present-${day}`}
                      >
                        {t('attendance.allPresent')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="gray"
                        disabled={setDay.isPending}
                        onClick={() => setDay.mutate({ date: day, present: false, base: baseOfDay(data.items, day) })}
                        aria-label={t('attendance.allAbsentOn', { date: f.date(day) })}
                        data-testid={`attendance-all-absent-${day}`}
                      >
                        {t('attendance.allAbsent')}
                      </Button>
                    </Group>
                  ) : null}
                </Table.Th>
              ))}
              <Table.Th ta="center">{t('attendance.days')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((p, index) => {
              const personId = p.personId;
              // Another country's participant: their days are shown, not changed, and they are not named.
              const name = personId === null ? t('participants.hidden') : (p.fullName ?? '');
              return (
                <Table.Tr key={personId ?? `hidden-${index}`} data-hidden={personId === null ? 'true' : undefined}>
                  <Table.Td className="sticky-col">
                    <Text size="sm" fw={500} fs={personId === null ? 'italic' : undefined} c={personId === null ? 'dimmed' : undefined}>
                      {name}
                    </Text>
                    {p.role !== 'participant' ? (
                      <Text size="xs" c="dimmed">
                        {t(`participantRole.${p.role}`)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  {days.map((day) => {
                    const present = p.presentDates.includes(day);
                    const notSaved = personId !== null && overlaid.pendingCells.has(cellKey(personId, day));
                    return (
                      <Table.Td key={day} ta="center" data-not-saved={notSaved ? 'true' : undefined}>
                        <Checkbox
                          checked={present}
                          disabled={!editable || personId === null}
                          onChange={(e) => {
                            if (personId) setAttendance.mutate({ personId, date: day, present: e.currentTarget.checked, basePresent: markOf(p, day) });
                          }}
                          aria-label={t('attendance.cellLabel', { name, date: f.date(day) })}
                          data-testid={personId ? `attendance-cell-${personId}-${day}` : undefined}
                          data-present={present ? 'true' : 'false'}
                          styles={{ body: { justifyContent: 'center' } }}
                        />
                        {notSaved ? <NotSavedYet testId={`attendance-not-saved-${personId}-${day}`} /> : null}
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="center" className="num">
                    {f.number(p.presentDates.length)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </WideTable>
    </Stack>
  );
}

/** Each named participant's mark of the day as shown: what an "all present" change is based on. */
function baseOfDay(items: Participant[], day: string): Array<{ personId: string; present: boolean | null }> {
  return items.flatMap((p) => (p.personId ? [{ personId: p.personId, present: markOf(p, day) }] : []));
}
