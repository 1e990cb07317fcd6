import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Service } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { Detail } from '../../components/Detail';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IsolatedList } from '../../components/IsolatedList';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { provinceLabel } from '../../lib/options';
import { agesText, CapacityText, digits, TypeBadge } from './ServiceBits';
import { serviceKeys, useService } from './services.queries';
import './strings';

/** Free beds and open slots, for the service's own providers and the directory's keepers. */
function CapacityForm({ service }: { service: Service }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [bedsFree, setBedsFree] = useState<number | string>(service.capacity.bedsFree ?? '');
  const [slotsOpen, setSlotsOpen] = useState<number | string>(service.capacity.slotsOpen ?? '');
  const numberOrNull = (v: number | string) => (v === '' ? null : Number(v));
  const save = useMutation({
    mutationFn: () =>
      api.call('updateServiceCapacity', { params: { id: service.id }, body: { bedsFree: numberOrNull(bedsFree), slotsOpen: numberOrNull(slotsOpen) } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(serviceKeys.one(service.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['services', 'list'] });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs">
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            inputMode="numeric"
            label={t('services:capacity.bedsFree')}

            value={bedsFree}
            onChange={(e) => setBedsFree(digits(e.currentTarget.value))}
            data-testid="capacity-beds-free"
          />
          <TextInput
            inputMode="numeric"
            label={t('services:capacity.slotsOpen')}
            value={slotsOpen}
            onChange={(e) => setSlotsOpen(digits(e.currentTarget.value))}
            data-testid="capacity-slots-open"
          />
        </SimpleGrid>
        {save.error ? <ErrorAlert error={save.error} /> : null}
        {save.isSuccess ? (
          <Text size="sm" c="teal" data-testid="capacity-saved">
            {t('services:capacity.saved')}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="capacity-save">
            {t('services:capacity.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ServiceView({ service }: { service: Service }) {
  const { t } = useTranslation();
  const f = useFormat();
  const e = service.eligibility;
  const c = service.capacity;
  const contact = service.referralContact;
  return (
    <Stack gap="md" maw={960} data-testid="service-page" data-service-id={service.id}>
      <Card withBorder padding="sm" data-testid="service-capacity-card">
        <Title order={3} size="h4" mb="xs">
          {t('services:capacity.title')}
        </Title>
        <CapacityText service={service} />
        <Text size="xs" c="dimmed" mb="sm">
          {c.updatedAt ? t('services:capacity.updated', { date: f.dateTime(c.updatedAt), name: c.updatedBy?.name ?? '—' }) : t('services:capacity.never')}
        </Text>
        {service.mayUpdateCapacity ? <CapacityForm service={service} /> : null}
      </Card>
      <Card withBorder padding="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Detail label={t('services:field.organization')}>{service.organization?.name ?? '—'}</Detail>
          <Detail label={t('services:field.province')}>
            <IsolatedList items={[provinceLabel(t, service.province) ?? t('services:list.nationwide'), service.district, service.countryCode]} />
          </Detail>
          <Detail label={t('services:field.status')}>{t(`services:status.${service.status}`)}</Detail>
          <Detail label={t('services:field.sexes')}>
            {e.sexes.length ? <IsolatedList items={e.sexes.map((s) => t(`sex.${s}`))} /> : t('services:field.allSexes')}
          </Detail>
          <Detail label={t('services:field.ages')}>{agesText(t, e)}</Detail>
          <Detail label={t('services:field.caseKinds')}>
            {e.caseKinds.length ? <IsolatedList items={e.caseKinds.map((k) => t(`services:caseKind.${k}`))} /> : t('services:field.bothKinds')}
          </Detail>
          <Detail label={t('services:field.nationalitiesShort')}>
            {e.nationalities.length ? e.nationalities.join(', ') : t('services:field.anyNationality')}
          </Detail>
          <Detail label={t('services:field.languages')}>
            {service.languages.length ? <IsolatedList items={service.languages.map((l) => t(`services:language.${l}`, { defaultValue: l }))} /> : '—'}
          </Detail>
          <Detail label={t('services:field.hours')}>
            {service.open24Hours
              ? t('services:field.open24')
              : service.openingHours.length
                ? service.openingHours
                    .map((h) => `${h.days.map((d) => t(`services:day.${d}`)).join(t('common.listSeparator'))} ${h.opensAt}–${h.closesAt}`)
                    .join('; ')
                : '—'}
          </Detail>
          {e.description ? <Detail label={t('services:field.eligibilityNote')}>{e.description}</Detail> : null}
        </SimpleGrid>
      </Card>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="sm" data-testid="service-contact">
          <Title order={3} size="h4" mb="xs">
            {t('services:field.contact')}
          </Title>
          <Stack gap={4}>
            <Text size="sm" dir="auto">
              {contact.name ?? '—'}
            </Text>
            {contact.phone ? (
              <Text size="sm" component="a" href={`tel:${contact.phone}`} dir="ltr">
                {contact.phone}
              </Text>
            ) : null}
            {contact.email ? (
              <Text size="sm" dir="ltr">
                {contact.email}
              </Text>
            ) : null}
          </Stack>
        </Card>
        <Card withBorder padding="sm" data-testid="service-address">
          <Group gap="xs" mb="xs">
            <Title order={3} size="h4">
              {t('services:field.address')}
            </Title>
            {service.addressConfidential ? (
              <Badge color="red" variant="outline">
                {t('services:detail.confidentialBadge')}
              </Badge>
            ) : null}
          </Group>
          {service.address ? (
            <Text size="sm" dir="auto" data-testid="service-address-text">
              <IsolatedList items={[service.address.address1, service.address.city, service.address.postalCode]} />
            </Text>
          ) : service.addressWithheld ? (
            <Alert color="gray" data-testid="service-address-withheld">
              {t('services:detail.withheld')}
            </Alert>
          ) : (
            <Text size="sm">—</Text>
          )}
        </Card>
      </SimpleGrid>
      {service.mayEdit ? (
        <Card withBorder padding="sm" data-testid="service-providers">
          <Title order={3} size="h4" mb="xs">
            {t('services:field.providers')}
          </Title>
          <Text size="sm">{service.providers.length ? <IsolatedList items={service.providers.map((p) => p.name)} /> : t('services:field.noProviders')}</Text>
        </Card>
      ) : null}
    </Stack>
  );
}

export default function ServicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useService(id);
  if (query.isPending) return <PageLoader />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const service = query.data;
  return (
    <>
      <PageHeader
        title={
          <Group gap="xs" wrap="wrap">
            <span dir="auto">{service.name}</span>
            <TypeBadge type={service.type} />
          </Group>
        }
        subtitle={service.description ?? undefined}
        actions={
          service.mayEdit ? (
            <Button component={Link} to={`/services/${service.id}/edit`} variant="default" data-testid="service-edit">
              {t('services:detail.edit')}
            </Button>
          ) : null
        }
      />
      <ServiceView service={service} />
    </>
  );
}
