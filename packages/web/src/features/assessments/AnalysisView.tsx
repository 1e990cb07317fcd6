import { useMemo, type ReactNode } from 'react';
import { Alert, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from '../../i18n';
import type { AssessmentAnalysis, AssessmentItem, LocalText, PairedFigures, ScoreSummary } from '@hifazat/contract';
import { BarChart } from '../../components/BarChart';
import { WideTable } from '../../components/WideTable';
import { currentLanguage, useFormat } from '../../lib/format';
import { usePhone } from '../../lib/media';
import { SlopeChart, type PrePost } from './SlopeChart';
import './strings';

// The figures of a pre/post test analysis, drawn from the answer of `GET /api/events/{id}/assessment`
// (the event's Results tab) or of `GET /api/assessment` (the Learning page, events pooled).

/**
 * Numbers of the analysis in the reader's locale: a fixed count of decimals, signs on gains, small
 * p-values as "< 0.001". Each is a left-to-right isolate (U+2066 … U+2069), so that in Urdu text "+1.0",
 * "2.8 / 4" and "< 0.001" keep their order; `plainPercent` is for the charts' SVG text.
 */
export function useFigures() {
  const f = useFormat();
  return useMemo(() => {
    const fixed = (digits: number) => new Intl.NumberFormat(f.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const signed = (digits: number) =>
      new Intl.NumberFormat(f.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' });
    const dash = '—';
    const ltr = (text: string) => `\u2066${text}\u2069`;
    // Rounded first, so that a tiny negative value reads "0.00", not "-0.00".
    const round = (value: number, digits: number) => Number(value.toFixed(digits)) || 0;
    const plainPercent = (value: number) => `${fixed(0).format(value)}%`;
    return {
      ltr,
      count: (value: number | null) => (value === null ? dash : f.number(value)),
      dec: (value: number | null, digits = 1) => (value === null ? dash : ltr(fixed(digits).format(round(value, digits)))),
      signed: (value: number | null, digits = 1) => (value === null ? dash : ltr(signed(digits).format(round(value, digits)))),
      percent: (value: number | null) => (value === null ? dash : ltr(plainPercent(value))),
      plainPercent,
      // Below 0.001 the digits say nothing more (APA style reports p < .001).
      p: (value: number | null) => (value === null ? dash : ltr(value < 0.001 ? `< ${fixed(3).format(0.001)}` : fixed(3).format(value))),
    };
  }, [f]);
}
export type Figures = ReturnType<typeof useFigures>;

/** One figure with its one-sentence explanation. */
function Figure({ label, value, help, testId }: { label: string; value: ReactNode; help: string; testId: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Group justify="space-between" align="baseline" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text fw={700} size="lg" className="num" style={{ whiteSpace: 'nowrap' }} data-testid={`${testId}-value`}>
          {value}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {help}
      </Text>
    </Card>
  );
}

/**
 * Every figure of the analysis, each explained in a sentence; figures of sets under the minimum size
 * withheld (the server sends them as null). `pairs`: each paired person's scores for the slope chart,
 * when the reader may see them (one event's staff); `pooled`: the analysis is of several events.
 */
export function AssessmentFigures({
  analysis: a,
  questionTexts,
  pairs = [],
  pooled = false,
}: {
  analysis: AssessmentAnalysis;
  questionTexts: Map<string, LocalText>;
  pairs?: PrePost[];
  pooled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const fig = useFigures();
  const lang = currentLanguage(i18n.language);
  const pairedShown = a.paired.meanGain !== null;
  const min = a.minGroupSize;
  const unit = a.scale === 'percent' ? '%' : null;
  const score = (value: number | null) => (value === null ? '—' : unit ? fig.percent(value) : fig.ltr(`${fig.dec(value)} / ${fig.count(a.maxScore)}`));
  const gain = (p: PairedFigures) =>
    p.meanGain === null
      ? '—'
      : unit
        ? `${fig.signed(p.meanGain)} ${t('assessments:results.pp')}`
        : `${fig.signed(p.meanGain)} (${fig.signed(p.meanGainPercent)} ${t('assessments:results.pp')})`;

  return (
    <Stack data-testid="results">
      <Text size="sm" c="dimmed">
        {t(pooled ? 'assessments:results.introPooled' : 'assessments:results.intro', { min })}
      </Text>

      <section>
        <Title order={4} mb="xs">
          {t('assessments:results.whoTook')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="xs">
          {(
            [
              ['pre', a.pre.n],
              ['post', a.post.n],
              ['paired', a.paired.n],
              ['onlyPre', a.paired.onlyPre],
              ['onlyPost', a.paired.onlyPost],
            ] as const
          ).map(([key, n]) => (
            <Card key={key} withBorder padding="xs" data-testid={`results-n-${key}`} data-n={n}>
              <Text size="xl" fw={700} className="num">
                {fig.count(n)}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`assessments:results.n.${key}`)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={4}>
          {t(pooled ? 'assessments:results.pairedHelpPooled' : 'assessments:results.pairedHelp')}
        </Text>
      </section>

      {!pairedShown ? (
        <Alert color="yellow" data-testid="results-withheld" title={t('assessments:results.withheldTitle', { min })}>
          {t('assessments:results.withheldText', { min, n: a.paired.n })}
        </Alert>
      ) : null}

      <section>
        <Title order={4} mb="xs">
          {t('assessments:results.scores')}
        </Title>
        <WideTable minWidth={480}>
          <Table striped data-testid="results-scores">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="end">{t('assessments:results.people')}</Table.Th>
                <Table.Th ta="end">{t('assessments:results.mean')}</Table.Th>
                <Table.Th ta="end">{t('assessments:results.median')}</Table.Th>
                <Table.Th ta="end">{t('assessments:results.sd')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(['pre', 'post'] as const).map((kind) => {
                const s: ScoreSummary = a[kind];
                return (
                  <Table.Tr key={kind} data-testid={`results-scores-${kind}`}>
                    <Table.Td fw={600}>{t(`assessments:testKind.${kind}`)}</Table.Td>
                    <Table.Td ta="end" className="num">
                      {fig.count(s.n)}
                    </Table.Td>
                    <Table.Td ta="end" className="num" data-testid={`results-mean-${kind}`}>
                      {score(s.mean)}
                    </Table.Td>
                    <Table.Td ta="end" className="num">
                      {score(s.median)}
                    </Table.Td>
                    <Table.Td ta="end" className="num">
                      {s.sd === null ? '—' : fig.dec(s.sd)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </WideTable>
        <Text size="xs" c="dimmed" mt={4}>
          {t(
            pooled
              ? 'assessments:results.scoresHelpPooled'
              : a.scale === 'percent'
                ? 'assessments:results.scoresHelpPercent'
                : 'assessments:results.scoresHelp',
            { min },
          )}
        </Text>
      </section>

      <section>
        <Title order={4} mb="xs">
          {t('assessments:results.gain')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs">
          <Figure testId="results-mean-gain" label={t('assessments:results.meanGain')} value={gain(a.paired)} help={t('assessments:results.meanGainHelp')} />
          <Figure
            testId="results-g"
            label={t('assessments:results.normalizedGain')}
            value={
              a.paired.normalizedGain === null ? (
                '—'
              ) : (
                <Group gap={6} wrap="nowrap" component="span">
                  <span>{fig.dec(a.paired.normalizedGain, 2)}</span>
                  {a.paired.normalizedGainBand ? (
                    <Badge variant="light" color={{ low: 'orange', medium: 'yellow', high: 'teal' }[a.paired.normalizedGainBand]} data-testid="results-g-band">
                      {t(`assessments:results.band.${a.paired.normalizedGainBand}`)}
                    </Badge>
                  ) : null}
                </Group>
              )
            }
            help={t('assessments:results.normalizedGainHelp')}
          />
          <Figure
            testId="results-t"
            label={t('assessments:results.tTest')}
            value={a.paired.tTest.p === null ? '—' : fig.ltr(`p = ${fig.p(a.paired.tTest.p)}`)}
            help={
              a.paired.tTest.t === null
                ? t('assessments:results.tTestHelp')
                : `${t('assessments:results.tTestValues', { t: fig.dec(a.paired.tTest.t, 2), df: fig.count(a.paired.tTest.df) })} ${t('assessments:results.tTestHelp')}`
            }
          />
          <Figure
            testId="results-wilcoxon"
            label={t('assessments:results.wilcoxon')}
            value={a.paired.wilcoxon.p === null ? '—' : fig.ltr(`p = ${fig.p(a.paired.wilcoxon.p)}`)}
            help={`${a.paired.wilcoxon.method ? `${t(`assessments:results.wilcoxonMethod.${a.paired.wilcoxon.method}`)} ` : ''}${t('assessments:results.wilcoxonHelp')}`}
          />
          <Figure testId="results-dz" label={t('assessments:results.dz')} value={fig.dec(a.paired.effectSizeDz, 2)} help={t('assessments:results.dzHelp')} />
          <Figure
            testId="results-improved"
            label={t('assessments:results.improved')}
            value={a.paired.improved === null ? '—' : t('assessments:results.improvedOf', { n: fig.count(a.paired.improved), of: fig.count(a.paired.n) })}
            help={t('assessments:results.improvedHelp')}
          />
        </SimpleGrid>
      </section>

      {pairedShown && pairs.length > 0 ? (
        <section>
          <Title order={4} mb="xs">
            {t('assessments:results.slopeTitle')}
          </Title>
          <Card withBorder padding="sm">
            <SlopeChart
              people={pairs}
              preLabel={t('assessments:testKind.pre')}
              postLabel={t('assessments:testKind.post')}
              format={fig.plainPercent}
              testId="results-slope"
            />
            <Text size="xs" c="dimmed" mt="xs">
              {t('assessments:results.slopeHelp')}
            </Text>
          </Card>
        </section>
      ) : null}

      <ItemsSection items={a.items} alpha={a.cronbachAlpha} texts={questionTexts} lang={lang} fig={fig} min={min} pooled={pooled} />

      <section>
        <Title order={4} mb="xs">
          {t('assessments:results.bySex')}
        </Title>
        <GroupTable
          testId="results-by-sex"
          rows={a.bySex.map((g) => ({ key: g.group, label: t(`sex.${g.group}`), figures: g }))}
          score={score}
          gain={gain}
          fig={fig}
          min={min}
        />
      </section>
      <section>
        <Title order={4} mb="xs">
          {t('assessments:results.byOrganizationType')}
        </Title>
        <GroupTable
          testId="results-by-type"
          rows={a.byOrganizationType.map((g) => ({
            key: g.group ?? 'none',
            label: g.group ? t(`organizationType.${g.group}`, { defaultValue: g.group }) : t('assessments:results.noOrganization'),
            figures: g,
          }))}
          score={score}
          gain={gain}
          fig={fig}
          min={min}
        />
        <Text size="xs" c="dimmed" mt={4}>
          {t('assessments:results.groupsHelp', { min })}
        </Text>
      </section>
    </Stack>
  );
}

const FLAG_COLORS = { too_easy: 'yellow', too_hard: 'orange', negative_discrimination: 'red' } as const;

function ItemsSection({
  items,
  alpha,
  texts,
  lang,
  fig,
  min,
  pooled,
}: {
  items: AssessmentItem[];
  alpha: AssessmentAnalysis['cronbachAlpha'];
  texts: Map<string, LocalText>;
  lang: 'en' | 'ur';
  fig: Figures;
  min: number;
  pooled: boolean;
}) {
  const { t } = useTranslation();
  const phone = usePhone();
  const kinds = (['pre', 'post'] as const).filter((kind) => items.some((item) => item.testKind === kind));
  const textOf = (id: string) => {
    const text = texts.get(id);
    return text ? (lang === 'ur' && text.ur ? text.ur : text.en) : '';
  };
  return (
    <section>
      <Title order={4} mb="xs">
        {t('assessments:results.items')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('assessments:results.facilityHelp')} {t('assessments:results.discriminationHelp')}
      </Text>
      <Stack gap="sm">
        {kinds.map((kind) => {
          const own = items.filter((item) => item.testKind === kind);
          const shown = own.filter((item) => item.facility !== null);
          return (
            <Card key={kind} withBorder padding="sm" data-testid={`results-items-${kind}`}>
              <Group justify="space-between" mb="xs">
                <Text fw={600}>{t(`assessments:testKind.${kind}`)}</Text>
                <Text size="sm" data-testid={`results-alpha-${kind}`}>
                  {t('assessments:results.alpha')}: <b className="num">{fig.dec(alpha[kind], 2)}</b>
                </Text>
              </Group>
              {shown.length > 0 ? (
                <BarChart
                  data={shown.map((item) => ({ label: fig.count(own.indexOf(item) + 1), values: [(item.facility ?? 0) * 100] }))}
                  series={[{ label: t('assessments:results.facility'), color: 'var(--mantine-color-teal-6)' }]}
                  height={180}
                  format={fig.plainPercent}
                  maxBarWidth={36}
                  testId={`results-facility-${kind}`}
                />
              ) : (
                <Text size="sm" c="dimmed" data-testid={`results-items-withheld-${kind}`}>
                  {t('assessments:results.itemsWithheld', { min })}
                </Text>
              )}
              {phone ? (
                // On a phone each question is a short block: its text, then its figures and flags.
                <Stack gap="xs" mt="xs">
                  {own.map((item, i) => (
                    <div key={item.questionId} data-testid={`results-item-${kind}-${i + 1}`} data-flags={item.flags.join(' ')}>
                      <Text size="sm" dir="auto" lineClamp={2}>
                        {fig.ltr(`${fig.count(i + 1)}.`)} {textOf(item.questionId)}
                      </Text>
                      <Group gap={6} mt={2}>
                        <Text size="xs" c="dimmed" className="num">
                          {t('assessments:results.facility')}: {item.facility === null ? '—' : fig.percent(item.facility * 100)} ·{' '}
                          {t('assessments:results.discrimination')}: {fig.dec(item.discrimination, 2)}
                        </Text>
                        <ItemFlags item={item} />
                      </Group>
                    </div>
                  ))}
                </Stack>
              ) : (
                <Table verticalSpacing={4} mt="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={32}>#</Table.Th>
                      <Table.Th>{t('assessments:question.text')}</Table.Th>
                      <Table.Th ta="end">{t('assessments:results.facility')}</Table.Th>
                      <Table.Th ta="end">{t('assessments:results.discrimination')}</Table.Th>
                      <Table.Th>{t('assessments:results.flags')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {own.map((item, i) => (
                      <Table.Tr key={item.questionId} data-testid={`results-item-${kind}-${i + 1}`} data-flags={item.flags.join(' ')}>
                        <Table.Td className="num">{fig.count(i + 1)}</Table.Td>
                        <Table.Td maw={420}>
                          <Text size="sm" dir="auto" lineClamp={2}>
                            {textOf(item.questionId)}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="end" className="num">
                          {item.facility === null ? '—' : fig.percent(item.facility * 100)}
                        </Table.Td>
                        <Table.Td ta="end" className="num">
                          {fig.dec(item.discrimination, 2)}
                        </Table.Td>
                        <Table.Td>
                          <ItemFlags item={item} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          );
        })}
      </Stack>
      <Text size="xs" c="dimmed" mt={4}>
        {t('assessments:results.flagsHelp')} {t('assessments:results.alphaHelp')}
        {pooled ? ` ${t('assessments:results.alphaHelpPooled')}` : ''}
      </Text>
    </section>
  );
}

function ItemFlags({ item }: { item: AssessmentItem }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {item.flags.map((flag) => (
        <Badge key={flag} size="sm" variant="light" color={FLAG_COLORS[flag]}>
          {t(`assessments:results.flag.${flag}`)}
        </Badge>
      ))}
    </Group>
  );
}

type GroupRow = { key: string; label: string; figures: PairedFigures & { pre: ScoreSummary; post: ScoreSummary } };

/** Figures by group; a group under the minimum size shows its counts and, in words, that its figures are withheld. */
function GroupTable({
  rows,
  score,
  gain,
  fig,
  min,
  testId,
}: {
  rows: GroupRow[];
  score: (value: number | null) => string;
  gain: (p: PairedFigures) => string;
  fig: Figures;
  min: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const phone = usePhone();
  const withheld = (row: GroupRow) => row.figures.meanGain === null && row.figures.pre.mean === null && row.figures.post.mean === null;
  const withheldText = t('assessments:results.groupWithheld', { min });
  if (rows.length === 0) return <Text c="dimmed">{t('assessments:results.noGroups')}</Text>;
  if (phone) {
    return (
      <Stack gap="xs" data-testid={testId}>
        {rows.map((row) => (
          <Card key={row.key} withBorder padding="sm" data-testid={`${testId}-${row.key}`} data-withheld={withheld(row) ? 'true' : 'false'}>
            <Text fw={600}>{row.label}</Text>
            <Text size="sm" c="dimmed">
              {t('assessments:results.groupCounts', {
                pre: fig.count(row.figures.pre.n),
                post: fig.count(row.figures.post.n),
                paired: fig.count(row.figures.n),
              })}
            </Text>
            {withheld(row) ? (
              <Text size="sm" fs="italic">
                {withheldText}
              </Text>
            ) : (
              <Text size="sm">
                {t('assessments:results.groupFigures', {
                  pre: score(row.figures.pre.mean),
                  post: score(row.figures.post.mean),
                  gain: gain(row.figures),
                  g: fig.dec(row.figures.normalizedGain, 2),
                  p: fig.p(row.figures.tTest.p),
                })}
              </Text>
            )}
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <WideTable minWidth={860}>
      <Table striped data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="end">{t('assessments:testKind.pre')}</Table.Th>
            <Table.Th ta="end">{t('assessments:testKind.post')}</Table.Th>
            <Table.Th ta="end">{t('assessments:results.both')}</Table.Th>
            <Table.Th ta="end">{t('assessments:results.meanPre')}</Table.Th>
            <Table.Th ta="end">{t('assessments:results.meanPost')}</Table.Th>
            <Table.Th ta="end">{t('assessments:results.meanGain')}</Table.Th>
            <Table.Th ta="end">{t('assessments:results.normalizedGainShort')}</Table.Th>
            <Table.Th ta="end">{t('assessments:results.pShort')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-testid={`${testId}-${row.key}`} data-withheld={withheld(row) ? 'true' : 'false'}>
              <Table.Td fw={600}>{row.label}</Table.Td>
              <Table.Td ta="end" className="num">
                {fig.count(row.figures.pre.n)}
              </Table.Td>
              <Table.Td ta="end" className="num">
                {fig.count(row.figures.post.n)}
              </Table.Td>
              <Table.Td ta="end" className="num">
                {fig.count(row.figures.n)}
              </Table.Td>
              {withheld(row) ? (
                <Table.Td colSpan={5} c="dimmed" fs="italic">
                  {withheldText}
                </Table.Td>
              ) : (
                <>
                  <Table.Td ta="end" className="num">
                    {score(row.figures.pre.mean)}
                  </Table.Td>
                  <Table.Td ta="end" className="num">
                    {score(row.figures.post.mean)}
                  </Table.Td>
                  <Table.Td ta="end" className="num">
                    {gain(row.figures)}
                  </Table.Td>
                  <Table.Td ta="end" className="num">
                    {fig.dec(row.figures.normalizedGain, 2)}
                  </Table.Td>
                  <Table.Td ta="end" className="num">
                    {fig.p(row.figures.tTest.p)}
                  </Table.Td>
                </>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
