import { useEffect } from 'react';
import { Autocomplete, Button, Card, Group, MultiSelect, Select, SimpleGrid, Stack, TagsInput, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import {
  PAKISTAN_PROVINCES,
  SUGGESTED_TOPICS,
  eventStatuses,
  eventTypes,
  type CreateEventBody,
  type Event,
  type EventStatus,
  type EventType,
} from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { useCountryOptions } from '../../lib/countries';
import { asEnum, enumOptions, uniqueSorted } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { keys } from '../../lib/queries';
import { useEvent, useFacets } from './events.queries';
import { useOrganizationOptions } from '../organizations/organizations.queries';
import { useProgrammeOptions } from '../programmes/programmes.queries';
import { useTrainers } from '../users/users.queries';
import { DateField } from '../../components/DateField';

type FormState = {
  programmeId: string;
  title: string;
  type: EventType;
  series: string;
  startDate: string;
  endDate: string;
  city: string;
  province: string;
  countryCode: string;
  venue: string;
  status: EventStatus;
  topics: string[];
  learningObjectives: string;
  organizerIds: string[];
  partnerIds: string[];
  trainerUserIds: string[];
};

const emptyForm: FormState = {
  programmeId: '',
  title: '',
  type: 'training',
  series: '',
  startDate: '',
  endDate: '',
  city: '',
  province: '',
  countryCode: 'PK',
  venue: '',
  status: 'planned',
  topics: [],
  learningObjectives: '',
  organizerIds: [],
  partnerIds: [],
  trainerUserIds: [],
};

function fromEvent(event: Event): FormState {
  return {
    programmeId: event.programmeId,
    title: event.title,
    type: event.type,
    series: event.series ?? '',
    startDate: event.startDate.slice(0, 10),
    endDate: event.endDate.slice(0, 10),
    city: event.city,
    province: event.province ?? '',
    countryCode: event.countryCode,
    venue: event.venue ?? '',
    status: event.status,
    topics: event.topics,
    learningObjectives: event.learningObjectives ?? '',
    organizerIds: event.organizers.map((o) => o.id),
    partnerIds: event.partners.map((o) => o.id),
    trainerUserIds: event.trainerUserIds,
  };
}

function toBody(form: FormState): CreateEventBody {
  return {
    programmeId: form.programmeId,
    title: form.title,
    type: form.type,
    series: form.series,
    startDate: form.startDate,
    endDate: form.endDate || form.startDate,
    city: form.city,
    province: form.province,
    countryCode: form.countryCode,
    venue: form.venue,
    status: form.status,
    topics: form.topics,
    learningObjectives: form.learningObjectives,
    organizerIds: form.organizerIds,
    partnerIds: form.partnerIds,
    trainerUserIds: form.trainerUserIds,
  };
}

export default function EventFormPage() {
  const { id } = useParams();
  if (id) return <EditEvent id={id} />;
  return <EventForm initial={emptyForm} />;
}

function EditEvent({ id }: { id: string }) {
  const event = useEvent(id);
  if (event.isPending) return <PageLoader />;
  if (event.error) return <ErrorAlert error={event.error} />;
  return <EventForm initial={fromEvent(event.data)} event={event.data} />;
}

function EventForm({ initial, event }: { initial: FormState; event?: Event }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useContractForm<FormState, CreateEventBody>({
    initialValues: initial,
    schema: 'zCreateEventBody',
    toBody,
    t,
    // The API fills an empty end date with the start date; this form asks for it.
    rules: (values) => (values.startDate && !values.endDate ? { endDate: t('validation.required') } : {}),
  });
  const programmes = useProgrammeOptions();
  const organizations = useOrganizationOptions();
  const trainers = useTrainers();
  const facets = useFacets();
  const countries = useCountryOptions();

  const programmeItems = programmes.data?.items;
  const { setFieldValue } = form;
  const programmeId = form.values.programmeId;
  useEffect(() => {
    // One programme: choose it for the user.
    if (!event && !programmeId && programmeItems?.length === 1 && programmeItems[0]) {
      setFieldValue('programmeId', programmeItems[0].id);
    }
  }, [event, programmeId, programmeItems, setFieldValue]);

  const save = useMutation({
    mutationFn: (body: CreateEventBody) => (event ? api.call('updateEvent', { params: { id: event.id }, body }) : api.call('createEvent', { body })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: keys.events });
      void queryClient.invalidateQueries({ queryKey: keys.dashboard });
      queryClient.setQueryData(keys.event(saved.id), saved);
      notifications.show({ message: t('event.saved'), color: 'teal' });
      void navigate(`/events/${saved.id}`);
    },
    onError: (error) => applyServerErrors(form, error),
  });

  const orgOptions = (organizations.data?.items ?? []).map((o) => ({ value: o.id, label: organizationLabel(o) }));
  // Keep already chosen organisations selectable even when they are not in the first page of options.
  for (const ref of [...(event?.organizers ?? []), ...(event?.partners ?? [])]) {
    if (!orgOptions.some((o) => o.value === ref.id)) orgOptions.push({ value: ref.id, label: organizationLabel(ref) });
  }
  const trainerOptions = (trainers.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  for (const id of form.values.trainerUserIds) {
    if (!trainerOptions.some((o) => o.value === id)) trainerOptions.push({ value: id, label: t('event.unknownTrainer') });
  }

  return (
    <>
      <PageHeader title={event ? t('event.editTitle') : t('event.newTitle')} subtitle={event?.title} />
      <form onSubmit={form.onSubmit((values) => save.mutate(toBody(values)))} noValidate data-testid="event-form">
        <Card withBorder>
          <Stack>
            {save.error ? <ErrorAlert error={save.error} testId="event-form-error" /> : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('event.programme')}
                required
                searchable
                data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                {...form.getInputProps('programmeId')}
                value={form.values.programmeId || null}
                onChange={(v) => form.setFieldValue('programmeId', v ?? '')}
                nothingFoundMessage={t('common.nothingFound')}
                data-testid="event-form-programme"
              />
              <TextInput label={t('event.title')} required {...form.getInputProps('title')} data-testid="event-form-title" />
              <Select
                label={t('event.type')}
                required
                data={enumOptions(t, 'eventType', eventTypes)}
                {...form.getInputProps('type')}
                onChange={(v) => {
                  const value = asEnum(eventTypes, v);
                  if (value) form.setFieldValue('type', value);
                }}
                allowDeselect={false}
                data-testid="event-form-type"
              />
              <Select
                label={t('event.status')}
                data={enumOptions(t, 'eventStatus', eventStatuses)}
                {...form.getInputProps('status')}
                onChange={(v) => {
                  const value = asEnum(eventStatuses, v);
                  if (value) form.setFieldValue('status', value);
                }}
                allowDeselect={false}
                data-testid="event-form-status"
              />
              <Autocomplete
                label={t('event.series')}
                description={t('event.seriesHelp')}
                data={facets.data?.series ?? []}
                {...form.getInputProps('series')}
                data-testid="event-form-series"
              />
              <TextInput label={t('event.venue')} {...form.getInputProps('venue')} data-testid="event-form-venue" />
              <DateField
                label={t('event.startDate')}
                required
                {...form.getInputProps('startDate')}
                onChange={(value) => {
                  const endDate = form.values.endDate;
                  form.setValues({ startDate: value, endDate: endDate && value && endDate >= value ? endDate : value });
                }}
                testId="event-form-startDate"
              />
              <DateField
                label={t('event.endDate')}
                required
                minDate={form.values.startDate || undefined}
                {...form.getInputProps('endDate')}
                testId="event-form-endDate"
              />
              <Autocomplete label={t('event.city')} required data={facets.data?.cities ?? []} {...form.getInputProps('city')} data-testid="event-form-city" />
              <Autocomplete
                label={t('event.province')}
                data={uniqueSorted([...PAKISTAN_PROVINCES, ...(facets.data?.provinces ?? [])])}
                {...form.getInputProps('province')}
                data-testid="event-form-province"
              />
              <Select
                label={t('event.country')}
                required
                searchable
                data={countries}
                {...form.getInputProps('countryCode')}
                onChange={(v) => form.setFieldValue('countryCode', v ?? 'PK')}
                allowDeselect={false}
                nothingFoundMessage={t('common.nothingFound')}
                data-testid="event-form-countryCode"
              />
            </SimpleGrid>
            <TagsInput
              label={t('event.topics')}
              description={t('event.topicsHelp')}
              data={uniqueSorted([...SUGGESTED_TOPICS, ...(facets.data?.topics ?? [])])}
              {...form.getInputProps('topics')}
              clearable
              data-testid="event-form-topics"
            />
            <Textarea
              label={t('event.learningObjectives')}
              autosize
              minRows={3}
              {...form.getInputProps('learningObjectives')}
              data-testid="event-form-learningObjectives"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect
                label={t('event.organizers')}
                data={orgOptions}
                {...form.getInputProps('organizerIds')}
                searchable
                clearable
                nothingFoundMessage={t('common.nothingFound')}
                data-testid="event-form-organizers"
              />
              <MultiSelect
                label={t('event.partners')}
                data={orgOptions}
                {...form.getInputProps('partnerIds')}
                searchable
                clearable
                nothingFoundMessage={t('common.nothingFound')}
                data-testid="event-form-partners"
              />
            </SimpleGrid>
            <MultiSelect
              label={t('event.trainers')}
              data={trainerOptions}
              {...form.getInputProps('trainerUserIds')}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="event-form-trainers"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void navigate(-1)} data-testid="event-form-cancel">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="event-form-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </form>
    </>
  );
}
