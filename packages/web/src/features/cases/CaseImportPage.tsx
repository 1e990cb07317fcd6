import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, Input, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { HtcdsImportReport } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { WideTable } from '../../components/WideTable';
import { api, isApiError, uploadForm } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useMe } from '../auth/session';
import { caseCan, caseKeys } from './cases.queries';
import './strings';
import './htcdsStrings';

type Problem = { line: number; column: string; message: string };

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" className="num" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/**
 * Importing an HTCDS 2.0 case sheet (data officers): check it first (a dry run that saves nothing),
 * read the problems by row and column, then import — every case in the officer's agency, or none.
 */
export default function CaseImportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const user = useMe().data ?? null;
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<HtcdsImportReport | null>(null);
  const run = useMutation({
    mutationFn: ({ dryRun, upload }: { dryRun: boolean; upload: File }) =>
      api.call('importCasesHtcds', { query: { dryRun: dryRun ? 'true' : 'false' }, body: uploadForm(upload) }),
    onSuccess: (result) => {
      setReport(result);
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
    onError: () => setReport(null),
  });
  // A 422 names each problem's row and column.
  const problems: Problem[] =
    isApiError(run.error) && run.error.status === 422
      ? run.error.details.map((d) => ({ line: d.line ?? 0, column: d.column ?? d.path ?? '', message: d.message }))
      : [];
  const canImport = !!file && !!report && report.dryRun && report.created > 0 && !run.isPending;

  // The data officers open cases; anyone else reaching this address is told so (the server refuses them too).
  if (user && !caseCan.create(user)) {
    return (
      <Alert color="red" data-testid="htcds-forbidden">
        {t('apiError.forbidden')}
      </Alert>
    );
  }
  return (
    <Stack>
      <PageHeader
        title={t('htcds:import.title')}
        subtitle={t('htcds:import.subtitle')}
        actions={
          <Button component={Link} to="/cases" variant="subtle" data-testid="htcds-back">
            {t('htcds:import.back')}
          </Button>
        }
      />
      <Card withBorder>
        <Stack gap="sm">
          <Text size="sm">{t('htcds:import.help')}</Text>
          <Input.Wrapper label={t('htcds:import.file')} description={t('htcds:import.fileHelp')}>
            <input
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="htcds-file"
              style={{ display: 'block', marginTop: 6, maxWidth: '100%' }}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setReport(null);
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
              data-testid="htcds-check"
            >
              {t('htcds:import.check')}
            </Button>
            <Button
              disabled={!canImport}
              loading={run.isPending && !run.variables.dryRun}
              onClick={() => file && run.mutate({ dryRun: false, upload: file })}
              data-testid="htcds-import"
            >
              {t('htcds:import.import')}
            </Button>
          </Group>
        </Stack>
      </Card>

      {run.error && problems.length === 0 ? <ErrorAlert error={run.error} testId="htcds-error" /> : null}
      {problems.length > 0 ? (
        <Alert color="red" title={t('htcds:import.rejected')} data-testid="htcds-rejected">
          {t('htcds:import.rejectedText')}
        </Alert>
      ) : null}

      {report ? (
        <Card withBorder data-testid="htcds-report" data-dry-run={report.dryRun ? 'true' : 'false'}>
          <Title order={2} size="h5" mb="sm">
            {report.dryRun ? t('htcds:import.checkResult') : t('htcds:import.importResult')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            <Stat label={t('htcds:import.rows')} value={f.number(report.rows)} testId="htcds-rows" />
            <Stat label={report.dryRun ? t('htcds:import.toCreate') : t('htcds:import.created')} value={f.number(report.created)} testId="htcds-created" />
          </SimpleGrid>
          {report.dryRun && report.created > 0 ? (
            <Text size="sm" c="teal.8" mt="sm" data-testid="htcds-ready">
              {t('htcds:import.ready')}
            </Text>
          ) : null}
          {report.notKept.length > 0 ? (
            <Stack gap={4} mt="sm">
              <Text size="sm" fw={600}>
                {t('htcds:import.notKept')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('htcds:import.notKeptText')}
              </Text>
              <List size="sm">
                {report.notKept.map((n) => (
                  <List.Item key={n.column}>
                    <span className="ltr-data">{n.column}</span>
                    {' — '}
                    {t('htcds:import.rowsList', { lines: n.lines.map((l) => f.number(l)).join('، ') })}
                  </List.Item>
                ))}
              </List>
            </Stack>
          ) : null}
          {!report.dryRun && report.cases.length > 0 ? (
            <Stack gap={4} mt="sm">
              <Text size="sm" fw={600}>
                {t('htcds:import.opened')}
              </Text>
              <Group gap="xs" wrap="wrap" data-testid="htcds-opened">
                {report.cases.map((c) => (
                  <Anchor key={c.id} component={Link} to={`/cases/${c.id}`} size="sm">
                    <bdi>{c.reference}</bdi>
                  </Anchor>
                ))}
              </Group>
            </Stack>
          ) : null}
        </Card>
      ) : null}

      {problems.length > 0 ? (
        <Card withBorder>
          <Title order={2} size="h5" mb="sm" c="red.8">
            {t('htcds:import.problems')}
          </Title>
          <WideTable minWidth={480}>
            <Table striped data-testid="htcds-problems">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('htcds:import.line')}</Table.Th>
                  <Table.Th>{t('htcds:import.column')}</Table.Th>
                  <Table.Th>{t('htcds:import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {problems.map((p, i) => (
                  <Table.Tr key={`${p.line}-${p.column}-${i}`} data-testid="htcds-problem">
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
    </Stack>
  );
}
