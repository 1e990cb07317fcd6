import { lazy, Suspense, useState } from 'react';
import { Anchor, Button, Group, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { CampaignListItem } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { countActive } from '../../components/FilterPanel';
import { IsolatedList } from '../../components/IsolatedList';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../lib/format';
import { provinceLabel } from '../../lib/options';
import { can } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useMe } from '../auth/session';
import { DateRangeFilter, ProgrammeFilter, ProvinceFilter } from '../events/EventFilterFields';
import { useCampaignList } from './campaigns.queries';
import './strings';

// The form (and its selects) is fetched when the dialog first opens.
const CampaignForm = lazy(() => import('./CampaignForm'));

const FILTERS = ['q', 'programmeId', 'province', 'from', 'to'] as const;

export default function CampaignsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const { values, set, clear } = useUrlFilters(FILTERS);
  const list = useCampaignList(values);
  const [creating, setCreating] = useState(false);
  const place = (c: CampaignListItem) => <IsolatedList items={[c.district, provinceLabel(t, c.province), f.country(c.countryCode)]} />;
  const link = (c: CampaignListItem) => (
    <Anchor component={Link} to={`/campaigns/${c.id}`} fw={600} dir="auto" data-testid={`campaign-link-${c.id}`}>
      {c.title}
    </Anchor>
  );
  const parts = (c: CampaignListItem) =>
    `${t('campaigns:sessionsN', { n: f.number(c.sessionCount) })} · ${t('campaigns:outputsN', { n: f.number(c.outputCount) })}`;
  const columns: Column<CampaignListItem>[] = [
    {
      key: 'title',
      header: t('campaigns:campaignTitle'),
      maw: 320,
      cell: (c) => (
        <>
          {link(c)}
          <Text size="xs" c="dimmed">
            {c.programmeName}
          </Text>
        </>
      ),
    },
    { key: 'period', header: t('campaigns:period'), nowrap: true, cell: (c) => f.dateRange(c.startDate, c.endDate) },
    { key: 'place', header: t('campaigns:area'), cell: place },
    { key: 'parts', header: null, cell: parts },
  ];

  return (
    <ListPage
      testId="campaigns"
      title={t('campaigns:title')}
      subtitle={t('campaigns:subtitle')}
      actions={
        <>
          <Button variant="default" component={Link} to="/needs-assessments" data-testid="campaigns-needs">
            {t('campaigns:needs.open')}
          </Button>
          {can.writeCampaigns(me.data ?? null) ? (
            <Button onClick={() => setCreating(true)} data-testid="campaign-create">
              {t('campaigns:new')}
            </Button>
          ) : null}
        </>
      }
      search={{ value: values.q, onChange: (v) => set('q', v) }}
      activeFilters={countActive(values)}
      onClearFilters={clear}
      filters={
        <>
          <ProgrammeFilter value={values.programmeId} onChange={(v) => set('programmeId', v)} testId="campaigns-filter-programme" />
          <ProvinceFilter value={values.province} onChange={(v) => set('province', v)} testId="campaigns-filter-province" />
          <DateRangeFilter from={values.from} to={values.to} onChange={set} testIdPrefix="campaigns-filter" />
        </>
      }
      list={pagedListState(list)}
      columns={columns}
      rowKey={(c) => c.id}
      rowProps={(c) => ({ 'data-testid': 'campaign-row', 'data-campaign-id': c.id })}
      card={(c) => (
        <>
          {link(c)}
          <Text size="sm" c="dimmed">
            {f.dateRange(c.startDate, c.endDate)}
          </Text>
          <Group justify="space-between" gap="xs">
            <Text size="sm">{place(c)}</Text>
            <Text size="sm" c="dimmed">
              {parts(c)}
            </Text>
          </Group>
        </>
      )}
      emptyText={t('campaigns:none')}
      tableMinWidth={720}
    >
      <AppModal opened={creating} onClose={() => setCreating(false)} title={t('campaigns:new')} size="lg" data-testid="campaign-modal">
        {creating ? (
          <Suspense fallback={<PageLoader />}>
            <CampaignForm onDone={(id) => void navigate(`/campaigns/${id}`)} onCancel={() => setCreating(false)} />
          </Suspense>
        ) : null}
      </AppModal>
    </ListPage>
  );
}
