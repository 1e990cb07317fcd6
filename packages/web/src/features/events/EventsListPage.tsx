import { Anchor, Badge, Button, Group, Select, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { eventStatuses, type Event, type EventStatus, type EventType } from '@hifazat/contract';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { ExportMenu } from '../../components/ExportMenu';
import { api } from '../../lib/api';
import { urlQuery } from '../../lib/queries';
import { countActive } from '../../components/FilterPanel';
import { useMe } from '../auth/session';
import { useFormat } from '../../lib/format';
import { enumOptions, provinceLabel } from '../../lib/options';
import { can } from '../../lib/permissions';
import { useEventList } from './events.queries';
import { DateRangeFilter, EventTypeFilter, ProgrammeFilter, ProvinceFilter } from './EventFilterFields';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { statusColor } from './eventUi';
import { IsolatedList } from '../../components/IsolatedList';

const FILTERS = ['q', 'programmeId', 'type', 'status', 'province', 'from', 'to'] as const;

export default function EventsListPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const { values, set, clear } = useUrlFilters(FILTERS);
  const list = useEventList(values);
  const place = (event: Event) => <IsolatedList items={[event.city, provinceLabel(t, event.province)]} />;
  const link = (event: Event) => (
    <Anchor component={Link} to={`/events/${event.id}`} fw={600} dir="auto" data-testid={`event-link-${event.id}`}>
      {event.title}
    </Anchor>
  );

  const columns: Column<Event>[] = [
    {
      key: 'title',
      header: t('event.title'),
      maw: 320,
      cell: (event) => (
        <>
          {link(event)}
          <Text size="xs" c="dimmed">
            {event.programmeName}
          </Text>
        </>
      ),
    },
    { key: 'type', header: t('event.type'), cell: (event) => t(`eventType.${event.type satisfies EventType}`) },
    { key: 'dates', header: t('event.dates'), nowrap: true, cell: (event) => f.dateRange(event.startDate, event.endDate) },
    { key: 'place', header: t('event.place'), cell: place },
    {
      key: 'status',
      header: t('event.status'),
      cell: (event) => (
        <Badge variant="light" color={statusColor(event.status)}>
          {t(`eventStatus.${event.status satisfies EventStatus}`)}
        </Badge>
      ),
    },
    { key: 'participants', header: t('event.participantCount'), align: 'end', className: 'num', cell: (event) => f.number(event.participantCount) },
  ];

  return (
    <ListPage
      testId="events"
      title={t('events.title')}
      actions={
        <>
          {/* The file holds every event these filters match, in the screen's language. */}
          <ExportMenu
            href={(format, lang) => api.href('exportEvents', { query: { ...urlQuery('listEvents', values), format, lang } })}
            testId="events-export"
          />
          {can.createEvent(me.data ?? null) ? (
            <Button component={Link} to="/events/new" data-testid="event-create">
              {t('events.new')}
            </Button>
          ) : null}
        </>
      }
      search={{ value: values.q, onChange: (v) => set('q', v) }}
      activeFilters={countActive(values)}
      onClearFilters={clear}
      filters={
        <>
          <ProgrammeFilter value={values.programmeId} onChange={(v) => set('programmeId', v)} testId="events-filter-programme" />
          <EventTypeFilter value={values.type} onChange={(v) => set('type', v)} testId="events-filter-type" />
          <Select
            label={t('event.status')}
            data={enumOptions(t, 'eventStatus', eventStatuses)}
            value={values.status || null}
            onChange={(v) => set('status', v)}
            clearable
            data-testid="events-filter-status"
          />
          <ProvinceFilter value={values.province} onChange={(v) => set('province', v)} testId="events-filter-province" />
          <DateRangeFilter from={values.from} to={values.to} onChange={set} testIdPrefix="events-filter" />
        </>
      }
      list={pagedListState(list)}
      columns={columns}
      rowKey={(event) => event.id}
      rowProps={(event) => ({ 'data-testid': 'event-row', 'data-event-id': event.id })}
      card={(event) => (
        <>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            {link(event)}
            <Badge variant="light" color={statusColor(event.status)} style={{ flexShrink: 0 }}>
              {t(`eventStatus.${event.status}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t(`eventType.${event.type}`)} · {f.dateRange(event.startDate, event.endDate)}
          </Text>
          <Group justify="space-between" gap="xs">
            <Text size="sm">{place(event)}</Text>
            <Text size="sm" c="dimmed">
              {t('events.participantsN', { n: f.number(event.participantCount) })}
            </Text>
          </Group>
        </>
      )}
      emptyText={t('events.none')}
      tableMinWidth={760}
    />
  );
}
