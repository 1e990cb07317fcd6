import { useState } from 'react';
import { ActionIcon, Alert, Button, Card, Group, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  careServiceTypes,
  exploitationTypes,
  forcedLabourIndustries,
  methodsOfControl,
  perpetratorRoles,
  recruitmentMethods,
  traffickingPlaceKinds,
  type CareFile,
  type CareFileBody,
  type CaseDetail,
} from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { DateField } from '../../components/DateField';
import { Detail } from '../../components/Detail';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IsolatedList } from '../../components/IsolatedList';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useCountryOptions } from '../../lib/countries';
import { useFormat } from '../../lib/format';
import { enumOptions } from '../../lib/options';
import { caseWorkKeys, useCareFile } from './caseWork.queries';
import './caseWorkStrings';

type Draft = Required<Omit<CareFileBody, 'supportPlan'>> & { supportPlan: string };

const draftOf = (care: CareFile): Draft => ({
  exploitationTypes: care.exploitationTypes,
  forcedLabourIndustries: care.forcedLabourIndustries,
  methodsOfControl: care.methodsOfControl,
  recruitmentMethods: care.recruitmentMethods,
  places: care.places.map((p) => ({ ...p, province: p.province ?? '' })),
  recruitedOn: care.recruitedOn,
  exploitationStartedOn: care.exploitationStartedOn,
  exploitationEndedOn: care.exploitationEndedOn,
  perpetrators: care.perpetrators,
  supportPlan: care.supportPlan ?? '',
  servicesReceived: care.servicesReceived,
});

