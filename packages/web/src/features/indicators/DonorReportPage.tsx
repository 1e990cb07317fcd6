import { useEffect, useState } from 'react';
import { Anchor, Button, Card, Group, List, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { DonorReport, LabelLanguage } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { WideTable } from '../../components/WideTable';
import { useTranslation } from '../../i18n';
import { directionOf } from '../../i18n';
import { api } from '../../lib/api';
import { currentLanguage, useFormat } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useMe } from '../auth/session';
import { indicatorKeys, useDonorReport } from './indicators.queries';
import { LockControls } from './LockControls';
import { currentQuarter, PERIOD, PeriodPicker } from './PeriodPicker';
import './strings';

const SEX_COLOURS = { female: '#b4427a', male: '#2f6fb0', other: '#c58b1c', unknown: '#9ca3af' } as const;

/** Target and actual per indicator, each on its own scale (units differ), drawn in reading order. */
function TargetChart({ report, rtl, format }: { report: DonorReport; rtl: boolean; format: (n: number) => string }) {
  const { t } = useTranslation();
  const rows = report.rows.filter((r) => r.target !== null || r.actual !== null);
  if (rows.length === 0) return null;
  const width = 340;
  const label = 56;
  const plot = width - label - 48;
  const rowH = 30;
  const x = (from: number, w: number) => (rtl ? width - from - w : from);
  return (
    <svg viewBox={`0 0 ${width} ${rows.length * rowH + 8}`} width="100%" role="img" aria-label={t('indicators:targetVsActual')} data-testid="chart-target">
      {rows.map((r, i) => {
        const max = Math.max(r.target ?? 0, r.actual ?? 0) || 1;
        const y = i * rowH + 4;
        const bars: Array<[number | null, string]> = [
          [r.target, '#9ca3af'],
          [r.actual, '#0b6e69'],
        ];
        return (
          <g key={r.indicatorId}>
            <text x={rtl ? width : 0} y={y + 14} fontSize={11} fontWeight={700} textAnchor="start" direction={rtl ? 'rtl' : 'ltr'}>
              {r.code}
            </text>
            {bars.map(([v, colour], k) => {
              const w = v === null ? 0 : Math.max(1, (v / max) * plot);
              return (
                <g key={k}>
                  <rect x={x(label, w)} y={y + k * 12} width={w} height={10} fill={colour}>
                    <title>{`${r.code} ${k === 0 ? t('indicators:target') : t('indicators:actual')}: ${v === null ? '—' : format(v)}`}</title>
                  </rect>
                  <text x={rtl ? width - label - w - 4 : label + w + 4} y={y + k * 12 + 9} fontSize={9} fill="#4b5563" textAnchor={rtl ? 'end' : 'start'}>
                    {v === null ? '—' : format(v)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

function SexChart({ report, rtl, format }: { report: DonorReport; rtl: boolean; format: (n: number) => string }) {
  const { t } = useTranslation();
  const rows = report.rows.filter((r) => r.bySex && r.bySex.total > 0);
  if (rows.length === 0) return null;
  const width = 340;
  const label = 56;
  const plot = width - label;
  const names = { female: t('indicators:female'), male: t('indicators:male'), other: t('indicators:other'), unknown: t('indicators:notRecorded') };
  return (
    <svg viewBox={`0 0 ${width} ${rows.length * 24 + 4}`} width="100%" role="img" aria-label={t('indicators:bySex')} data-testid="chart-sex">
      {rows.map((r, i) => {
        let from = label;
        const y = i * 24 + 2;
        return (
          <g key={r.indicatorId}>
            <text x={rtl ? width : 0} y={y + 13} fontSize={11} fontWeight={700} direction={rtl ? 'rtl' : 'ltr'}>
              {r.code}
            </text>
            {(Object.keys(SEX_COLOURS) as Array<keyof typeof SEX_COLOURS>).map((key) => {
              const n = r.bySex?.[key] ?? 0;
              if (n === 0 || !r.bySex) return null;
              const w = (n / r.bySex.total) * plot;
              const left = rtl ? width - from - w : from;
              from += w;
              return (
                <g key={key}>
                  <rect x={left} y={y} width={w} height={16} fill={SEX_COLOURS[key]}>
                    <title>{`${names[key]}: ${format(n)}`}</title>
                  </rect>
                  {w > 22 ? (
                    <text x={left + w / 2} y={y + 12} fontSize={10} fill="#fff" textAnchor="middle">
                      {format(n)}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

export default function DonorReportPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = currentLanguage(i18n.language);
  const rtl = directionOf(i18n.language) === 'rtl';
  const { id = '' } = useParams();
  const me = useMe().data ?? null;
  const writes = !!me && (me.role === 'admin' || me.role === 'programme_manager');
  const { values: filters, set } = useUrlFilters(['period'] as const);
  const period = PERIOD.test(filters.period) ? filters.period : currentQuarter();
  const report = useDonorReport(id, period);
  const queryClient = useQueryClient();
  const [text, setText] = useState({ en: '', ur: '' });
  const r = report.data;
  useEffect(() => {
    if (r) setText({ en: r.narrative.saved?.en || r.narrative.drafted.en, ur: r.narrative.saved?.ur || r.narrative.drafted.ur });
  }, [r]);
  const save = useMutation({
    mutationFn: (body: { en: string; ur: string }) => api.call('saveNarrative', { params: { id, period }, body }),
    onSuccess: (answer) => queryClient.setQueryData(indicatorKeys.donorReport(id, period), answer),
  });
  if (report.isPending) return <PageLoader />;
  if (report.error || !r) return <ErrorAlert error={report.error} />;
  const name = (row: DonorReport['rows'][number]) => (lang === 'ur' ? row.name.ur : row.name.en);
  const fileHref = (kind: 'donorReportXlsx' | 'donorReportPdf', language: LabelLanguage) =>
    api.href(kind, { params: { id }, query: { period, lang: language } });

  return (
    <Stack data-testid="donor-report-page">
      <PageHeader
        title={`${t('indicators:donorReport')}: ${r.programme.name}`}
        subtitle={`${r.from} – ${r.to}`}
        actions={
          <Button component={Link} to={`/programmes/${id}/logframe?period=${period}`} variant="default" data-testid="logframe-link">
            {t('indicators:logframe')}
          </Button>
        }
      />
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <PeriodPicker value={period} onChange={(p) => set('period', p)} />
            <LockControls programmeId={id} period={period} locked={r.locked} />
          </Group>
          <Text size="sm" c={r.locked ? 'teal.8' : 'dimmed'} data-testid="period-state">
            {r.locked && r.lockedAt ? t('indicators:locked', { date: f.date(r.lockedAt.slice(0, 10)) }) : t('indicators:open')}
          </Text>
          <Group gap="xs" data-testid="donor-report-exports">
            {(['en', 'ur'] as const).map((language) => (
              <Group gap="xs" key={language}>
                <Anchor href={fileHref('donorReportXlsx', language)} download data-testid={`donor-xlsx-${language}`}>
                  {t('indicators:exportXlsx', { lang: language === 'en' ? 'English' : 'اردو' })}
                </Anchor>
                <Anchor href={fileHref('donorReportPdf', language)} download data-testid={`donor-pdf-${language}`}>
                  {t('indicators:exportPdf', { lang: language === 'en' ? 'English' : 'اردو' })}
                </Anchor>
              </Group>
            ))}
          </Group>
        </Stack>
      </Card>

      <Title order={3}>{t('indicators:highlights')}</Title>
      <List data-testid="donor-highlights">
        {r.highlights[lang].map((h) => (
          <List.Item key={h}>{h}</List.Item>
        ))}
      </List>

      <Title order={3}>{t('indicators:indicators')}</Title>
      <WideTable minWidth={720} testId="donor-table">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('indicators:code')}</Table.Th>
              <Table.Th>{t('indicators:name')}</Table.Th>
              <Table.Th>{t('indicators:baseline')}</Table.Th>
              <Table.Th>{t('indicators:target')}</Table.Th>
              <Table.Th>{t('indicators:actual')}</Table.Th>
              <Table.Th>{t('indicators:achieved')}</Table.Th>
              <Table.Th>{t('indicators:female')}</Table.Th>
              <Table.Th>{t('indicators:male')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.rows.map((row) => (
              <Table.Tr key={row.indicatorId} data-testid="donor-row" data-code={row.code}>
                <Table.Td fw={600}>{row.code}</Table.Td>
                <Table.Td dir="auto">{name(row)}</Table.Td>
                <Table.Td>{f.number(row.baseline)}</Table.Td>
                <Table.Td>{f.number(row.target)}</Table.Td>
                <Table.Td fw={700}>
                  {f.number(row.actual)}
                  {row.now !== null && row.actual !== null ? (
                    <Text size="xs" c="orange.8" data-testid="donor-difference">
                      {t('indicators:reportedNow', { reported: f.number(row.actual), now: f.number(row.now) })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{row.percentAchieved === null ? '—' : `${f.number(row.percentAchieved)}%`}</Table.Td>
                <Table.Td>{f.number(row.bySex?.female ?? null)}</Table.Td>
                <Table.Td>{f.number(row.bySex?.male ?? null)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>

      <Group grow align="flex-start" wrap="wrap">
        <Card withBorder style={{ minWidth: 260 }}>
          <Text fw={600} mb="xs">
            {t('indicators:targetVsActual')}
          </Text>
          <TargetChart report={r} rtl={rtl} format={f.number} />
        </Card>
        <Card withBorder style={{ minWidth: 260 }}>
          <Text fw={600} mb="xs">
            {t('indicators:bySex')}
          </Text>
          <SexChart report={r} rtl={rtl} format={f.number} />
        </Card>
      </Group>

      <Title order={3}>{t('indicators:narrative')}</Title>
      <Text size="sm" c="dimmed">
        {r.narrative.saved && r.narrative.savedAt
          ? t('indicators:narrativeSaved', { name: r.narrative.savedBy ?? '—', date: f.date(r.narrative.savedAt.slice(0, 10)) })
          : t('indicators:narrativeDrafted')}
      </Text>
      <Textarea
        label={t('indicators:narrativeEn')}
        dir="ltr"
        autosize
        minRows={4}
        value={text.en}
        readOnly={!writes || r.locked}
        onChange={(e) => setText({ ...text, en: e.currentTarget.value })}
        data-testid="narrative-en"
      />
      <Textarea
        label={t('indicators:narrativeUr')}
        dir="rtl"
        autosize
        minRows={4}
        value={text.ur}
        readOnly={!writes || r.locked}
        onChange={(e) => setText({ ...text, ur: e.currentTarget.value })}
        data-testid="narrative-ur"
      />
      {save.error ? <ErrorAlert error={save.error} /> : null}
      {writes && r.locked ? (
        <Text size="sm" c="dimmed" data-testid="narrative-locked">
          {t('indicators:narrativeLocked')}
        </Text>
      ) : null}
      {writes && !r.locked ? (
        <Group>
          <Button onClick={() => save.mutate(text)} loading={save.isPending} data-testid="narrative-save">
            {t('indicators:save')}
          </Button>
          {r.narrative.saved ? (
            <Button variant="subtle" onClick={() => save.mutate({ en: '', ur: '' })} data-testid="narrative-reset">
              {t('indicators:backToDraft')}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}
