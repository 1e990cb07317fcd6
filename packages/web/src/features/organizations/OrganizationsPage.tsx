import { lazy, Suspense } from 'react';
import { Anchor, Button, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from '../../i18n';
import { organizationTypes, type Organization } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { countActive } from '../../components/FilterPanel';
import { PageLoader } from '../../components/PageLoader';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { useMe } from '../auth/session';
import { useCountryOptions } from '../../lib/countries';
import { useFormat } from '../../lib/format';
import { enumOptions, provinceLabel } from '../../lib/options';
import { can } from '../../lib/permissions';
import { useOrganizationList } from './organizations.queries';
import { useUrlFilters } from '../../lib/useUrlFilters';

// Fetched when the dialog first opens: the form's selects are not part of the page's first load.
const OrganizationForm = lazy(() => import('./OrganizationForm').then((module) => ({ default: module.OrganizationForm })));

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

  const columns: Column<Organization>[] = [
    {
      key: 'name',
      header: t('organization.name'),
      cell: (o) => (
        <Anchor component={Link} to={`/organizations/${o.id}`} fw={600} data-testid={`organization-link-${o.id}`}>
          {o.name}
        </Anchor>
      ),
    },
    { key: 'acronym', header: t('organization.acronym'), cell: (o) => o.acronym ?? '—' },
    { key: 'type', header: t('organization.type'), cell: (o) => t(`organizationType.${o.type}`) },
    { key: 'country', header: t('organization.country'), cell: (o) => f.country(o.countryCode) },
    { key: 'province', header: t('organization.province'), cell: (o) => provinceLabel(t, o.province) ?? '—' },
  ];

  return (
    <ListPage
      testId="organizations"
      title={t('organizations.title')}
      actions={
        can.createOrganizations(me.data ?? null) ? (
          <Button onClick={create.open} data-testid="organization-create">
            {t('organizations.new')}
          </Button>
        ) : null
      }
      search={{ value: values.q, onChange: (v) => set('q', v) }}
      activeFilters={countActive(values)}
      onClearFilters={clear}
      filters={
        <>
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
        </>
      }
      list={pagedListState(list)}
      columns={columns}
      rowKey={(o) => o.id}
      rowProps={(o) => ({ 'data-testid': 'organization-row', 'data-organization-id': o.id })}
      emptyText={t('organizations.none')}
      tableMinWidth={640}
    >
      <AppModal opened={createOpen} onClose={create.close} title={t('organizations.new')} size="lg" data-testid="organization-create-modal">
        <Suspense fallback={<PageLoader />}>
          <OrganizationForm
            onCancel={create.close}
            onSaved={(org) => {
              create.close();
              void navigate(`/organizations/${org.id}`);
            }}
          />
        </Suspense>
      </AppModal>
    </ListPage>
  );
}
