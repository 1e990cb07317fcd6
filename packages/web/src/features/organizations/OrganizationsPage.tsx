import { Anchor, Button, Group, Select, SimpleGrid, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { organizationTypes } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterPanel, countActive } from '../../components/FilterPanel';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { SearchInput } from '../../components/SearchInput';
import { useMe } from '../auth/session';
import { useCountryOptions } from '../../lib/countries';
import { useFormat } from '../../lib/format';
import { enumOptions } from '../../lib/options';
import { can } from '../../lib/permissions';
import { useOrganizationList } from './organizations.queries';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { OrganizationForm } from './OrganizationForm';

const FILTERS = ['q', 'type', 'countryCode'] as const;

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const countries = useCountryOptions();
  const { values, set, clear } = useUrlFilters(FILTERS);
  const list = useOrganizationList(values);
  const [createOpen, create] = useDisclosure(false);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        actions={
          can.createOrganizations(me.data ?? null) ? (
            <Button onClick={create.open} data-testid="organization-create">
              {t('organizations.new')}
            </Button>
          ) : null
        }
      />
      <FilterPanel active={countActive(values)} testId="organizations-filters">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <SearchInput label={t('common.search')} value={values.q} onChange={(v) => set('q', v)} testId="organizations-filter-q" />
          <Select
            label={t('organization.type')}
            data={enumOptions(t, 'organizationType', organizationTypes)}
            value={values.type || null}
            onChange={(v) => set('type', v)}
            clearable
            data-testid="organizations-filter-type"
          />
          <Select
            label={t('organization.country')}
            data={countries}
            value={values.countryCode || null}
            onChange={(v) => set('countryCode', v)}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="organizations-filter-country"
          />
          <Group align="flex-end">
            <Button variant="subtle" onClick={clear} data-testid="organizations-filter-clear">
              {t('common.clearFilters')}
            </Button>
          </Group>
        </SimpleGrid>
      </FilterPanel>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('organizations.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover data-testid="organizations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('organization.name')}</Table.Th>
                <Table.Th>{t('organization.acronym')}</Table.Th>
                <Table.Th>{t('organization.type')}</Table.Th>
                <Table.Th>{t('organization.country')}</Table.Th>
                <Table.Th>{t('organization.province')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id} data-testid="organization-row" data-organization-id={o.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/organizations/${o.id}`} fw={600} data-testid={`organization-link-${o.id}`}>
                      {o.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{o.acronym ?? '—'}</Table.Td>
                  <Table.Td>{t(`organizationType.${o.type}`)}</Table.Td>
                  <Table.Td>{f.country(o.countryCode)}</Table.Td>
                  <Table.Td>{o.province ?? '—'}</Table.Td>
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
        testId="organizations-load-more"
      />
      <AppModal opened={createOpen} onClose={create.close} title={t('organizations.new')} size="lg" data-testid="organization-create-modal">
        <OrganizationForm
          onCancel={create.close}
          onSaved={(org) => {
            create.close();
            void navigate(`/organizations/${org.id}`);
          }}
        />
      </AppModal>
    </>
  );
}
