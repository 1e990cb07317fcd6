import { Autocomplete, Button, Card, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { DEFAULT_REPORT_STATUS, SUGGESTED_TOPICS, participantSummaryText, reportStatuses, type ReportStatus, type SexCounts } from '@hifazat/contract';
import { quarterLabel, sexSeries, sexValues } from '../../components/sexBars';
import { BarChart } from '../../components/BarChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportMenu } from '../../components/ExportMenu';
import { FilterPanel, countActive } from '../../components/FilterPanel';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { SexCountsTable } from '../../components/SexCountsTable';
import { api } from '../../lib/api';
import { currentLanguage, useFormat } from '../../lib/format';
import { provinceLabel, uniqueSorted } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { urlQuery } from '../../lib/queries';
import { useFacets } from '../events/events.queries';
import { DateRangeFilter, EventTypeFilter, ProgrammeFilter, ProvinceFilter } from '../events/EventFilterFields';
import { useProgrammeReport } from './reports.queries';
import { useUrlFilters } from '../../lib/useUrlFilters';

const FILTERS = ['from', 'to', 'programmeId', 'province', 'type', 'topic', 'status'] as const;

const STATUS_LABELS: Record<ReportStatus, string> = {
  held: 'report.statusHeld',
  planned: 'report.statusPlanned',
  cancelled: 'report.statusCancelled',
  all: 'report.statusAll',
};

function thisYear(): { from: string; to: string } {
  const year = new Date().getFullYear();
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export default function ProgrammeReportPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = currentLanguage(i18n.language);
  const { values, set, clear } = useUrlFilters(FILTERS);
  const facets = useFacets();
  const defaults = thisYear();
  const query = {
    from: values.from || defaults.from,
    to: values.to || defaults.to,
    programmeId: values.programmeId || undefined,
    province: values.province || undefined,
    type: values.type || undefined,
    topic: values.topic || undefined,
    // Held events unless the user asks for others (a planned training has not happened yet).
    status: reportStatuses.find((s) => s === values.status) ?? DEFAULT_REPORT_STATUS,
  };
  const report = useProgrammeReport(query);
  const r = report.data;
  // The file is made in the screen's language (headings and labels in Urdu from the Urdu screen).
  const exportHref = (format: 'csv' | 'xlsx', language: 'en' | 'ur') =>
    api.href('exportProgrammeReport', { query: { format, lang: language, ...urlQuery('programmeReport', query) } });
  const learningHref = `/learning?${new URLSearchParams(
    Object.entries({ programmeId: query.programmeId, from: query.from, to: query.to }).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString()}`;
  const sentence = (counts: SexCounts) => participantSummaryText(counts, lang);

  return (
    <>
      <PageHeader
        title={t('report.title')}
        subtitle={t('report.period', { from: f.date(query.from), to: f.date(query.to) })}
        actions={
          <>
            {/* The same programme and period's learning evidence: tests and questionnaires pooled. */}
            <Button component={Link} to={learningHref} variant="default" data-testid="report-learning-link">
              {t('nav.learning')}
            </Button>
            <ExportMenu href={exportHref} testId="report-export" />
          </>
        }
      />
      <FilterPanel active={countActive(values)} testId="report-filters" clear={{ onClick: clear, testId: 'report-filter-clear' }}>
        <DateRangeFilter from={query.from} to={query.to} onChange={set} testIdPrefix="report-filter" />
        <ProgrammeFilter value={values.programmeId} onChange={(v) => set('programmeId', v)} testId="report-filter-programme" />
        <ProvinceFilter value={values.province} onChange={(v) => set('province', v)} testId="report-filter-province" />
        <EventTypeFilter value={values.type} onChange={(v) => set('type', v)} testId="report-filter-type" />
        <Select
          label={t('report.status')}
          data={reportStatuses.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))}
          value={query.status}
          allowDeselect={false}
          onChange={(v) => set('status', v === DEFAULT_REPORT_STATUS ? null : v)}
          data-testid="report-filter-status"
        />
        <Autocomplete
          label={t('report.topic')}
          data={uniqueSorted([...SUGGESTED_TOPICS, ...(facets.data?.topics ?? [])])}
          value={values.topic}
          onChange={(v) => set('topic', v)}
          data-testid="report-filter-topic"
        />
      </FilterPanel>
      <ErrorAlert error={report.error} />
      {report.isPending ? <PageLoader /> : null}
      {r ? (
        <Stack>
          <Text size="sm" c="dimmed" data-testid="report-status-line">
            {t('report.statusLine', { statuses: r.statuses.map((s) => t(`eventStatus.${s}`)).join(t('common.listSeparator')) })}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Card withBorder data-testid="report-events">
              <Text size="sm" c="dimmed">
                {t('report.events')}
              </Text>
              <Text fz={28} fw={700} className="num">
                {f.number(r.events)}
              </Text>
            </Card>
            <Card withBorder data-testid="report-participations">
              <Text size="sm" c="dimmed">
                {t('report.participations')}
              </Text>
              <Text fw={600} data-testid="report-participations-text">
                {sentence(r.participations)}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('report.participationsHelp')}
              </Text>
            </Card>
            <Card withBorder data-testid="report-people">
              <Text size="sm" c="dimmed">
                {t('report.people')}
              </Text>
              <Text fw={600} data-testid="report-people-text">
                {sentence(r.people)}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('report.peopleHelp')}
              </Text>
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('report.bySex')}
            </Title>
            <SexCountsTable
              testId="report-by-sex"
              firstColumn={t('report.measure')}
              rows={[
                { key: 'participations', label: t('report.participations'), counts: r.participations },
                { key: 'people', label: t('report.people'), counts: r.people },
              ]}
            />
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('report.byQuarter')}
            </Title>
            {r.byQuarter.length === 0 ? (
              <Text c="dimmed">{t('common.noData')}</Text>
            ) : (
              <BarChart
                height={280}
                data={r.byQuarter.map((q) => ({
                  label: quarterLabel(t, q.quarter),
                  values: sexValues(q.participations),
                }))}
                withValueAxis
                maxBarWidth={48}
                format={(v) => f.number(v)}
                series={sexSeries(t)}
                testId="report-quarter-chart"
              />
            )}
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('report.byOrganizationType')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('report.participations')}
            </Text>
            <SexCountsTable
              testId="report-by-organization-type"
              firstColumn={t('organization.type')}
              extraColumns={[t('report.people')]}
              rows={r.byOrganizationType.map((row) => ({
                key: row.type ?? 'none',
                label: row.type ? t(`organizationType.${row.type}`) : t('common.notRecorded'),
                counts: row.participations,
                extra: [f.number(row.people.total)],
              }))}
            />
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('report.byProvince')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('report.participations')}
            </Text>
            <SexCountsTable
              testId="report-by-province"
              firstColumn={t('event.province')}
              extraColumns={[t('report.events'), t('report.people')]}
              rows={r.byProvince.map((row) => ({
                key: row.province ?? 'none',
                label: provinceLabel(t, row.province) ?? t('common.notRecorded'),
                counts: row.participations,
                extra: [f.number(row.events), f.number(row.people.total)],
              }))}
            />
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('report.byOrganization')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('report.participations')}
            </Text>
            <SexCountsTable
              testId="report-by-organization"
              firstColumn={t('person.organization')}
              extraColumns={[t('report.people')]}
              rows={r.byOrganization.map((row, index) => ({
                key: row.organizationId ?? (row.hidden ? 'hidden' : `none-${index}`),
                label: row.hidden ? (
                  t('event.hiddenOrganization')
                ) : row.name ? (
                  <span dir="auto">{organizationLabel({ name: row.name, acronym: row.acronym })}</span>
                ) : (
                  t('common.notRecorded')
                ),
                counts: row.participations,
                extra: [f.number(row.people.total)],
              }))}
            />
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('report.byDistrict')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('report.participations')} · {t('report.districtNote')}
            </Text>
            <SexCountsTable
              testId="report-by-district"
              firstColumn={t('person.district')}
              extraColumns={[t('report.people')]}
              rows={r.byDistrict.map((row, index) => ({
                key: row.hidden ? 'hidden' : (row.district ?? `none-${index}`),
                label: row.hidden ? t('event.hiddenOrganization') : row.district ? <span dir="auto">{row.district}</span> : t('common.notRecorded'),
                counts: row.participations,
                extra: [f.number(row.people.total)],
              }))}
            />
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('report.byAgeBand')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('report.participations')} · {t('report.ageNote')}
            </Text>
            <SexCountsTable
              testId="report-by-age"
              firstColumn={t('report.byAgeBand')}
              extraColumns={[t('report.people')]}
              rows={r.byAgeBand.map((row) => ({
                key: row.band ?? 'none',
                label: row.band ? t(`ageBand.${row.band}`) : t('common.notRecorded'),
                counts: row.participations,
                extra: [f.number(row.people.total)],
              }))}
            />
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('report.byEventType')}
            </Title>
            <SexCountsTable
              testId="report-by-event-type"
              firstColumn={t('event.type')}
              extraColumns={[t('report.events')]}
              rows={r.byEventType.map((row) => ({
                key: row.type,
                label: t(`eventType.${row.type}`),
                counts: row.participations,
                extra: [f.number(row.events)],
              }))}
            />
          </Card>
        </Stack>
      ) : null}
    </>
  );
}
