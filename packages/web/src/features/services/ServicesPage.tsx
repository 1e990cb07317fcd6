import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { commonServiceLanguages, PAKISTAN_PROVINCES, serviceTypes, sexes, type Service } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ListPage, type Column } from '../../components/ListPage';
import { countActive } from '../../components/FilterPanel';
import { IsolatedList } from '../../components/IsolatedList';
import { NativeFilter } from '../../components/NativeFilter';
import { api } from '../../lib/api';
import { enumOptions, provinceLabel } from '../../lib/options';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useMe } from '../auth/session';
import { agesText, CapacityText, TypeBadge } from './ServiceBits';
import { serviceCan, useServiceList } from './services.queries';
import './strings';

const FILTERS = ['need', 'province', 'sex', 'age', 'language', 'mine'] as const;

/**
 * The service directory: find a service for a person by need, province, sex, age and language, each
 * with its live capacity. A provider sees the services it answers for (?mine=true from its home page).
 */
export default function ServicesPage() {
  const { t } = useTranslation();
  const user = useMe().data ?? null;
  const { values, set, clear } = useUrlFilters(FILTERS);
  const list = useServiceList(values);
  const keeper = serviceCan.keep(user);
  const mine = values.mine === 'true' || user?.role === 'service_provider';

  const name = (s: Service) => (
    <Group gap={6} wrap="wrap">
      <Anchor component={Link} to={`/services/${s.id}`} fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid={`service-link-${s.id}`}>
        {s.name}
      </Anchor>
      <TypeBadge type={s.type} />
    </Group>
  );
  const place = (s: Service) => [provinceLabel(t, s.province) ?? t('services:list.nationwide'), s.district];
  const columns: Column<Service>[] = [
    { key: 'name', header: t('services:field.name'), cell: name },
    { key: 'place', header: t('services:field.province'), cell: (s) => <IsolatedList items={place(s)} /> },
    { key: 'ages', header: t('services:field.ages'), cell: (s) => agesText(t, s.eligibility), nowrap: true },
    { key: 'capacity', header: t('services:capacity.title'), cell: (s) => <CapacityText service={s} /> },
  ];

  return (
    <ListPage
      testId="services"
      title={mine ? t('services:list.mineTitle') : t('services:list.title')}
      subtitle={mine ? t('services:list.mineSubtitle') : t('services:list.subtitle')}
      actions={
        keeper ? (
          <Group gap="xs">
            <Button component={Link} to="/services/new" data-testid="service-create">
              {t('services:list.new')}
            </Button>
            <Button component="a" variant="default" href={api.href('exportServices', { query: { format: 'hsds' } })} data-testid="services-export">
              {t('services:list.export')}
            </Button>
          </Group>
        ) : null
      }
      activeFilters={countActive({ need: values.need, province: values.province, sex: values.sex, age: values.age, language: values.language })}
      onClearFilters={clear}
      filterCols={{ base: 2, md: 5 }}
      filters={
        <>
          <NativeFilter
            label={t('services:filter.need')}
            data={enumOptions(t, 'services:type', serviceTypes)}
            value={values.need}
            onChange={(v) => set('need', v)}
            testId="services-filter-need"
          />
          <NativeFilter
            label={t('services:filter.province')}
            data={PAKISTAN_PROVINCES.map((p) => ({ value: p, label: provinceLabel(t, p) ?? p }))}
            value={values.province}
            onChange={(v) => set('province', v)}
            testId="services-filter-province"
          />
          <NativeFilter
            label={t('services:filter.sex')}
            data={enumOptions(t, 'sex', sexes)}
            value={values.sex}
            onChange={(v) => set('sex', v)}
            testId="services-filter-sex"
          />
          <TextInput
            label={t('services:filter.age')}
            inputMode="numeric"
            value={values.age}
            onChange={(e) => set('age', e.currentTarget.value.replace(/\D/g, '').slice(0, 3) || null)}
            data-testid="services-filter-age"
          />
          <NativeFilter
            label={t('services:filter.language')}
            data={enumOptions(t, 'services:language', commonServiceLanguages)}
            value={values.language}
            onChange={(v) => set('language', v)}
            testId="services-filter-language"
          />
        </>
      }
      list={{ items: list.data?.items ?? [], isPending: list.isPending, error: list.error }}
      columns={columns}
      rowKey={(s) => s.id}
      rowProps={(s) => ({ 'data-testid': 'service-row', 'data-service-id': s.id })}
      card={(s) => (
        <Stack gap={4}>
          {name(s)}
          <Text size="sm" c="dimmed">
            <IsolatedList items={[...place(s), agesText(t, s.eligibility)]} />
          </Text>
          <CapacityText service={s} />
        </Stack>
      )}
      emptyText={countActive(values) > 0 ? t('services:list.noMatch') : t('services:list.none')}
      tableMinWidth={720}
    />
  );
}
