import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PAKISTAN_PROVINCES, eventStatuses, eventTypes, type EventType, type EventStatus } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterPanel, countActive } from '../../components/FilterPanel';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { SearchInput } from '../../components/SearchInput';
import { useMe } from '../auth/session';
import { useFormat } from '../../lib/format';
import { enumOptions, uniqueSorted } from '../../lib/options';
import { can } from '../../lib/permissions';
import { useEventList, useFacets } from './events.queries';
import { useProgrammeOptions } from '../programmes/programmes.queries';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { statusColor } from './eventUi';

const FILTERS = ['q', 'programmeId', 'type', 'status', 'province', 'from', 'to'] as const;

export default function EventsListPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const { values, set, clear } = useUrlFilters(FILTERS);
  const list = useEventList(values);
  const programmes = useProgrammeOptions();
  const facets = useFacets();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const events = list.data?.pages.flatMap((p) => p.items) ?? [];
  const provinces = uniqueSorted([...PAKISTAN_PROVINCES, ...(facets.data?.provinces ?? [])]);

  return (
    <>
      <PageHeader
        title={t('events.title')}
        actions={
          can.createEvent(me.data ?? null) ? (
            <Button component={Link} to="/events/new" data-testid="event-create">
              {t('events.new')}
            </Button>
          ) : null
        }
      />
      <FilterPanel active={countActive(values)} testId="events-filters">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <SearchInput label={t('common.search')} value={values.q} onChange={(v) => set('q', v)} testId="events-filter-q" />
          <Select
            label={t('event.programme')}
            data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={values.programmeId || null}
            onChange={(v) => set('programmeId', v)}
            clearable
            searchable
            data-testid="events-filter-programme"
          />
          <Select
            label={t('event.type')}
            data={enumOptions(t, 'eventType', eventTypes)}
            value={values.type || null}
            onChange={(v) => set('type', v)}
            clearable
            data-testid="events-filter-type"
          />
          <Select
            label={t('event.status')}
            data={enumOptions(t, 'eventStatus', eventStatuses)}
            value={values.status || null}
            onChange={(v) => set('status', v)}
            clearable
            data-testid="events-filter-status"
          />
          <Select
            label={t('event.province')}
            data={provinces}
            value={values.province || null}
            onChange={(v) => set('province', v)}
            clearable
            searchable
            data-testid="events-filter-province"
          />
          <TextInput
            label={t('common.from')}
            type="date"
            value={values.from}
            onChange={(e) => set('from', e.currentTarget.value)}
            data-testid="events-filter-from"
          />
          <TextInput
            label={t('common.to')}
            type="date"
            value={values.to}
            onChange={(e) => set('to', e.currentTarget.value)}
            data-testid="events-filter-to"
          />
          <Group align="flex-end">
            <Button variant="subtle" onClick={clear} data-testid="events-filter-clear">
              {t('common.clearFilters')}
            </Button>
          </Group>
        </SimpleGrid>
      </FilterPanel>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <PageLoader />
      ) : events.length === 0 ? (
        <Text c="dimmed" data-testid="events-empty">
          {t('events.none')}
        </Text>
      ) : phone ? (
        <Stack gap="xs" data-testid="events-cards">
          {events.map((event) => (
            <Card key={event.id} withBorder padding="sm" data-testid="event-row" data-event-id={event.id}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Anchor component={Link} to={`/events/${event.id}`} fw={600} dir="auto" data-testid={`event-link-${event.id}`}>
                  {event.title}
                </Anchor>
                <Badge variant="light" color={statusColor(event.status)} style={{ flexShrink: 0 }}>
                  {t(`eventStatus.${event.status}`)}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {t(`eventType.${event.type}`)} · {f.dateRange(event.startDate, event.endDate)}
              </Text>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{[event.city, event.province].filter(Boolean).join(t('common.listSeparator'))}</Text>
                <Text size="sm" c="dimmed">
                  {t('events.participantsN', { n: f.number(event.participantCount) })}
                </Text>
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="events-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('event.title')}</Table.Th>
                <Table.Th>{t('event.type')}</Table.Th>
                <Table.Th>{t('event.dates')}</Table.Th>
                <Table.Th>{t('event.place')}</Table.Th>
                <Table.Th>{t('event.status')}</Table.Th>
                <Table.Th ta="end">{t('event.participantCount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event) => (
                <Table.Tr key={event.id} data-testid="event-row" data-event-id={event.id}>
                  <Table.Td maw={320}>
                    <Anchor component={Link} to={`/events/${event.id}`} fw={600} dir="auto" data-testid={`event-link-${event.id}`}>
                      {event.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {event.programmeName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`eventType.${event.type satisfies EventType}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateRange(event.startDate, event.endDate)}</Table.Td>
                  <Table.Td>{[event.city, event.province].filter(Boolean).join(t('common.listSeparator'))}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={statusColor(event.status)}>
                      {t(`eventStatus.${event.status satisfies EventStatus}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="end" className="num">
                    {f.number(event.participantCount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
        testId="events-load-more"
      />
    </>
  );
}

