import { useState } from 'react';
import { Button, Group, MultiSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { type CreateProgrammeBody, type Programme } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryList } from '../../components/HistoryList';
import { ListPage, pagedListState, type Column } from '../../components/ListPage';
import { useMe } from '../auth/session';
import { api } from '../../lib/api';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { useCountryOptions } from '../../lib/countries';
import { useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { keys, useHistory } from '../../lib/queries';
import { useProgrammeList } from './programmes.queries';
import { DateField } from '../../components/DateField';

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
          <ProgrammeForm
            programme={editing.mode === 'edit' ? editing.programme : undefined}
            onDone={() => {
              notifications.show({ message: t('common.saved'), color: 'teal' });
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
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

type ProgrammeFormValues = { name: string; donor: string; startDate: string; endDate: string; countries: string[] };

function toProgrammeBody(v: ProgrammeFormValues): CreateProgrammeBody {
  return { name: v.name, donor: v.donor, startDate: v.startDate || null, endDate: v.endDate || null, countries: v.countries };
}

function ProgrammeForm({ programme, onDone, onCancel }: { programme?: Programme; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const countries = useCountryOptions();
  const form = useContractForm<ProgrammeFormValues, CreateProgrammeBody>({
    initialValues: {
      name: programme?.name ?? '',
      donor: programme?.donor ?? '',
      startDate: programme?.startDate?.slice(0, 10) ?? '',
      endDate: programme?.endDate?.slice(0, 10) ?? '',
      countries: programme?.countries ?? ['PK'],
    },
    schema: 'zCreateProgrammeBody',
    toBody: toProgrammeBody,
    t,
  });
  const save = useMutation({
    mutationFn: (body: CreateProgrammeBody) =>
      programme ? api.call('updateProgramme', { params: { id: programme.id }, body }) : api.call('createProgramme', { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.programmes });
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(toProgrammeBody(values)))} noValidate data-testid="programme-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="programme-form-error" /> : null}
        <TextInput label={t('programme.name')} required {...form.getInputProps('name')} data-testid="programme-form-name" />
        <TextInput label={t('programme.donor')} {...form.getInputProps('donor')} data-testid="programme-form-donor" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('programme.startDate')} {...form.getInputProps('startDate')} clearable testId="programme-form-startDate" />
          <DateField
            label={t('programme.endDate')}
            {...form.getInputProps('endDate')}
            minDate={form.values.startDate || undefined}
            clearable
            testId="programme-form-endDate"
          />
        </SimpleGrid>
        <MultiSelect
          label={t('programme.countries')}
          data={countries}
          {...form.getInputProps('countries')}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="programme-form-countries"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="programme-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="programme-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
