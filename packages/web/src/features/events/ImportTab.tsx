import { useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Input, List, Radio, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import { importColumns, type Event, type ImportCandidate, type ImportPlanRow, type ImportProblem, type ImportReport } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, isApiError, uploadForm } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useInvalidateParticipants } from './participantMutations';
import { WideTable } from '../../components/WideTable';

function templateCsv(): string {
  const example = [
    'Ayesha Khan',
    'female',
    'Federal Investigation Agency',
    'Inspector',
    'Punjab',
    'Lahore',
    '+92 300 0000000',
    'ayesha@example.org',
    '1985',
    'participant',
    'yes',
  ];
  return `${importColumns.join(',')}\r\n${example.map((v) => (v.includes(',') ? `"${v}"` : v)).join(',')}\r\n`;
}

function templateHref(): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${templateCsv()}`)}`;
}

/** Upload a participant list: check it (dry run), look at the problems, then import. */
export function ImportTab({ event, onDone }: { event: Event; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  // Line → personId or 'new', for the rows the dry run could not link by itself.
  const [choices, setChoices] = useState<Record<number, string>>({});
  const invalidate = useInvalidateParticipants(event.id);

  const run = useMutation({
    mutationFn: ({ dryRun, upload }: { dryRun: boolean; upload: File }) => {
      const form = uploadForm(upload);
      if (Object.keys(choices).length > 0) form.append('choices', JSON.stringify(choices));
      return api.call('importParticipants', { params: { id: event.id }, query: { dryRun: dryRun ? 'true' : 'false' }, body: form });
    },
    onSuccess: (result) => {
      setReport(result);
      if (!result.dryRun) {
        invalidate();
        notifications.show({
          color: 'teal',
          message: t('import.done', {
            added: f.number(result.addedParticipants),
            created: f.number(result.createdPeople),
            linked: f.number(result.linkedPeople),
          }),
        });
      }
    },
  });

  // A 422 answer carries the same problems as the dry-run report.
  const rejected: ImportProblem[] =
    isApiError(run.error) && run.error.status === 422
      ? run.error.details.map((d) => ({ line: d.line ?? 0, column: d.column ?? d.path ?? '', message: d.message }))
      : [];
  const problems = report?.errors ?? [];
  const shownProblems = rejected.length > 0 ? rejected : problems;
  const toChoose = report?.dryRun ? report.plan.filter((row) => row.action === 'choose') : [];
  const unchosen = toChoose.filter((row) => !choices[row.line]).length;
  const canImport = !!file && !!report && report.dryRun && report.errors.length === 0 && report.valid > 0 && unchosen === 0;

  return (
    <Stack>
      <Card withBorder>
        <Stack gap="sm">
          <Text size="sm">{t('import.help')}</Text>
          <Group gap="xs">
            <Anchor href={templateHref()} download="hifazat-participants-template.csv" data-testid="import-template">
              {t('import.template')}
            </Anchor>
            <Text size="xs" c="dimmed" className="ltr-data" style={{ wordBreak: 'break-all' }}>
              {importColumns.join(',')}
            </Text>
          </Group>
          <Input.Wrapper label={t('import.file')} description={t('import.fileHelp')}>
            <input
              ref={input}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="import-file"
              style={{ display: 'block', marginTop: 6, maxWidth: '100%' }}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setReport(null);
                setChoices({});
                run.reset();
              }}
            />
          </Input.Wrapper>
          <Group>
            <Button
              variant="light"
              disabled={!file}
              loading={run.isPending && run.variables.dryRun}
              onClick={() => file && run.mutate({ dryRun: true, upload: file })}
              data-testid="import-dry-run"
            >
              {t('import.check')}
            </Button>
            <Button
              disabled={!canImport}
              loading={run.isPending && !run.variables.dryRun}
              onClick={() => file && run.mutate({ dryRun: false, upload: file })}
              data-testid="import-submit"
            >
              {t('import.import')}
            </Button>
          </Group>
        </Stack>
      </Card>

      {run.error && rejected.length === 0 ? <ErrorAlert error={run.error} testId="import-error" /> : null}
      {rejected.length > 0 ? (
        <Alert color="red" title={t('import.rejected')} data-testid="import-rejected">
          {t('import.rejectedText')}
        </Alert>
      ) : null}

      {report ? (
        <Card withBorder data-testid="import-report" data-dry-run={report.dryRun ? 'true' : 'false'}>
          <Title order={5} mb="sm">
            {report.dryRun ? t('import.checkResult') : t('import.importResult')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Stat label={t('import.rows')} value={f.number(report.rows)} testId="import-rows" />
            <Stat label={t('import.valid')} value={f.number(report.valid)} testId="import-valid" />
            <Stat label={t('import.errorCount')} value={f.number(report.errors.length)} testId="import-error-count" />
            <Stat label={t('import.duplicateCount')} value={f.number(report.duplicates.length)} testId="import-duplicate-count" />
            {report.dryRun ? <Stat label={t('import.toChoose')} value={f.number(report.toChoose)} testId="import-to-choose" /> : null}
            {!report.dryRun ? (
              <>
                <Stat label={t('import.added')} value={f.number(report.addedParticipants)} testId="import-added" />
                <Stat label={t('import.created')} value={f.number(report.createdPeople)} testId="import-created" />
                <Stat label={t('import.linked')} value={f.number(report.linkedPeople)} testId="import-linked" />
              </>
            ) : null}
          </SimpleGrid>
          {report.dryRun && report.errors.length === 0 && report.valid > 0 && unchosen === 0 ? (
            <Text size="sm" c="teal.8" mt="sm" data-testid="import-ready">
              {t('import.ready')}
            </Text>
          ) : null}
          {report.dryRun && report.errors.length === 0 && unchosen > 0 ? (
            <Text size="sm" c="orange.8" mt="sm" data-testid="import-choose-first">
              {t('import.chooseFirst', { count: unchosen })}
            </Text>
          ) : null}
          {!report.dryRun ? (
            <Button variant="subtle" mt="sm" onClick={onDone} data-testid="import-show-participants">
              {t('import.showParticipants')}
            </Button>
          ) : null}
        </Card>
      ) : null}

      {shownProblems.length > 0 ? (
        <Card withBorder>
          <Title order={5} mb="sm" c="red.8">
            {t('import.errors')}
          </Title>
          <WideTable minWidth={480}>
            <Table striped data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.line')}</Table.Th>
                  <Table.Th>{t('import.column')}</Table.Th>
                  <Table.Th>{t('import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shownProblems.map((p, i) => (
                  <Table.Tr key={`${p.line}-${p.column}-${i}`} data-testid="import-error-row">
                    <Table.Td className="num">{f.number(p.line)}</Table.Td>
                    <Table.Td>
                      <span className="ltr-data">{p.column}</span>
                    </Table.Td>
                    <Table.Td dir="auto">{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        </Card>
      ) : null}

      {toChoose.map((row) => (
        <Chooser key={row.line} row={row} value={choices[row.line] ?? null} onChange={(value) => setChoices((c) => ({ ...c, [row.line]: value }))} />
      ))}

      {report && report.plan.length > 0 ? <PlanTable plan={report.plan} choices={choices} /> : null}

      {report && !report.dryRun && report.duplicates.length > 0 ? (
        <Card withBorder>
          <Title order={5} mb={4}>
            {t('import.duplicates')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('import.duplicatesHelp')}
          </Text>
          <WideTable minWidth={520}>
            <Table striped data-testid="import-duplicates">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.line')}</Table.Th>
                  <Table.Th>{t('person.fullName')}</Table.Th>
                  <Table.Th>{t('import.candidates')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.duplicates.map((d) => (
                  <Table.Tr key={d.line}>
                    <Table.Td className="num">{f.number(d.line)}</Table.Td>
                    <Table.Td dir="auto">{d.fullName}</Table.Td>
                    <Table.Td>
                      <List size="sm">
                        {d.candidates.map((c) => (
                          <List.Item key={c.personId}>
                            <Anchor href={`/people/${c.personId}`} target="_blank" size="sm">
                              {c.fullName}
                            </Anchor>
                            {c.organizationName ? ` — ${c.organizationName}` : ''}{' '}
                            {c.reasons.map((r) => (
                              <Badge key={r} size="xs" variant="light" color="yellow" ms={4}>
                                {t(`duplicateReason.${r}`, { defaultValue: r })}
                              </Badge>
                            ))}
                          </List.Item>
                        ))}
                      </List>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        </Card>
      ) : null}

      {report && report.newOrganizations.length > 0 ? (
        <Card withBorder data-testid="import-new-organizations">
          <Title order={5} mb={4}>
            {t('import.newOrganizations')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('import.newOrganizationsHelp')}
          </Text>
          <Group gap={6}>
            {report.newOrganizations.map((name) => (
              <Badge key={name} variant="outline" tt="none">
                {name}
              </Badge>
            ))}
          </Group>
        </Card>
      ) : null}
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700} className="num">
        {value}
      </Text>
    </Stack>
  );
}

const PLAN_ROWS_SHOWN = 200;
const actionColor: Record<ImportPlanRow['action'], string> = { create: 'blue', link: 'teal', listed: 'gray', choose: 'orange', error: 'red' };

/** Row by row, what the import will do (the first PLAN_ROWS_SHOWN rows; a long file is mostly "new person"). */
function PlanTable({ plan, choices }: { plan: ImportPlanRow[]; choices: Record<number, string> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const describe = (row: ImportPlanRow) => {
    const chosen = choices[row.line];
    if (row.action === 'choose' && chosen) {
      const person = row.candidates?.find((c) => c.personId === chosen);
      return person ? t('import.actionLink', { name: person.fullName }) : t('import.actionCreate');
    }
    if (row.action === 'link') return t('import.actionLink', { name: row.candidates?.[0]?.fullName ?? '' });
    const keys = { create: 'import.actionCreate', listed: 'import.actionListed', choose: 'import.actionChoose', error: 'import.actionError' } as const;
    return t(keys[row.action]);
  };
  return (
    <Card withBorder>
      <Title order={5} mb={4}>
        {t('import.plan')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('import.planHelp')}
      </Text>
      <WideTable minWidth={340}>
        <Table striped data-testid="import-plan">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.line')}</Table.Th>
              <Table.Th>{t('person.fullName')}</Table.Th>
              <Table.Th>{t('import.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.slice(0, PLAN_ROWS_SHOWN).map((row) => (
              <Table.Tr key={row.line} data-testid="import-plan-row" data-line={row.line} data-action={row.action}>
                <Table.Td className="num">{f.number(row.line)}</Table.Td>
                <Table.Td dir="auto">{row.fullName}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={row.action === 'choose' && choices[row.line] ? 'teal' : actionColor[row.action]}
                    tt="none"
                    style={{ maxWidth: '100%', whiteSpace: 'normal', height: 'auto' }}
                  >
                    {describe(row)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      {plan.length > PLAN_ROWS_SHOWN ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('import.moreRows', { count: f.number(plan.length - PLAN_ROWS_SHOWN) })}
        </Text>
      ) : null}
    </Card>
  );
}

/** The registered people one row may be, side by side (one column on a phone), and "a new person". */
function Chooser({ row, value, onChange }: { row: ImportPlanRow; value: string | null; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder data-testid="import-choose" data-line={row.line}>
      <Title order={5} mb={4}>
        {t('import.chooseTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('import.chooseHelp', { line: f.number(row.line), name: row.fullName })}
      </Text>
      <Radio.Group value={value} onChange={onChange} name={`import-choice-${row.line}`}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {(row.candidates ?? []).map((c) => (
            <CandidateCard key={c.personId} candidate={c} selected={value === c.personId} />
          ))}
          <Card withBorder padding="sm" data-testid="import-candidate-new" style={value === 'new' ? { borderColor: 'var(--mantine-color-teal-6)' } : undefined}>
            <Stack gap={6} justify="space-between" h="100%">
              <Text size="sm">{t('import.newPersonHelp')}</Text>
              <Radio value="new" label={t('import.newPerson')} data-testid="import-choose-new" />
            </Stack>
          </Card>
        </SimpleGrid>
      </Radio.Group>
    </Card>
  );
}

function CandidateCard({ candidate: c, selected }: { candidate: ImportCandidate; selected: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = t('common.notRecorded');
  const fact = (label: string, value: string | null, ltr = false) => (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" miw={90}>
        {label}
      </Text>
      <Text size="sm" className={ltr && value ? 'ltr-data' : undefined} dir={ltr ? undefined : 'auto'} style={{ overflowWrap: 'anywhere' }}>
        {value ?? none}
      </Text>
    </Group>
  );
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="import-candidate"
      data-person-id={c.personId}
      style={selected ? { borderColor: 'var(--mantine-color-teal-6)' } : undefined}
    >
      <Stack gap={4}>
        <Anchor href={`/people/${c.personId}`} target="_blank" fw={600} dir="auto">
          {c.fullName}
        </Anchor>
        {fact(t('person.organization'), c.organizationName)}
        {fact(t('person.designation'), c.designation)}
        {fact(t('person.sex'), t(`sex.${c.sex}`))}
        {fact(t('person.phone'), c.phone, true)}
        {fact(t('person.email'), c.email, true)}
        {fact(t('import.eventsAttended'), f.number(c.eventsAttended))}
        <Group gap={4}>
          {c.reasons.map((r) => (
            <Badge key={r} size="xs" variant="light" color="yellow">
              {t(`duplicateReason.${r}`, { defaultValue: r })}
            </Badge>
          ))}
        </Group>
        <Radio value={c.personId} label={t('import.thisPerson')} mt={4} data-testid="import-choose-person" />
      </Stack>
    </Card>
  );
}
