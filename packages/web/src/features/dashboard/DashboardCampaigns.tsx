import { useState } from 'react';
import { Anchor, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { sexBreakdownText } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTranslation } from '../../i18n';
import { currentLanguage, useFormat } from '../../lib/format';
import { useCampaignSummary } from '../campaigns/campaigns.queries';
import '../campaigns/strings';

/** The years the card offers: this one and the five before it. */
const YEARS = 6;

/**
 * A year's awareness campaigns in figures (this year unless another is picked): how many ran, what
 * their media outputs put out by kind, and their reach as two figures side by side (counted at
 * sessions, estimated audience), never one total.
 */
export default function DashboardCampaigns() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const summary = useCampaignSummary(year);
  const s = summary.data;
  return (
    <Card withBorder data-testid="dashboard-campaigns">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Title order={4}>{t('campaigns:title')}</Title>
          <NativeSelect
            size="xs"
            aria-label={t('campaigns:dashboard.year')}
            data={Array.from({ length: YEARS }, (_, i) => String(thisYear - i))}
            value={String(year)}
            onChange={(e) => setYear(Number(e.currentTarget.value))}
            data-testid="dashboard-campaigns-year"
          />
        </Group>
        <Anchor component={Link} to="/campaigns" size="sm" data-testid="dashboard-campaigns-link">
          {t('campaigns:dashboard.open')}
        </Anchor>
      </Group>
      <ErrorAlert error={summary.error} />
      {s && s.campaigns === 0 ? (
        <Text c="dimmed" data-testid="dashboard-campaigns-none">
          {t('campaigns:dashboard.none', { year: String(s.year) })}
        </Text>
      ) : null}
      {s && s.campaigns > 0 ? (
        <Stack gap="md">
          <Text size="sm">
            {t('campaigns:dashboard.campaigns')}:{' '}
            <Text span fw={700} className="num" data-testid="dashboard-campaigns-count">
              {f.number(s.campaigns)}
            </Text>
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <Stack gap={0} data-testid="dashboard-campaigns-counted">
              <Text size="sm" c="dimmed">
                {t('campaigns:dashboard.counted')}
              </Text>
              <Text fz={28} fw={700} lh={1.2} className="num">
                {f.number(s.reach.counted.total)}
              </Text>
              <Text size="sm">{sexBreakdownText(s.reach.counted, currentLanguage(i18n.language))}</Text>
            </Stack>
            <Stack gap={0} data-testid="dashboard-campaigns-estimated">
              <Text size="sm" c="dimmed">
                {t('campaigns:dashboard.estimated')}
              </Text>
              <Text fz={28} fw={700} lh={1.2} className="num">
                ~{f.number(s.reach.estimated.total)}
              </Text>
            </Stack>
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('campaigns:dashboard.apart')}
          </Text>
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('campaigns:dashboard.outputs')}
            </Text>
            {s.outputs.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('campaigns:dashboard.noOutputs', { year: String(s.year) })}
              </Text>
            ) : (
              <Table data-testid="dashboard-campaigns-outputs" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('campaigns:dashboard.kind')}</Table.Th>
                    <Table.Th ta="end">{t('campaigns:dashboard.quantity')}</Table.Th>
                    <Table.Th ta="end">{t('campaigns:dashboard.recorded')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.outputs.map((o) => (
                    <Table.Tr key={o.kind}>
                      <Table.Td>{t(`campaigns:outputKind.${o.kind}`)}</Table.Td>
                      <Table.Td ta="end" className="num">
                        {f.number(o.quantity)}
                      </Table.Td>
                      <Table.Td ta="end" className="num">
                        {f.number(o.outputs)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Stack>
      ) : null}
    </Card>
  );
}