function CareView({ care }: { care: CareFile }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = (prefix: string, values: string[]) => (values.length > 0 ? <IsolatedList items={values.map((v) => t(`caseWork:${prefix}.${v}`))} /> : '—');
  if (!care.updatedAt) {
    return (
      <Text size="sm" c="dimmed" data-testid="care-empty">
        {t('caseWork:care.empty')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="care-view">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Detail label={t('caseWork:care.exploitationTypes')}>{labels('exploitationType', care.exploitationTypes)}</Detail>
        <Detail label={t('caseWork:care.forcedLabourIndustries')}>{labels('industry', care.forcedLabourIndustries)}</Detail>
        <Detail label={t('caseWork:care.methodsOfControl')}>{labels('control', care.methodsOfControl)}</Detail>
        <Detail label={t('caseWork:care.recruitmentMethods')}>{labels('recruitment', care.recruitmentMethods)}</Detail>
        <Detail label={t('caseWork:care.recruitedOn')}>{care.recruitedOn ? f.date(care.recruitedOn) : '—'}</Detail>
        <Detail label={t('caseWork:care.exploitationStartedOn')}>
          <IsolatedList
            items={[care.exploitationStartedOn ? f.date(care.exploitationStartedOn) : '—', care.exploitationEndedOn ? f.date(care.exploitationEndedOn) : null]}
          />
        </Detail>
        <Detail label={t('caseWork:care.places')}>
          {care.places.length > 0 ? (
            <Stack gap={0}>
              {care.places.map((p, i) => (
                <span key={i}>
                  <IsolatedList items={[t(`caseWork:placeKind.${p.kind}`), p.province, f.country(p.countryCode)]} />
                </span>
              ))}
            </Stack>
          ) : (
            '—'
          )}
        </Detail>
        <Detail label={t('caseWork:care.perpetrators')}>
          {care.perpetrators.length > 0 ? (
            <Stack gap={0} data-testid="care-perpetrators">
              {care.perpetrators.map((p, i) => (
                <span key={i}>
                  <IsolatedList items={[p.name, t(`caseWork:perpetratorRole.${p.role}`)]} />
                </span>
              ))}
            </Stack>
          ) : (
            '—'
          )}
        </Detail>
        <Detail label={t('caseWork:care.servicesReceived')}>{labels('service', care.servicesReceived)}</Detail>
      </SimpleGrid>
      {care.supportPlan ? (
        <Detail label={t('caseWork:care.supportPlan')}>
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {care.supportPlan}
          </Text>
        </Detail>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('caseWork:care.updated', { name: care.updatedBy?.name ?? '—', date: f.dateTime(care.updatedAt) })}
      </Text>
    </Stack>
  );
}

function CareForm({ caseId, care, onDone }: { caseId: string; care: CareFile; onDone: () => void }) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(care));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () =>
      api.call('putCareFile', {
        params: { id: caseId },
        body: { ...draft, supportPlan: draft.supportPlan, places: draft.places.map((p) => ({ ...p, province: p.province || null })) },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: caseWorkKeys.care(caseId) });
      onDone();
    },
  });
  const multi = (
    key: 'exploitationTypes' | 'forcedLabourIndustries' | 'methodsOfControl' | 'recruitmentMethods' | 'servicesReceived',
    prefix: string,
    values: readonly string[],
  ) => (
    <MultiSelect
      label={t(`caseWork:care.${key}`)}
      data={enumOptions(t, `caseWork:${prefix}`, values)}
      value={draft[key]}
      onChange={(v) => set(key, v as never)}
      searchable
      clearable
      data-testid={`care-${key}`}
    />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm" data-testid="care-form">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {multi('exploitationTypes', 'exploitationType', exploitationTypes)}
          {multi('forcedLabourIndustries', 'industry', forcedLabourIndustries)}
          {multi('methodsOfControl', 'control', methodsOfControl)}
          {multi('recruitmentMethods', 'recruitment', recruitmentMethods)}
          <DateField
            label={t('caseWork:care.recruitedOn')}
            value={draft.recruitedOn}
            onChange={(v) => set('recruitedOn', v || null)}
            clearable
            testId="care-recruitedOn"
          />
          <DateField
            label={t('caseWork:care.exploitationStartedOn')}
            value={draft.exploitationStartedOn}
            onChange={(v) => set('exploitationStartedOn', v || null)}
            clearable
            testId="care-exploitationStartedOn"
          />
          <DateField
            label={t('caseWork:care.exploitationEndedOn')}
            value={draft.exploitationEndedOn}
            onChange={(v) => set('exploitationEndedOn', v || null)}
            clearable
            testId="care-exploitationEndedOn"
          />
          {multi('servicesReceived', 'service', careServiceTypes)}
        </SimpleGrid>
        <Text size="sm" fw={600}>
          {t('caseWork:care.places')}
        </Text>
        {draft.places.map((p, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <Select
              label={t('caseWork:care.placeKind')}
              data={enumOptions(t, 'caseWork:placeKind', traffickingPlaceKinds)}
              value={p.kind}
              onChange={(v) =>
                set(
                  'places',
                  draft.places.map((q, j) => (j === i ? { ...q, kind: (v ?? 'Recruitment') as typeof q.kind } : q)),
                )
              }
              allowDeselect={false}
              w={150}
            />
            <Select
              label={t('caseWork:care.country')}
              data={countries}
              value={p.countryCode}
              onChange={(v) =>
                set(
                  'places',
                  draft.places.map((q, j) => (j === i ? { ...q, countryCode: v ?? 'PK' } : q)),
                )
              }
              searchable
              allowDeselect={false}
              w={170}
            />
            <TextInput
              label={t('caseWork:care.province')}
              value={p.province ?? ''}
              onChange={(e) => {
                const province = e.currentTarget.value;
                set(
                  'places',
                  draft.places.map((q, j) => (j === i ? { ...q, province } : q)),
                );
              }}
              w={150}
            />
            <Button
              variant="subtle"
              color="red"
              onClick={() =>
                set(
                  'places',
                  draft.places.filter((_, j) => j !== i),
                )
              }
            >
              {t('caseWork:care.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => set('places', [...draft.places, { kind: 'Recruitment', countryCode: 'PK', province: '' }])}
            data-testid="care-add-place"
          >
            {t('caseWork:care.addPlace')}
          </Button>
        </Group>
        <Text size="sm" fw={600}>
          {t('caseWork:care.perpetrators')}
        </Text>
        {draft.perpetrators.map((p, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('caseWork:care.perpetratorName')}
              value={p.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                set(
                  'perpetrators',
                  draft.perpetrators.map((q, j) => (j === i ? { ...q, name } : q)),
                );
              }}
              w={200}
              data-testid={`care-perpetrator-name-${i}`}
            />
            <Select
              label={t('caseWork:care.perpetratorRole')}
              data={enumOptions(t, 'caseWork:perpetratorRole', perpetratorRoles)}
              value={p.role}
              onChange={(v) =>
                set(
                  'perpetrators',
                  draft.perpetrators.map((q, j) => (j === i ? { ...q, role: (v ?? 'Exploiter') as typeof q.role } : q)),
                )
              }
              allowDeselect={false}
              w={170}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('caseWork:care.remove')}
              onClick={() =>
                set(
                  'perpetrators',
                  draft.perpetrators.filter((_, j) => j !== i),
                )
              }
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => set('perpetrators', [...draft.perpetrators, { name: '', role: 'RecruiterOrIntermediary' }])}
            data-testid="care-add-perpetrator"
          >
            {t('caseWork:care.addPerpetrator')}
          </Button>
        </Group>
        <Textarea
          label={t('caseWork:care.supportPlan')}
          value={draft.supportPlan}
          onChange={(e) => set('supportPlan', e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={10000}
          data-testid="care-supportPlan"
        />
        <ErrorAlert error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="care-save">
            {t('caseWork:care.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The care file tab: HTCDS's victim context, in the same scope as the case; written by the case's own agency. */
export function CareFileTab({ record, mayEdit }: { record: CaseDetail; mayEdit: boolean }) {
  const { t } = useTranslation();
  const care = useCareFile(record.id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (care.isPending) return <PageLoader />;
  if (care.isError) return <ErrorAlert error={care.error} />;
  return (
    <Card withBorder padding="sm" data-testid="case-care-file">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={3} size="h4">
          {t('caseWork:care.title')}
        </Title>
        {mayEdit && !editing ? (
          <Button variant="default" size="xs" onClick={() => setEditing(true)} data-testid="care-edit">
            {t('caseWork:care.edit')}
          </Button>
        ) : null}
      </Group>
      {saved ? (
        <Alert color="teal" variant="light" mb="sm" withCloseButton onClose={() => setSaved(false)} data-testid="care-saved">
          {t('caseWork:care.saved')}
        </Alert>
      ) : null}
      {editing ? (
        <CareForm
          caseId={record.id}
          care={care.data}
          onDone={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <CareView care={care.data} />
      )}
    </Card>
  );
}
