import { lazy, Suspense, useState } from 'react';
import { Button, Text } from '@mantine/core';
import type { NeedsAssessment } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../lib/format';
import { provinceLabel } from '../../lib/options';
import { can } from '../../lib/permissions';
import { useMe } from '../auth/session';
import { useNeedsAssessmentList } from './campaigns.queries';
import './strings';

// The form (its selects and calendar) is fetched when the dialog first opens.
const NeedsAssessmentForm = lazy(() => import('./NeedsAssessmentForm'));

export default function NeedsAssessmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const editable = can.writeCampaigns(me.data ?? null);
  const [q, setQ] = useState('');
  const list = useNeedsAssessmentList({ q });
  const [editing, setEditing] = useState<NeedsAssessment | 'new' | null>(null);
  const columns: Column<NeedsAssessment>[] = [
    {
      key: 'area',
      header: t('campaigns:needs.area'),
      fw: 600,
      cell: (a) => (
        <>
          <Text fw={600} size="sm" dir="auto">
            {a.area}
          </Text>
          <Text size="xs" c="dimmed">
            {[a.district, provinceLabel(t, a.province), f.country(a.countryCode)].filter(Boolean).join(t('common.listSeparator'))}
          </Text>
        </>
      ),
    },
    { key: 'date', header: t('campaigns:needs.assessedOn'), nowrap: true, cell: (a) => f.date(a.assessedOn) },
    { key: 'findings', header: t('campaigns:needs.findings'), maw: 420, cell: (a) => <span dir="auto">{a.findings}</span> },
    { key: 'campaigns', header: t('campaigns:needs.campaigns'), align: 'end', className: 'num', cell: (a) => f.number(a.campaignCount) },
    {
      key: 'actions',
      header: null,
      cell: (a) =>
        editable ? (
          <Button size="xs" variant="default" onClick={() => setEditing(a)} data-testid="needs-edit">
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];
  return (
    <ListPage
      testId="needs"
      title={t('campaigns:needs.title')}
      subtitle={t('campaigns:needs.subtitle')}
      actions={
        editable ? (
          <Button onClick={() => setEditing('new')} data-testid="needs-create">
            {t('campaigns:needs.new')}
          </Button>
        ) : null
      }
      search={{ value: q, onChange: setQ }}
      list={pagedListState(list)}
      columns={columns}
      rowKey={(a) => a.id}
      rowProps={() => ({ 'data-testid': 'needs-row' })}
      emptyText={t('campaigns:needs.none')}
      tableMinWidth={760}
      highlightOnHover={false}
    >
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('campaigns:needs.new') : t('campaigns:needs.editTitle')}
        size="lg"
      >
        {editing !== null ? (
          <Suspense fallback={<PageLoader />}>
            <NeedsAssessmentForm assessment={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
          </Suspense>
        ) : null}
      </AppModal>
    </ListPage>
  );
}
