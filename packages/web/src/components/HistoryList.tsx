import { Fragment, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, List, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation, type Translate } from '../i18n';
import type { HistoryEntry, HistoryRef } from '@hifazat/contract';
import { useFormat, type Formatters } from '../lib/format';
import { ErrorAlert } from './ErrorAlert';
import { PageLoader } from './PageLoader';
import { WideTable } from './WideTable';

const ENUM_GROUPS: Record<string, string[]> = {
  role: ['participantRole', 'role'],
  type: ['eventType', 'organizationType'],
  status: ['eventStatus'],
  sex: ['sex'],
  action: ['historyAction'],
};

/** A changed value in words: enums translated, dates formatted, yes/no for booleans. */
export function describeValue(value: unknown, field: string, t: Translate, f: Formatters): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('participants.yes') : t('participants.no');
  // A year is not a quantity: "1990", never "1,990".
  if (typeof value === 'number') return field === 'birthYear' ? String(value) : f.number(value);
  if (typeof value === 'string') {
    if ((field === 'countryCode' || field === 'countries') && /^[A-Z]{2}$/.test(value)) return f.country(value);
    for (const group of ENUM_GROUPS[field] ?? []) {
      const label = t(`${group}.${value}`, { defaultValue: '' });
      if (label) return label;
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return f.date(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => describeValue(v, field, t, f)).join(t('common.listSeparator')) || '—';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    // A person, organisation or trainer of a country the reader does not work in: the server sends `{ hidden: true }`.
    if (record.hidden === true) parts.push(t('history.hidden'));
    const name = record.name ?? record.fullName ?? record.title;
    if (typeof name === 'string') parts.push(name);
    for (const [key, v] of Object.entries(record)) {
      if (key === 'name' || key === 'fullName' || key === 'title' || key === 'id' || key === 'hidden') continue;
      parts.push(`${t(`field.${key}`, { defaultValue: key })}: ${describeValue(v, key, t, f)}`);
    }
    return parts.join(t('common.listSeparator')) || '—';
  }
  return String(value);
}

/** "participant:<id>" → the label of "participant"; plain field names → their label. */
export function describeField(field: string, t: Translate): string {
  const base = field.includes(':') ? (field.split(':')[0] ?? field) : field;
  return t(`field.${base}`, { defaultValue: base });
}

const HIDDEN_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
/** What the server writes in a note in place of a record the reader may not see. */
const HIDDEN_IN_NOTE = '[hidden]';
/** Fields whose values are records ({ id, name … }) or ids of records. */
const REF_FIELDS = new Set(['organization', 'organizers', 'partners', 'organizationId', 'trainers', 'trainerUserIds', 'programmeId', 'personId', 'eventId']);
const LINKS: Partial<Record<HistoryRef['type'], string>> = { person: '/people', organization: '/organizations', event: '/events' };

type Refs = HistoryEntry['refs'];
const recordedName = (value: unknown): string | null => {
  if (typeof value !== 'object' || value === null) return null;
  const name = (value as Record<string, unknown>).name ?? (value as Record<string, unknown>).fullName;
  return typeof name === 'string' ? name : null;
};
const idOf = (value: unknown): string | null => {
  if (typeof value === 'string') return UUID.test(value) ? value : null;
  if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return null;
};

/**
 * A record an entry refers to: its name today, a link where it has a page; "deleted person" (after
 * the name the entry recorded, if any) when it is gone; "not shown" for another country's.
 */
export function RefName({ id, refs, recorded }: { id: string | null; refs: Refs; recorded?: string | null }) {
  const { t } = useTranslation();
  const ref = id ? refs[id] : undefined;
  if (!ref) {
    return (
      <Text span size="sm" c="dimmed" data-testid="history-ref-hidden">
        {id || !recorded ? t('history.hidden') : recorded}
      </Text>
    );
  }
  if (!ref.exists) {
    const gone = t(`history.deleted.${ref.type}`);
    return (
      <Text span size="sm" c="dimmed" data-testid="history-ref-deleted">
        {recorded ? (
          <>
            <bdi>{recorded}</bdi> ({gone})
          </>
        ) : (
          gone
        )}
      </Text>
    );
  }
  const to = LINKS[ref.type];
  const name = <bdi>{ref.name}</bdi>;
  return to ? (
    <Anchor component={Link} to={`${to}/${id}`} size="sm" data-testid="history-ref">
      {name}
    </Anchor>
  ) : (
    <Text span size="sm" data-testid="history-ref">
      {name}
    </Text>
  );
}

