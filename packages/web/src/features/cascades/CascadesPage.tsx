import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterPanel, countActive } from '../../components/FilterPanel';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../lib/format';
import { organizationLabel } from '../../lib/organizations';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { ProgrammeFilter } from '../events/EventFilterFields';
import { useCascades } from './cascades.queries';
import { SexLine } from './SexLine';
import './strings';

const FILTERS = ['programmeId'] as const;

/** Every training of trainers with master trainers: its cascade in figures, the reach of all, and who has trained nobody yet. */
export default function CascadesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { values, set, clear } = useUrlFilters(FILTERS);
  const cascades = useCascades(values.programmeId || undefined);
  const data = cascades.data;
  return (
    <>
      <PageHeader title={t('cascades:page.listTitle')} subtitle={t('cascades:page.listSubtitle')} />
      <FilterPanel active={countActive(values)} testId="cascades-filters" clear={{ onClick: clear, testId: 'cascades-filter-clear' }}>
        <ProgrammeFilter value={values.programmeId} onChange={(v) => set('programmeId', v)} testId="cascades-filter-programme" />
      </FilterPanel>
      <ErrorAlert error={cascades.error} />
      {cascades.isPending ? <PageLoader /> : null}
      {data ? (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Card withBorder padding="sm">
              <Text size="sm" c="dimmed">
                {t('cascades:page.allReach')}
              </Text>
              <SexLine counts={data.reach} testId="cascades-reach" />
            </Card>
            <Card withBorder padding="sm">
              <Text size="sm" c="dimmed">
                {t('cascades:page.masterTrainers')}
              </Text>
              <Text fw={700} size="lg" data-testid="cascades-master-trainers">
                {f.number(data.masterTrainers)}
              </Text>
            </Card>
          </SimpleGrid>
          {data.items.length === 0 ? (
            <Text c="dimmed" data-testid="cascades-none">
              {t('cascades:page.noCascades')}
            </Text>
          ) : (
            <Stack gap="xs" data-testid="cascades-list">
              {data.items.map((item) => (
                <Card key={item.id} withBorder padding="sm" data-testid="cascade-card">
                  <Stack gap={4}>
                    <Anchor component={Link} to={`/cascades/${item.id}`} fw={600} className="card-value">
                      {item.title}
                    </Anchor>
                    <Text size="sm" c="dimmed" className="card-value">
                      <bdi>{item.programmeName}</bdi> · <bdi>{f.date(item.startDate)}</bdi>
                    </Text>
                    <Group gap="lg">
                      <Text size="sm">
                        {t('cascades:page.graduates')}: {f.number(item.graduates)}
                      </Text>
                      <Text size="sm">
                        {t('cascades:page.generations')}: {f.number(item.generations)}
                      </Text>
                      <Text size="sm">
                        {t('cascades:page.events')}: {f.number(item.events)}
                      </Text>
                    </Group>
                    <SexLine counts={item.reach} />
                  </Stack>
                </Card>
              ))}
            </Stack>
          )}
          <Stack gap="xs" component="section">
            <Title order={3}>{t('cascades:page.idle')}</Title>
            {data.idle.length === 0 ? (
              <Text c="dimmed">{t('cascades:page.noIdle')}</Text>
            ) : (
              <Stack gap={4} data-testid="cascades-idle">
                {data.idle.map((p, i) => (
                  <Card key={`${p.personId ?? 'hidden'}-${i}`} withBorder padding="xs" data-testid="idle-row">
                    <Text size="sm" fw={600} className="card-value">
                      {p.hidden ? t('cascades:page.hidden') : p.fullName}
                      {p.organization ? ` · ${organizationLabel(p.organization)}` : ''}
                    </Text>
                    <Text size="sm" c="dimmed" className="card-value">
                      <Anchor component={Link} to={`/events/${p.totEventId}`} size="sm">
                        {p.totTitle}
                      </Anchor>{' '}
                      · {t('cascades:tab.certifiedOn')}: {f.date(p.certifiedOn)}
                    </Text>
                  </Card>
                ))}
              </Stack>
            )}
          </Stack>
        </Stack>
      ) : null}
    </>
  );
}
