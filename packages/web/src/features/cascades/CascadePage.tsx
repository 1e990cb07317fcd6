import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import type { Cascade, CascadeGeneration, SexCounts } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { WideTable } from '../../components/WideTable';
import { useFormat } from '../../lib/format';
import { organizationLabel } from '../../lib/organizations';
import { provinceLabel } from '../../lib/options';
import { useCascade } from './cascades.queries';
import { SexLine } from './SexLine';
import './strings';

const gain = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/**
 * A training of trainers' cascade (GET /api/cascades/{id}): the figures, people reached by
 * generation (bars), the tree of events down the generations, and each master trainer's activity.
 */
export default function CascadePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const cascade = useCascade(id);
  if (cascade.isPending) return <PageLoader />;
  if (cascade.error) return <ErrorAlert error={cascade.error} />;
  const c = cascade.data;
  return (
    <>
      <PageHeader
        title={t('cascades:page.of', { title: c.tot.title })}
        actions={
          <Button component={Link} to={`/events/${c.tot.id}`} variant="default" data-testid="cascade-open-tot">
            {t('cascades:page.openEvent')}
          </Button>
        }
      />
      <Stack gap="lg" data-testid="cascade-page">
        <Figures cascade={c} />
        <GenerationsTable cascade={c} />
        <Tree cascade={c} />
        <Trainers cascade={c} />
      </Stack>
    </>
  );
}

function Figures({ cascade }: { cascade: Cascade }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <Card withBorder padding="sm">
        <Text size="sm" c="dimmed">
          {t('cascades:page.reach')}
        </Text>
        <SexLine counts={cascade.reach} testId="cascade-reach" />
        <Text size="xs" c="dimmed">
          {t('cascades:page.reachHelp')}
        </Text>
      </Card>
      <Card withBorder padding="sm">
        <Text size="sm" c="dimmed">
          {t('cascades:page.masterTrainers')}
        </Text>
        <Text fw={700} size="lg" data-testid="cascade-master-trainers">
          {f.number(cascade.masterTrainers)}
        </Text>
      </Card>
      <Card withBorder padding="sm">
        <Text size="sm" c="dimmed">
          {t('cascades:page.multiplier')}
        </Text>
        <Text fw={700} size="lg" data-testid="cascade-multiplier">
          {cascade.multiplier === null ? '—' : `×${f.number(cascade.multiplier)}`}
        </Text>
        <Text size="xs" c="dimmed">
          {t('cascades:page.multiplierHelp')}
        </Text>
      </Card>
      <Card withBorder padding="sm">
        <Text size="sm" c="dimmed">
          {t('cascades:page.active')}
        </Text>
        <Text fw={700} size="lg" data-testid="cascade-active">
          {cascade.activeShare === null ? '—' : `${f.number(Math.round(cascade.activeShare * 100))}%`}
        </Text>
      </Card>
    </SimpleGrid>
  );
}