/** A value of a field that refers to records: each record named (and linked) through `refs`. */
function RefsValue({ value, refs }: { value: unknown; refs: Refs }) {
  const { t } = useTranslation();
  const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  if (items.length === 0) return <>—</>;
  return (
    <>
      {items.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? t('common.listSeparator') : null}
          {typeof item === 'object' && item !== null && (item as { hidden?: unknown }).hidden === true ? (
            <Text span size="sm" c="dimmed">
              {t('history.hidden')}
            </Text>
          ) : (
            <RefName id={idOf(item)} refs={refs} recorded={recordedName(item)} />
          )}
        </Fragment>
      ))}
    </>
  );
}

/** A note with the ids in it replaced by the records' names. */
function NoteText({ note, refs }: { note: string; refs: Refs }) {
  const { t } = useTranslation();
  const parts = note.split(new RegExp(`(${UUID.source}|${HIDDEN_IN_NOTE.replace(/[[\]]/g, '\\$&')})`));
  return (
    <Text size="sm" mb="xs" dir="auto" data-testid="history-note">
      {parts.map((part, i) =>
        part === HIDDEN_IN_NOTE ? (
          <Fragment key={i}>{t('history.hidden')}</Fragment>
        ) : UUID.test(part) ? (
          <bdi key={i}>
            <RefName id={part} refs={refs} />
          </bdi>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </Text>
  );
}

const participantId = (field: string) => (field.startsWith('participant:') ? field.slice('participant:'.length) : null);
const isAddition = ([field, change]: [string, { from: unknown; to: unknown }]) => participantId(field) !== null && change.from === null && change.to !== null;

/** "24 participants added", and the names on opening it: a batch (an import) is one entry. */
function AddedParticipants({ added, refs }: { added: Array<[string, { from: unknown; to: unknown }]>; refs: Refs }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={4} mb="xs" data-testid="history-batch">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} data-testid="history-batch-count">
          {t('history.participantsAdded', { count: added.length, n: f.number(added.length) })}
        </Text>
        <Button variant="subtle" size="compact-xs" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="history-batch-toggle">
          {open ? t('history.hideNames') : t('history.showNames')}
        </Button>
      </Group>
      {open ? (
        <List size="sm" spacing={2} data-testid="history-batch-names">
          {added.map(([field, change]) => {
            const id = participantId(field) ?? '';
            const role = (change.to as { role?: unknown }).role;
            return (
              <List.Item key={field}>
                {id.startsWith('hidden-') ? t('history.hidden') : <RefName id={id} refs={refs} recorded={recordedName(change.to)} />}
                {typeof role === 'string' ? (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {t(`participantRole.${role}`, { defaultValue: role })}
                  </Text>
                ) : null}
              </List.Item>
            );
          })}
        </List>
      ) : null}
    </Stack>
  );
}

/** The "from" or "to" of one change: records named through refs, a participant without their name (the row names them). */
function ChangeValue({ field, value, refs }: { field: string; value: unknown; refs: Refs }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (REF_FIELDS.has(field)) return <RefsValue value={value} refs={refs} />;
  if (participantId(field) !== null && typeof value === 'object' && value !== null) {
    const rest = Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'name'));
    return <>{describeValue(rest, field, t, f)}</>;
  }
  return <>{describeValue(value, field, t, f)}</>;
}

/** The field of one change; a participant's row is named after the participant. */
function FieldLabel({ field, change, refs }: { field: string; change: { from: unknown; to: unknown }; refs: Refs }) {
  const { t } = useTranslation();
  const id = participantId(field);
  if (id === null) return <>{describeField(field, t)}</>;
  return (
    <>
      {describeField(field, t)}:{' '}
      {id.startsWith('hidden-') ? (
        <Text span size="sm" c="dimmed">
          {t('history.hidden')}
        </Text>
      ) : (
        <RefName id={id} refs={refs} recorded={recordedName(change.to) ?? recordedName(change.from)} />
      )}
    </>
  );
}

