import { useState } from 'react';
import { Anchor, Button, Card, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { AssessmentAcross, EventSelection, LocalText } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NativeFilter } from '../../components/NativeFilter';
import { FilterPanel, countActive } from '../../components/FilterPanel';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { WideTable } from '../../components/WideTable';
import { currentLanguage, useFormat } from '../../lib/format';
import { usePhone } from '../../lib/media';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { AssessmentFigures, useFigures } from '../assessments/AnalysisView';
import { useFacets } from '../events/events.queries';
import { DateRangeFilter, ProgrammeFilter } from '../events/EventFilterFields';
import { FeedbackResultItems } from '../feedback/FeedbackResultsView';
import { useAssessmentAcross, useFeedbackAcross } from './reports.queries';
import '../assessments/strings';
import '../feedback/strings';

const FILTERS = ['programmeId', 'series', 'from', 'to'] as const;

function thisYear(): { from: string; to: string } {
  const year = new Date().getFullYear();
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * Learning evidence across events (issue 10): the pre/post tests and the feedback questionnaires of a
 * programme, a series and a period, pooled by the server (GET /api/assessment, GET /api/feedback/results)
 * within the user's countries. Beside the programme report; the period is this year unless chosen.
 */
export default function LearningPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { values, set, clear } = useUrlFilters(FILTERS);
  const facets = useFacets();
  const defaults = thisYear();
  const selection: EventSelection = {
    programmeId: values.programmeId || undefined,
    series: values.series || undefined,
    from: values.from || defaults.from,
    to: values.to || defaults.to,
  };
  const reportHref = `/reports?${new URLSearchParams(
    Object.entries({ programmeId: selection.programmeId, from: selection.from, to: selection.to }).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString()}`;
  return (
    <>
      <PageHeader
        title={t('assessments:learning.title')}
        subtitle={t('report.period', { from: f.date(selection.from), to: f.date(selection.to) })}
        actions={
          <Button component={Link} to={reportHref} variant="default" data-testid="learning-report-link">
            {t('nav.reports')}
          </Button>
        }
      />
      <FilterPanel active={countActive(values)} testId="learning-filters" clear={{ onClick: clear, testId: 'learning-filter-clear' }}>
        <ProgrammeFilter value={values.programmeId} onChange={(v) => set('programmeId', v)} testId="learning-filter-programme" />
        <NativeFilter
          label={t('event.series')}
          data={facets.data?.series ?? []}
          value={values.series}
          onChange={(v) => set('series', v)}
          testId="learning-filter-series"
        />
        <DateRangeFilter from={selection.from ?? ''} to={selection.to ?? ''} onChange={set} testIdPrefix="learning-filter" />
      </FilterPanel>
      <Text size="sm" c="dimmed" mb="md">
        {t('assessments:learning.intro')}
      </Text>
      <Stack gap="xl">
        <TestsSection selection={selection} />
        {/* A new selection starts again from the template its events use most. */}
        <FeedbackSection key={JSON.stringify(selection)} selection={selection} />
      </Stack>
    </>
  );
}

function TestsSection({ selection }: { selection: EventSelection }) {
  const { t } = useTranslation();
  const f = useFormat();
  const analysis = useAssessmentAcross(selection);
  const a = analysis.data;
  return (
    <Stack component="section" gap="sm" data-testid="learning-tests">
      <Title order={3}>{t('assessments:learning.testsTitle')}</Title>
      <ErrorAlert error={analysis.error} />
      {analysis.isPending ? <PageLoader /> : null}
      {a ? (
        <>
          <Text size="sm" data-testid="learning-event-count" data-events={a.eventCount} data-with-tests={a.events.length}>
            {t('assessments:learning.eventsCount', { n: f.number(a.eventCount), withTests: f.number(a.events.length) })}
          </Text>
          {a.events.length === 0 ? (
            <Text c="dimmed" data-testid="learning-no-tests">
              {t('assessments:learning.noTests')}
            </Text>
          ) : (
            <>
              <EventsTable analysis={a} />
              <AssessmentFigures analysis={a} questionTexts={questionTexts(a.questions)} pooled />
            </>
          )}
        </>
      ) : null}
    </Stack>
  );
}

const questionTexts = (questions: Array<{ id: string; text: LocalText }>) => new Map(questions.map((q) => [q.id, q.text]));