/** People reached by generation as bars (SVG), and the table of events, people and learning gain. */
function GenerationsTable({ cascade }: { cascade: Cascade }) {
  const { t } = useTranslation();
  const f = useFormat();
  const max = Math.max(1, ...cascade.generations.map((g) => g.people.total));
  const row = (key: string, label: string, events: number | null, people: SexCounts, g: number | null, testId?: string) => (
    <Table.Tr key={key} data-testid={testId}>
      <Table.Td>{label}</Table.Td>
      <Table.Td>{events === null ? '—' : f.number(events)}</Table.Td>
      <Table.Td>{f.number(people.total)}</Table.Td>
      <Table.Td>{f.number(people.female)}</Table.Td>
      <Table.Td>{f.number(people.male)}</Table.Td>
      <Table.Td>{gain(g)}</Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="xs" component="section">
      <Title order={3}>{t('cascades:page.generations')}</Title>
      {cascade.generations.length > 0 ? (
        <Stack gap={4} data-testid="cascade-bars" aria-hidden>
          {cascade.generations.map((g) => (
            <Group key={g.level} gap="xs" wrap="nowrap">
              <Text size="xs" w={90} style={{ flexShrink: 0 }}>
                {t('cascades:page.generation', { level: g.level })}
              </Text>
              {/* A bar as long as the generation's reach against the largest; it grows in the reading direction. */}
              <div style={{ flex: 1, minWidth: 0 }}>
                <div
                  style={{
                    width: `${Math.max(1, (g.people.total / max) * 100)}%`,
                    height: 14,
                    borderRadius: 3,
                    background: 'var(--mantine-color-teal-6)',
                  }}
                />
              </div>
              <Text size="xs" fw={600} w={48} style={{ flexShrink: 0 }}>
                {f.number(g.people.total)}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : null}
      <WideTable minWidth={520} testId="cascade-generations">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cascades:page.generationShort')}</Table.Th>
              <Table.Th>{t('cascades:page.events')}</Table.Th>
              <Table.Th>{t('cascades:page.people')}</Table.Th>
              <Table.Th>{t('cascades:page.women')}</Table.Th>
              <Table.Th>{t('cascades:page.men')}</Table.Th>
              <Table.Th>{t('cascades:page.gain')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row('tot', t('cascades:page.tot'), null, cascade.tot.graduates, cascade.tot.normalizedGain)}
            {cascade.generations.map((g) =>
              row(String(g.level), t('cascades:page.generation', { level: g.level }), g.events, g.people, g.normalizedGain, 'cascade-generation-row'),
            )}
            {row('reach', t('common.total'), null, cascade.reach, null, 'cascade-total-row')}
          </Table.Tbody>
        </Table>
      </WideTable>
      <Text size="xs" c="dimmed">
        {t('cascades:page.gainHelp')}
      </Text>
    </Stack>
  );
}

/** The events of each generation, indented by generation, each under the ToT its trainer graduated from. */
function Tree({ cascade }: { cascade: Cascade }) {
  const { t } = useTranslation();
  if (cascade.generations.length === 0) {
    return (
      <Text c="dimmed" data-testid="cascade-empty">
        {t('cascades:page.noGenerations')}
      </Text>
    );
  }
  const titles = new Map<string, string>([
    [cascade.tot.id, cascade.tot.title],
    ...cascade.generations.flatMap((g) => g.eventList.map((e) => [e.id, e.title] as const)),
  ]);
  return (
    <Stack gap="sm" component="section">
      <Title order={3}>{t('cascades:page.tree')}</Title>
      {cascade.generations.map((g) => (
        <Generation key={g.level} generation={g} titles={titles} />
      ))}
    </Stack>
  );
}

function Generation({ generation: g, titles }: { generation: CascadeGeneration; titles: Map<string, string> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const groups = (list: Array<{ key: string | null; people: SexCounts }>, label: (key: string | null) => string) =>
    list.map((x) => `${label(x.key)} ${f.number(x.people.total)}`).join(' · ');
  return (
    <Card withBorder padding="sm" style={{ marginInlineStart: `min(${(g.level - 1) * 16}px, 12%)` }} data-testid="cascade-generation" data-level={g.level}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Title order={4}>{t('cascades:page.generation', { level: g.level })}</Title>
          <SexLine counts={g.people} />
        </Group>
        {g.byOrganizationType.length > 0 ? (
          <Text size="xs" c="dimmed" className="card-value">
            {t('cascades:page.byOrganizationType')}: {groups(g.byOrganizationType, (k) => (k ? t(`organizationType.${k}`) : t('common.notRecorded')))}
          </Text>
        ) : null}
        {g.byProvince.length > 0 ? (
          <Text size="xs" c="dimmed" className="card-value">
            {t('cascades:page.byProvince')}: {groups(g.byProvince, (k) => provinceLabel(t, k) ?? t('common.notRecorded'))}
          </Text>
        ) : null}
        {g.eventList.map((e) => (
          <Group key={e.id} justify="space-between" gap="xs" wrap="wrap" data-testid="cascade-event">
            <Stack gap={0} style={{ flex: '1 1 200px', minWidth: 0 }}>
              <Anchor component={Link} to={`/events/${e.id}`} size="sm" className="card-value">
                {e.title}
              </Anchor>
              <Text size="xs" c="dimmed" className="card-value">
                {f.date(e.startDate)} · {e.city} · ↳ {titles.get(e.parentEventId) ?? ''}
              </Text>
            </Stack>
            <Group gap={4}>
              {e.type === 'training_of_trainers' ? (
                <Badge size="sm" variant="light">
                  {t('eventType.training_of_trainers')}
                </Badge>
              ) : null}
              <Badge size="sm" variant="outline">
                {t('cascades:page.peopleCount', { count: f.number(e.people) })}
              </Badge>
            </Group>
          </Group>
        ))}
        {g.hiddenEvents > 0 ? (
          <Text size="xs" c="dimmed">
            {t('cascades:page.hiddenEvents', { count: f.number(g.hiddenEvents) })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function Trainers({ cascade }: { cascade: Cascade }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (cascade.trainers.length === 0) return null;
  return (
    <Stack gap="xs" component="section">
      <Title order={3}>{t('cascades:page.trainers')}</Title>
      <WideTable minWidth={640} testId="cascade-trainers">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cascades:page.trainer')}</Table.Th>
              <Table.Th>{t('cascades:page.graduatedFrom')}</Table.Th>
              <Table.Th>{t('cascades:tab.certifiedOn')}</Table.Th>
              <Table.Th>{t('cascades:page.delivered')}</Table.Th>
              <Table.Th>{t('cascades:page.trained')}</Table.Th>
              <Table.Th>{t('cascades:page.lastActive')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cascade.trainers.map((tr, i) => (
              <Table.Tr key={`${tr.personId ?? 'hidden'}-${i}`} data-testid="cascade-trainer-row">
                <Table.Td>
                  <Text size="sm">{tr.hidden ? t('cascades:page.hidden') : tr.fullName}</Text>
                  {tr.organization ? (
                    <Text size="xs" c="dimmed">
                      {organizationLabel(tr.organization)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{tr.level === 0 ? t('cascades:page.tot') : t('cascades:page.generation', { level: tr.level })}</Table.Td>
                <Table.Td>{f.date(tr.certifiedOn)}</Table.Td>
                <Table.Td>{f.number(tr.eventsDelivered)}</Table.Td>
                <Table.Td>{f.number(tr.peopleTrained)}</Table.Td>
                <Table.Td>
                  {tr.lastActive ? f.date(tr.lastActive) : t('cascades:page.never')}{' '}
                  {tr.active ? (
                    <Badge size="xs" color="teal" variant="light">
                      ✓
                    </Badge>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    </Stack>
  );
}
