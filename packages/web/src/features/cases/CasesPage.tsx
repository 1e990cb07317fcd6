import { Anchor, Badge, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { caseStatuses, type CaseListItem } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { countActive } from '../../components/FilterPanel';
import { IsolatedList } from '../../components/IsolatedList';
import { NativeFilter } from '../../components/NativeFilter';
import { useFormat } from '../../lib/format';
import { enumOptions, provinceLabel } from '../../lib/options';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useMe } from '../auth/session';
import { caseCan, useCaseList } from './cases.queries';
import { HtcdsExportMenu } from './HtcdsExportMenu';
import { ChildBadge, StatusBadge } from './CaseBadges';
import './strings';

const FILTERS = ['q', 'status', 'childrenOnly'] as const;

/**
 * The case files the reader may see (their agency's, in their area), newest first: search by name in
 * either script or by reference, filter by status and children. Names are matched by sound, so the
 * page says to read the candidates rather than trust the first.
 */
export default function CasesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const user = useMe().data ?? null;
  const { values, set, clear } = useUrlFilters(FILTERS);
  const list = useCaseList(values);
  const searching = values.q.trim() !== '';

  const name = (c: CaseListItem) => (
    <Group gap={6} wrap="wrap">
      <Anchor component={Link} to={`/cases/${c.id}`} fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid={`case-link-${c.id}`}>
        {c.fullName ?? t('cases:list.anonymised')}
      </Anchor>
      {c.child ? <ChildBadge /> : null}
      {c.access === 'break_glass' ? (
        <Badge color="red" variant="outline" style={{ flexShrink: 0 }} data-testid="case-break-glass">
          {t('cases:breakGlass.badge')}
        </Badge>
      ) : null}
    </Group>
  );
  const columns: Column<CaseListItem>[] = [
    { key: 'name', header: t('cases:field.fullName'), cell: name },
    { key: 'reference', header: t('cases:field.reference'), cell: (c) => <bdi>{c.reference}</bdi>, nowrap: true },
    { key: 'agency', header: t('cases:field.agency'), cell: (c) => (c.agency ? <bdi>{c.agency.name}</bdi> : '—') },
    { key: 'province', header: t('cases:field.province'), cell: (c) => provinceLabel(t, c.province) ?? '—' },
    { key: 'status', header: t('cases:field.status'), cell: (c) => <StatusBadge status={c.status} />, nowrap: true },
    { key: 'identifiedOn', header: t('cases:field.identifiedOn'), cell: (c) => f.date(c.identifiedOn), nowrap: true },
  ];

  return (
    <ListPage
      testId="cases"
      title={t('cases:list.title')}
      subtitle={t('cases:list.subtitle')}
      actions={
        caseCan.create(user) || caseCan.exchange(user) ? (
          <Group gap="xs" wrap="wrap">
            {caseCan.create(user) ? (
              <Button component={Link} to="/cases/new" data-testid="case-create">
                {t('cases:list.new')}
              </Button>
            ) : null}
            {caseCan.exchange(user) ? <HtcdsExportMenu filters={values} /> : null}
            {caseCan.create(user) ? (
              <Button component={Link} to="/cases/import" variant="default" data-testid="cases-htcds-import">
                {t('htcds:menu.import')}
              </Button>
            ) : null}
          </Group>
        ) : null
      }
      search={{ value: values.q, onChange: (v) => set('q', v) }}
      activeFilters={countActive({ status: values.status, childrenOnly: values.childrenOnly })}
      onClearFilters={clear}
      filterCols={{ base: 1, xs: 2, md: 4 }}
      filters={
        <>
          <NativeFilter
            label={t('cases:field.status')}
            data={enumOptions(t, 'cases:status', caseStatuses)}
            value={values.status}
            onChange={(v) => set('status', v)}
            testId="cases-filter-status"
          />
          <Stack justify="flex-end" pb={6}>
            <Checkbox
              label={t('cases:list.childrenOnly')}
              checked={values.childrenOnly === 'true'}
              onChange={(e) => set('childrenOnly', e.currentTarget.checked ? 'true' : null)}
              data-testid="cases-filter-children"
            />
          </Stack>
        </>
      }
      list={pagedListState(list)}
      columns={columns}
      rowKey={(c) => c.id}
      rowProps={(c) => ({ 'data-testid': 'case-row', 'data-case-id': c.id, 'data-child': String(c.child) })}
      card={(c) => (
        <Stack gap={4}>
          {name(c)}
          <Group gap={6} wrap="wrap">
            <StatusBadge status={c.status} />
            <Text size="sm" c="dimmed">
              <bdi>{c.reference}</bdi>
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            <IsolatedList items={[c.agency?.name, provinceLabel(t, c.province), t('cases:list.identified', { date: f.date(c.identifiedOn) })]} />
          </Text>
        </Stack>
      )}
      emptyText={searching ? t('cases:list.noMatch') : t('cases:list.none')}
      tableMinWidth={760}
    />
  );
}
