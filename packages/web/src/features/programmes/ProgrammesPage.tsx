import { lazy, Suspense, useState } from 'react';
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { type Programme } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { HistoryList } from '../../components/HistoryList';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { useMe } from '../auth/session';
import { useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { keys, useHistory } from '../../lib/queries';
import { useProgrammeList } from './programmes.queries';
import { PageLoader } from '../../components/PageLoader';

// Fetched when the dialog first opens: the form's selects are not part of the list's first load.
const ProgrammeForm = lazy(() => import('./ProgrammeForm'));

type Editing = { mode: 'create' } | { mode: 'edit'; programme: Programme } | { mode: 'history'; programme: Programme } | null;

export default function ProgrammesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const editable = can.editProgrammes(me.data ?? null);
  const [q, setQ] = useState('');
  const list = useProgrammeList({ q });
  const [editing, setEditing] = useState<Editing>(null);
  const columns: Column<Programme>[] = [
    { key: 'name', header: t('programme.name'), fw: 600, cell: (p) => p.name },
    { key: 'donor', header: t('programme.donor'), cell: (p) => p.donor ?? '—' },
    {
      key: 'period',
      header: t('programme.period'),
      nowrap: true,
      cell: (p) => (p.startDate ? f.dateRange(p.startDate, p.endDate ?? p.startDate) : '—'),
    },
    { key: 'countries', header: t('programme.countries'), cell: (p) => p.countries.map((c) => f.country(c)).join(t('common.listSeparator')) || '—' },
    {
      key: 'actions',
      header: null,
      cell: (p) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {editable ? (
            <Button size="xs" variant="default" onClick={() => setEditing({ mode: 'edit', programme: p })} data-testid={`programme-edit-${p.id}`}>
              {t('common.edit')}
            </Button>
          ) : null}
          <Button size="xs" variant="light" component={Link} to={`/programmes/${p.id}/logframe`} data-testid={`programme-logframe-${p.id}`}>
            {t('programme.logframe')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setEditing({ mode: 'history', programme: p })} data-testid={`programme-history-${p.id}`}>
            {t('event.tabHistory')}
          </Button>
        </Group>
      ),
    },
  ];

  return (
    <ListPage
      testId="programmes"
      title={t('programmes.title')}
      actions={
        editable ? (
          <Button onClick={() => setEditing({ mode: 'create' })} data-testid="programme-create">
            {t('programmes.new')}
          </Button>
        ) : null
      }
      search={{ value: q, onChange: setQ }}
      filterCols={{ base: 1, sm: 3 }}
      list={pagedListState(list)}
      columns={columns}
      rowKey={(p) => p.id}
      rowProps={(p) => ({ 'data-testid': 'programme-row', 'data-programme-id': p.id })}
      emptyText={t('programmes.none')}
      tableMinWidth={720}
      highlightOnHover={false}
    >
      <AppModal
        opened={editing !== null && editing.mode !== 'history'}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? t('programme.editTitle') : t('programmes.new')}
        size="lg"
        data-testid="programme-modal"
      >
        {editing && editing.mode !== 'history' ? (
          <Suspense fallback={<PageLoader />}>
            <ProgrammeForm
              programme={editing.mode === 'edit' ? editing.programme : undefined}
              onDone={() => {
                notifications.show({ message: t('common.saved'), color: 'teal' });
                setEditing(null);
              }}
              onCancel={() => setEditing(null)}
            />
          </Suspense>
        ) : null}
      </AppModal>
      <AppModal
        opened={editing?.mode === 'history'}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'history' ? editing.programme.name : ''}
        size="lg"
      >
        {editing?.mode === 'history' ? <ProgrammeHistory id={editing.programme.id} /> : null}
      </AppModal>
    </ListPage>
  );
}

function ProgrammeHistory({ id }: { id: string }) {
  const history = useHistory(keys.programmeHistory(id), 'programmeHistory', id);
  return <HistoryList items={history.data?.items} isPending={history.isPending} error={history.error} />;
}
