import { Anchor, Button, Select, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { PAKISTAN_PROVINCES, sexes, type Person } from '@hifazat/contract';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { countActive } from '../../components/FilterPanel';
import { useMe } from '../auth/session';
import { enumOptions, provinceLabel } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { can } from '../../lib/permissions';
import { useOrganizationOptions } from '../organizations/organizations.queries';
import { usePeopleList } from './people.queries';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { IsolatedList } from '../../components/IsolatedList';

const FILTERS = ['q', 'organizationId', 'sex', 'province'] as const;

export default function PeopleListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, set, clear } = useUrlFilters(FILTERS);
  const list = usePeopleList(values);
  const organizations = useOrganizationOptions();
  const link = (p: Person) => (
    <Anchor component={Link} to={`/people/${p.id}`} fw={600} dir="auto" data-testid={`person-link-${p.id}`}>
      {p.fullName}
    </Anchor>
  );
  const columns: Column<Person>[] = [
    { key: 'fullName', header: t('person.fullName'), cell: link },
    { key: 'sex', header: t('person.sex'), cell: (p) => t(`sex.${p.sex}`) },
    { key: 'organization', header: t('person.organization'), cell: (p) => organizationLabel(p.organization) || '—' },
    { key: 'designation', header: t('person.designation'), cell: (p) => p.designation ?? '—' },
    { key: 'province', header: t('person.province'), cell: (p) => p.province ?? '—' },
  ];

  return (
    <ListPage
      testId="people"
      title={t('people.title')}
      actions={
        can.createPeople(me.data ?? null) ? (
          <Button component={Link} to="/people/new" data-testid="person-create">
            {t('people.new')}
          </Button>
        ) : null
      }
      search={{ value: values.q, onChange: (v) => set('q', v) }}
      activeFilters={countActive(values)}
      onClearFilters={clear}
      filterCols={{ base: 1, xs: 2, md: 5 }}
      filters={
        <>
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
        </>
      }
      list={pagedListState(list)}
      columns={columns}
      rowKey={(p) => p.id}
      rowProps={(p) => ({ 'data-testid': 'person-row', 'data-person-id': p.id })}
      card={(p) => (
        <>
          {link(p)}
          <Text size="sm" c="dimmed">
            <IsolatedList items={[t(`sex.${p.sex}`), organizationLabel(p.organization), p.designation, provinceLabel(t, p.province)]} />
          </Text>
        </>
      )}
      emptyText={t('people.none')}
      tableMinWidth={700}
    />
  );
}
