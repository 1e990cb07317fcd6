import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PAKISTAN_PROVINCES, sexes } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterPanel, countActive } from '../../components/FilterPanel';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { SearchInput } from '../../components/SearchInput';
import { useMe } from '../auth/session';
import { enumOptions } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { can } from '../../lib/permissions';
import { useOrganizationOptions } from '../organizations/organizations.queries';
import { usePeopleList } from './people.queries';
import { useUrlFilters } from '../../lib/useUrlFilters';

const FILTERS = ['q', 'organizationId', 'sex', 'province'] as const;

export default function PeopleListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, set, clear } = useUrlFilters(FILTERS);
  const list = usePeopleList(values);
  const organizations = useOrganizationOptions();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const people = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('people.title')}
        actions={
          can.createPeople(me.data ?? null) ? (
            <Button component={Link} to="/people/new" data-testid="person-create">
              {t('people.new')}
            </Button>
          ) : null
        }
      />
      <FilterPanel active={countActive(values)} testId="people-filters">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <SearchInput label={t('common.search')} value={values.q} onChange={(v) => set('q', v)} testId="people-filter-q" />
          <Select
            label={t('person.organization')}
            data={(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: organizationLabel(o) }))}
            value={values.organizationId || null}
            onChange={(v) => set('organizationId', v)}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="people-filter-organization"
          />
          <Select
            label={t('person.sex')}
            data={enumOptions(t, 'sex', sexes)}
            value={values.sex || null}
            onChange={(v) => set('sex', v)}
            clearable
            data-testid="people-filter-sex"
          />
          <Select
            label={t('person.province')}
            data={[...PAKISTAN_PROVINCES]}
            value={values.province || null}
            onChange={(v) => set('province', v)}
            clearable
            data-testid="people-filter-province"
          />
          <Group align="flex-end">
            <Button variant="subtle" onClick={clear} data-testid="people-filter-clear">
              {t('common.clearFilters')}
            </Button>
          </Group>
        </SimpleGrid>
      </FilterPanel>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <PageLoader />
      ) : people.length === 0 ? (
        <Text c="dimmed" data-testid="people-empty">
          {t('people.none')}
        </Text>
      ) : phone ? (
        <Stack gap="xs" data-testid="people-cards">
          {people.map((p) => (
            <Card key={p.id} withBorder padding="sm" data-testid="person-row" data-person-id={p.id}>
              <Anchor component={Link} to={`/people/${p.id}`} fw={600} dir="auto" data-testid={`person-link-${p.id}`}>
                {p.fullName}
              </Anchor>
              <Text size="sm" c="dimmed">
                {[t(`sex.${p.sex}`), organizationLabel(p.organization), p.designation, p.province]
                  .filter(Boolean)
                  .join(t('common.listSeparator'))}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table striped highlightOnHover data-testid="people-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('person.fullName')}</Table.Th>
                <Table.Th>{t('person.sex')}</Table.Th>
                <Table.Th>{t('person.organization')}</Table.Th>
                <Table.Th>{t('person.designation')}</Table.Th>
                <Table.Th>{t('person.province')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.map((p) => (
                <Table.Tr key={p.id} data-testid="person-row" data-person-id={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${p.id}`} fw={600} dir="auto" data-testid={`person-link-${p.id}`}>
                      {p.fullName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`sex.${p.sex}`)}</Table.Td>
                  <Table.Td>{organizationLabel(p.organization) || '—'}</Table.Td>
                  <Table.Td>{p.designation ?? '—'}</Table.Td>
                  <Table.Td>{p.province ?? '—'}</Table.Td>
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
        testId="people-load-more"
      />
    </>
  );
}