function Author({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const name = entry.userHidden ? t('history.hiddenUser') : (entry.userName ?? t('history.system'));
  return (
    <Text size="sm" fw={600} data-testid="history-author">
      <bdi>{name}</bdi>
    </Text>
  );
}

/** Additions one after another by the same person within this time read as one batch. */
const BATCH_GAP_MS = 10 * 60 * 1000;
const onlyAdditions = (entry: HistoryEntry) =>
  entry.action === 'participants' && Object.keys(entry.changes).length > 0 && Object.entries(entry.changes).every(isAddition);

/**
 * People put on a list one by one (each addition its own request and entry), by the same person,
 * each within ten minutes of the last: one entry, as an import is. Entries are newest first; the
 * group keeps the newest entry's id and time. The audit entries themselves stay as they are.
 */
export function groupAdditions(items: HistoryEntry[]): HistoryEntry[] {
  const grouped: HistoryEntry[] = [];
  // The time of the oldest entry taken into the last group: the next (older) one must follow it closely.
  let oldest = '';
  for (const entry of items) {
    const last = grouped[grouped.length - 1];
    const follows =
      last !== undefined &&
      onlyAdditions(last) &&
      onlyAdditions(entry) &&
      last.userId === entry.userId &&
      last.userHidden === entry.userHidden &&
      Date.parse(oldest) - Date.parse(entry.at) <= BATCH_GAP_MS;
    if (follows) {
      grouped[grouped.length - 1] = { ...last, changes: { ...last.changes, ...entry.changes }, refs: { ...last.refs, ...entry.refs } };
    } else {
      grouped.push(entry);
    }
    oldest = entry.at;
  }
  return grouped;
}

/** Who changed what and when: field from → to, records by name. */
export function HistoryList({ items, isPending, error }: { items: HistoryEntry[] | undefined; isPending: boolean; error: unknown }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (isPending) return <PageLoader />;
  if (error) return <ErrorAlert error={error} />;
  if (!items || items.length === 0) {
    return (
      <Text c="dimmed" data-testid="history-empty">
        {t('history.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="history-list">
      {groupAdditions(items).map((entry) => {
        const refs = entry.refs ?? {};
        const all = Object.entries(entry.changes).filter(
          // Ids stay out of sight when the entry also names the record ("programmeId" next to "programmeName").
          ([field]) =>
            !HIDDEN_FIELDS.has(field) &&
            !(field.endsWith('Id') && `${field.slice(0, -2)}Name` in entry.changes) &&
            !(field === 'trainerUserIds' && 'trainers' in entry.changes),
        );
        const added = all.filter(isAddition);
        // Several people put on the list at once (an import): one line and a list of names, not a row each.
        const grouped = added.length > 1;
        const changes = grouped ? all.filter((c) => !isAddition(c) && c[0] !== 'participants') : all;
        return (
          <Card key={entry.id} withBorder padding="sm" data-testid="history-entry">
            <Group gap="xs" mb={changes.length > 0 || entry.note || grouped ? 'xs' : 0} wrap="wrap">
              <Badge variant="light">{t(`historyAction.${entry.action}`)}</Badge>
              <Author entry={entry} />
              <Text size="sm" c="dimmed">
                {f.dateTime(entry.at)}
              </Text>
            </Group>
            {entry.note ? <NoteText note={entry.note} refs={refs} /> : null}
            {grouped ? <AddedParticipants added={added} refs={refs} /> : null}
            {changes.length > 0 ? (
              <WideTable minWidth={0}>
                <Table withRowBorders={false} verticalSpacing={2} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('history.field')}</Table.Th>
                      <Table.Th>{t('history.from')}</Table.Th>
                      <Table.Th>{t('history.to')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {changes.map(([field, change]) => (
                      <Table.Tr key={field}>
                        <Table.Td>
                          <FieldLabel field={field} change={change} refs={refs} />
                        </Table.Td>
                        <Table.Td c="dimmed" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                          <ChangeValue field={field} value={change.from} refs={refs} />
                        </Table.Td>
                        <Table.Td dir="auto" style={{ overflowWrap: 'anywhere' }}>
                          <ChangeValue field={field} value={change.to} refs={refs} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </WideTable>
            ) : null}
          </Card>
        );
      })}
    </Stack>
  );
}
