import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../i18n';
import type { Event, Test, TestSummary } from '@hifazat/contract';
import { AppModal } from '../../components/AppModal';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { assessmentKeys, useEventTests, useTest } from './assessments.queries';
import { MarkingPanel } from './MarkingPanel';
import { PaperEntry } from './PaperEntry';
import { ParticipantCodes } from './ParticipantCodes';
import { TestBuilder } from './TestBuilder';
import { TestLinkPanel } from './TestLinkPanel';
import './strings';

type Tool = 'link' | 'paper' | 'mark';
type Building = { mode: 'create' } | { mode: 'edit'; testId: string } | null;

/** Pre-tests first, then post-tests; forms A before B. */
const order = (a: TestSummary, b: TestSummary) => (a.kind === b.kind ? (a.form ?? '').localeCompare(b.form ?? '') : a.kind === 'pre' ? -1 : 1);

/** The event's pre- and post-tests: their counts, link and QR code, paper sheets typed in, short answers marked. */
export default function TestsTab({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const tests = useEventTests(event.id);
  const [building, setBuilding] = useState<Building>(null);
  const [codesOpen, setCodesOpen] = useState(false);
  const [open, setOpen] = useState<{ testId: string; tool: Tool } | null>(null);
  const [deleting, setDeleting] = useState<TestSummary | null>(null);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api.call('deleteTest', { params: { id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.eventTests(event.id) });
      setDeleting(null);
    },
  });

  if (tests.isPending) return <PageLoader />;
  if (tests.error) return <ErrorAlert error={tests.error} />;
  const items = [...tests.data.items].sort(order);
  const toggle = (testId: string, tool: Tool) => setOpen((current) => (current?.testId === testId && current.tool === tool ? null : { testId, tool }));

  return (
    <Stack data-testid="tests-tab">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 280px' }}>
          {t('assessments:tests.help')}
        </Text>
        {editable ? (
          <Group gap="xs">
            <Button variant="default" onClick={() => setCodesOpen(true)} data-testid="tests-codes">
              {t('assessments:codes.title')}
            </Button>
            <Button onClick={() => setBuilding({ mode: 'create' })} data-testid="tests-create">
              {t('assessments:tests.new')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed" data-testid="tests-none">
          {t('assessments:tests.none')}
        </Text>
      ) : null}
      {items.map((test) => (
        <TestCard
          key={test.id}
          event={event}
          test={test}
          editable={editable}
          tool={open?.testId === test.id ? open.tool : null}
          onTool={(tool) => toggle(test.id, tool)}
          onEdit={() => setBuilding({ mode: 'edit', testId: test.id })}
          onDelete={() => setDeleting(test)}
        />
      ))}
      <AppModal
        opened={building !== null}
        onClose={() => setBuilding(null)}
        title={building?.mode === 'edit' ? t('assessments:builder.editTitle') : t('assessments:tests.new')}
        size="90rem"
        data-testid="test-builder-modal"
      >
        {building ? <BuilderLoader event={event} tests={items} building={building} onClose={() => setBuilding(null)} /> : null}
      </AppModal>
      <AppModal opened={codesOpen} onClose={() => setCodesOpen(false)} title={t('assessments:codes.title')} size="lg" data-testid="codes-modal">
        {codesOpen ? <ParticipantCodes event={event} /> : null}
      </AppModal>
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('assessments:tests.deleteTitle')}
        message={deleting?.title ?? ''}
        confirmLabel={t('common.delete')}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        loading={remove.isPending}
        error={remove.error}
        danger
        testId="test-delete-confirm"
      />
    </Stack>
  );
}

function BuilderLoader({ event, tests, building, onClose }: { event: Event; tests: TestSummary[]; building: Exclude<Building, null>; onClose: () => void }) {
  const test = useTest(building.mode === 'edit' ? building.testId : null);
  if (building.mode === 'edit' && test.isPending) return <PageLoader />;
  if (test.error) return <ErrorAlert error={test.error} />;
  return <TestBuilder event={event} tests={tests} test={building.mode === 'edit' ? test.data : undefined} onDone={onClose} onCancel={onClose} />;
}

function TestCard(props: {
  event: Event;
  test: TestSummary;
  editable: boolean;
  tool: Tool | null;
  onTool: (tool: Tool) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { event, test, editable, tool } = props;
  const { t } = useTranslation();
  const f = useFormat();
  // The questions are read when a tool needs them.
  const full = useTest(tool === 'paper' || tool === 'mark' ? test.id : null);
  const toolButton = (value: Tool, label: string) => (
    <Button
      size="xs"
      variant={tool === value ? 'filled' : 'light'}
      onClick={() => props.onTool(value)}
      aria-expanded={tool === value}
      data-testid={`test-${value}-${test.id}`}
    >
      {label}
    </Button>
  );
  return (
    <Card withBorder padding="sm" data-testid="test-card" data-test-id={test.id} data-kind={test.kind}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ flex: '1 1 260px', minWidth: 0 }}>
            <Group gap={6}>
              <Badge variant="filled" color={test.kind === 'pre' ? 'blue' : 'grape'}>
                {t(`assessments:testKind.${test.kind}`)}
              </Badge>
              {test.form ? <Badge variant="outline">{t('assessments:testForm', { form: test.form })}</Badge> : null}
              <Badge variant="light" color={test.link.open ? 'teal' : 'gray'} data-testid="test-card-link">
                {test.link.open ? t('assessments:link.open') : t('assessments:link.closed')}
              </Badge>
            </Group>
            <Text fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="test-card-title">
              {test.title}
            </Text>
            <Text size="sm" c="dimmed" data-testid="test-card-figures">
              {t('assessments:tests.figures', {
                questions: f.number(test.questionCount),
                points: f.number(test.maxScore),
                attempts: f.number(test.attemptCount),
              })}
              {test.passMark !== null ? ` · ${t('assessments:tests.passMark', { mark: f.number(test.passMark) })}` : ''}
            </Text>
          </Stack>
          {test.attemptsToMark > 0 ? (
            <Badge color="orange" variant="light" data-testid="test-card-to-mark">
              {t('assessments:tests.toMark', { n: f.number(test.attemptsToMark) })}
            </Badge>
          ) : null}
        </Group>
        <Group gap="xs">
          {toolButton('link', t('assessments:tests.linkAndQr'))}
          {editable ? toolButton('paper', t('assessments:tests.paper')) : null}
          {toolButton('mark', t('assessments:tests.mark'))}
          {editable ? (
            <Button size="xs" variant="default" onClick={props.onEdit} data-testid={`test-edit-${test.id}`}>
              {t('common.edit')}
            </Button>
          ) : null}
          {editable && test.attemptCount === 0 ? (
            <Button size="xs" variant="subtle" color="red" onClick={props.onDelete} data-testid={`test-delete-${test.id}`}>
              {t('common.delete')}
            </Button>
          ) : null}
        </Group>
        {tool === 'link' ? <TestLinkPanel test={test} editable={editable} /> : null}
        {tool === 'paper' || tool === 'mark' ? <ToolBody full={full.data} error={full.error} tool={tool} event={event} editable={editable} /> : null}
      </Stack>
    </Card>
  );
}

function ToolBody({ full, error, tool, event, editable }: { full: Test | undefined; error: unknown; tool: 'paper' | 'mark'; event: Event; editable: boolean }) {
  if (error) return <ErrorAlert error={error} />;
  if (!full) return <PageLoader />;
  return tool === 'paper' ? <PaperEntry event={event} test={full} /> : <MarkingPanel test={full} editable={editable} />;
}
