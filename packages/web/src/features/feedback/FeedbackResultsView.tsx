import { Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { FeedbackItemResult, FeedbackResults } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { BarChart } from '../../components/BarChart';
import { currentLanguage, useFormat } from '../../lib/format';
import './strings';

// The results of questionnaires, item by item: one event's (its Feedback tab) or several events' pooled
// (the Learning page). Groups under the minimum size come from the server withheld (null).

type Lang = 'en' | 'ur';
const textIn = (text: { en: string; ur: string | null }, lang: Lang) => (lang === 'ur' && text.ur ? text.ur : text.en);

/** The response count and every item's results. */
export function FeedbackResultItems({ results }: { results: Pick<FeedbackResults, 'responseCount' | 'minGroupSize' | 'items'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <Text size="sm" c="dimmed" data-testid="feedback-results-n" data-n={results.responseCount}>
        {t('feedback:tab.responses', { n: f.number(results.responseCount) })} · {t('feedback:results.withheldHelp', { min: f.number(results.minGroupSize) })}
      </Text>
      {results.items.map((item, index) => (
        <ItemResult key={item.itemId} item={item} index={index} minGroupSize={results.minGroupSize} />
      ))}
    </>
  );
}

function ItemResult({ item, index, minGroupSize }: { item: FeedbackItemResult; index: number; minGroupSize: number }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const f = useFormat();
  const n = index + 1;
  const mean = (value: number | null) => (value === null ? '—' : f.number(value));
  return (
    <Paper withBorder p="md" data-testid={`feedback-result-${n}`} data-n={item.n} data-mean={item.mean ?? ''}>
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {f.number(n)} · {t(`feedback:kind.${item.kind}`)} · {t('feedback:results.n', { n: f.number(item.n) })}
        </Text>
        <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
          {textIn(item.text, lang)}
        </Text>
        {item.kind === 'likert' && item.mean !== null ? (
          <Text fw={700} c="teal.8" data-testid={`feedback-result-${n}-mean`}>
            {t('feedback:results.mean', { mean: mean(item.mean) })}
          </Text>
        ) : null}
        {item.kind === 'text' ? (
          item.texts.length > 0 ? (
            <Stack gap={4} component="ul" m={0} ps="md" data-testid={`feedback-result-${n}-texts`}>
              {item.texts.map((text, i) => (
                <Text component="li" key={i} size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {text}
                </Text>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('feedback:results.noTexts')}
            </Text>
          )
        ) : (
          <>
            <BarChart
              data={item.distribution.map((d) => ({ label: item.kind === 'likert' ? f.number(Number(d.key)) : textIn(d.text, lang), values: [d.count] }))}
              series={[{ label: t('feedback:results.distribution'), color: 'var(--mantine-color-teal-6)' }]}
              height={150}
              format={(value) => f.number(value)}
              maxBarWidth={40}
              testId={`feedback-result-${n}-chart`}
            />
            {item.kind === 'likert' ? (
              <Text size="xs" c="dimmed">
                {/* Each entry isolated: a number, its words and its count keep their order in a right-to-left line. */}
                {item.distribution.map((d) => `\u2068${f.number(Number(d.key))}: ${textIn(d.text, lang)} (${f.number(d.count)})\u2069`).join(' · ')}
              </Text>
            ) : null}
            <Groups item={item} minGroupSize={minGroupSize} n={n} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** The item's figures by sex and by organisation type; a group under the minimum shows its count only. */
function Groups({ item, minGroupSize, n }: { item: FeedbackItemResult; minGroupSize: number; n: number }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const f = useFormat();
  const figures = (group: { distribution: FeedbackItemResult['distribution'] | null; mean: number | null }) => {
    if (group.distribution === null)
      return (
        <Text size="sm" c="dimmed" data-withheld="true">
          {t('feedback:results.withheld', { min: f.number(minGroupSize) })}
        </Text>
      );
    if (item.kind === 'likert') return <Text size="sm">{t('feedback:results.mean', { mean: group.mean === null ? '—' : f.number(group.mean) })}</Text>;
    return <Text size="sm">{group.distribution.map((d) => `${textIn(d.text, lang)}: ${f.number(d.count)}`).join(' · ')}</Text>;
  };
  const table = (title: string, rows: { key: string; label: string; n: number; group: Parameters<typeof figures>[0] }[], testId: string) =>
    rows.length > 0 ? (
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Table withTableBorder verticalSpacing={4} data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('feedback:results.group')}</Table.Th>
              <Table.Th>{t('feedback:results.responses')}</Table.Th>
              <Table.Th>{item.kind === 'likert' ? t('feedback:results.meanHeader') : t('feedback:results.distribution')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key} data-withheld={row.group.distribution === null ? 'true' : 'false'}>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td>{f.number(row.n)}</Table.Td>
                <Table.Td>{figures(row.group)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    ) : null;
  return (
    <Group align="flex-start" gap="md" grow preventGrowOverflow={false} wrap="wrap">
      {table(
        t('feedback:results.bySex'),
        item.bySex.map((g) => ({ key: g.group, label: t(`sex.${g.group}`), n: g.n, group: g })),
        `feedback-result-${n}-by-sex`,
      )}
      {table(
        t('feedback:results.byOrganizationType'),
        item.byOrganizationType.map((g) => ({
          key: g.group ?? '',
          label: g.group ? t(`organizationType.${g.group}`, { defaultValue: g.group }) : t('feedback:results.noOrganization'),
          n: g.n,
          group: g,
        })),
        `feedback-result-${n}-by-organization-type`,
      )}
    </Group>
  );
}