/** Each event with tests: its counts and its own ⟨g⟩ (withheld under the minimum), linked to its page. */
function EventsTable({ analysis }: { analysis: AssessmentAcross }) {
  const { t } = useTranslation();
  const f = useFormat();
  const fig = useFigures();
  const phone = usePhone();
  const link = (event: AssessmentAcross['events'][number]) => (
    <Anchor component={Link} to={`/events/${event.id}`} fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
      {event.title}
    </Anchor>
  );
  const help = (
    <Text size="xs" c="dimmed">
      {t('assessments:learning.eventGainHelp', { min: f.number(analysis.minGroupSize) })}
    </Text>
  );
  if (phone) {
    return (
      <Stack gap="xs" data-testid="learning-events">
        <Title order={4}>{t('assessments:learning.eventsTitle')}</Title>
        {analysis.events.map((event) => (
          <Card key={event.id} withBorder padding="sm" data-testid={`learning-event-${event.id}`}>
            {link(event)}
            <Text size="sm" c="dimmed">
              {f.date(event.startDate)}
            </Text>
            <Text size="sm">
              {t('assessments:learning.eventCard', {
                pre: fig.count(event.preN),
                post: fig.count(event.postN),
                paired: fig.count(event.pairedN),
                g: fig.dec(event.normalizedGain, 2),
              })}
            </Text>
          </Card>
        ))}
        {help}
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Title order={4}>{t('assessments:learning.eventsTitle')}</Title>
      <WideTable minWidth={640}>
        <Table striped data-testid="learning-events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assessments:learning.event')}</Table.Th>
              <Table.Th>{t('event.startDate')}</Table.Th>
              <Table.Th ta="end">{t('assessments:testKind.pre')}</Table.Th>
              <Table.Th ta="end">{t('assessments:testKind.post')}</Table.Th>
              <Table.Th ta="end">{t('assessments:results.both')}</Table.Th>
              <Table.Th ta="end">{t('assessments:results.normalizedGainShort')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {analysis.events.map((event) => (
              <Table.Tr key={event.id} data-testid={`learning-event-${event.id}`}>
                <Table.Td maw={360}>{link(event)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.date(event.startDate)}</Table.Td>
                <Table.Td ta="end" className="num">
                  {fig.count(event.preN)}
                </Table.Td>
                <Table.Td ta="end" className="num">
                  {fig.count(event.postN)}
                </Table.Td>
                <Table.Td ta="end" className="num">
                  {fig.count(event.pairedN)}
                </Table.Td>
                <Table.Td ta="end" className="num" data-testid={`learning-event-${event.id}-g`}>
                  {fig.dec(event.normalizedGain, 2)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      {help}
    </Stack>
  );
}

function FeedbackSection({ selection }: { selection: EventSelection }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const f = useFormat();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const results = useFeedbackAcross({ ...selection, templateId: templateId ?? undefined });
  const r = results.data;
  const title = (text: LocalText) => (lang === 'ur' && text.ur ? text.ur : text.en);
  return (
    <Stack component="section" gap="sm" data-testid="learning-feedback">
      <Title order={3}>{t('feedback:across.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('feedback:across.help')}
      </Text>
      <ErrorAlert error={results.error} />
      {results.isPending ? <PageLoader /> : null}
      {r ? (
        <>
          {r.templates.length > 1 ? (
            <NativeSelect
              label={t('feedback:across.template')}
              data={r.templates.map((template) => ({
                value: template.id,
                label: t('feedback:across.templateOption', { title: title(template.title), n: f.number(template.eventCount) }),
              }))}
              value={r.template?.id ?? ''}
              onChange={(e) => setTemplateId(e.currentTarget.value || null)}
              maw={480}
              data-testid="learning-feedback-template"
            />
          ) : null}
          {r.template === null || r.responseCount === 0 ? (
            <Text c="dimmed" data-testid="learning-feedback-none">
              {t('feedback:across.none')}
            </Text>
          ) : (
            <>
              <Text size="sm" fw={600} dir="auto" data-testid="learning-feedback-counted">
                {title(r.template.title)} · {t('feedback:across.counted', { events: f.number(r.eventCount), responses: f.number(r.responseCount) })}
              </Text>
              <FeedbackResultItems results={r} />
            </>
          )}
          {r.withheldEventCount > 0 ? (
            <Text size="sm" c="dimmed" data-testid="learning-feedback-withheld" data-n={r.withheldEventCount}>
              {t('feedback:across.withheld', { n: f.number(r.withheldEventCount), min: f.number(r.minGroupSize) })}
            </Text>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
