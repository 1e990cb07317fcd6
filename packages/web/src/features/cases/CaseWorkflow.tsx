import { useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { approvalMoves, type ApprovalKind, type CaseDetail, type CaseStatus, type CaseWorkflow as Workflow, type User } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IsolatedList } from '../../components/IsolatedList';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { caseKeys } from './cases.queries';
import { caseWorkKeys, useCaseTasks, useCaseWorkflow } from './caseWork.queries';
import './caseWorkStrings';

/** The button's words for a move: approving the plan, closing and reopening say so; the others name the step. */
function moveLabel(t: (key: string, values?: Record<string, string>) => string, from: CaseStatus, to: CaseStatus): string {
  const step = t(`caseWork:step.${to}`);
  if (from === 'case_plan' && to === 'follow_up') return t('caseWork:workflow.approvePlan');
  if (to === 'closed') return t('caseWork:workflow.close');
  if (from === 'closed') return t('caseWork:workflow.reopen', { step });
  return t('caseWork:workflow.moveTo', { step });
}

/** The approval a data officer may ask for at this step (a supervisor's move from here). */
function approvalAt(status: CaseStatus): ApprovalKind | null {
  for (const kind of Object.keys(approvalMoves) as ApprovalKind[]) if (approvalMoves[kind].from.includes(status)) return kind;
  return null;
}

function WorkflowCard({ record, workflow, user }: { record: CaseDetail; workflow: Workflow; user: User | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [moved, setMoved] = useState<CaseStatus | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: caseKeys.one(record.id) });
  const move = useMutation({
    mutationFn: (to: CaseStatus) => api.call('transitionCase', { params: { id: record.id }, body: { to, ...(note.trim() ? { note: note.trim() } : {}) } }),
    onSuccess: async (_, to) => {
      setNote('');
      setMoved(to);
      await queryClient.invalidateQueries({ queryKey: caseWorkKeys.approvals });
      await refresh();
    },
  });
  const ask = useMutation({
    mutationFn: (kind: ApprovalKind) => api.call('requestCaseApproval', { params: { id: record.id }, body: { kind } }),
    onSuccess: refresh,
  });
  const allowed = workflow.moves.filter((m) => m.allowed);
  const needsNote = allowed.some((m) => m.noteRequired);
  const kind = approvalAt(workflow.status);
  const pendingKind = workflow.pendingApprovals.find((a) => a.kind === kind);
  // A data officer at a supervisor's step asks for approval instead (never through break-glass).
  const mayAsk = user?.role === 'data_officer' && record.access === 'scope' && kind !== null && workflow.moves.some((m) => !m.allowed && m.by === 'supervisor');
  return (
    <Card withBorder padding="sm" data-testid="case-workflow" data-status={workflow.status}>
      <Title order={3} size="h4" mb="xs">
        {t('caseWork:workflow.title')}
      </Title>
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('caseWork:workflow.current')}
          </Text>
          <Badge size="lg" variant="light" data-testid="case-workflow-step">
            {t(`caseWork:step.${workflow.status}`)}
          </Badge>
          {workflow.closedAt ? (
            <Text size="sm" c="dimmed">
              {t('caseWork:workflow.closedOn', { date: f.date(workflow.closedAt) })}
            </Text>
          ) : null}
        </Group>
        {moved ? (
          <Alert color="teal" variant="light" data-testid="case-workflow-moved" withCloseButton onClose={() => setMoved(null)}>
            {t('caseWork:workflow.moved', { step: t(`caseWork:step.${moved}`) })}
          </Alert>
        ) : null}
        {workflow.pendingApprovals.map((a) => (
          <Alert key={a.id} color="yellow" variant="light" data-testid="case-workflow-pending" data-kind={a.kind}>
            {t('caseWork:workflow.pending', { kind: t(`caseWork:approvalKind.${a.kind}`) })}
          </Alert>
        ))}
        {needsNote ? (
          <Textarea
            label={t('caseWork:workflow.note')}
            description={t('caseWork:workflow.noteRequired')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            data-testid="case-workflow-note"
          />
        ) : null}
        {allowed.length > 0 || mayAsk ? (
          <Group gap="xs" wrap="wrap">
            {allowed.map((m) => (
              <Button
                key={m.to}
                variant={m.by === 'supervisor' ? 'filled' : 'light'}
                color={m.to === 'closed' ? 'gray' : undefined}
                loading={move.isPending && move.variables === m.to}
                disabled={m.noteRequired && note.trim() === ''}
                onClick={() => move.mutate(m.to)}
                data-testid={`case-move-${m.to}`}
              >
                {moveLabel(t, workflow.status, m.to)}
              </Button>
            ))}
            {mayAsk && kind ? (
              <Button variant="filled" disabled={!!pendingKind} loading={ask.isPending} onClick={() => ask.mutate(kind)} data-testid="case-ask-approval">
                {t('caseWork:workflow.askApproval')}
              </Button>
            ) : null}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {workflow.moves.length > 0 ? t('caseWork:workflow.needsSupervisor') : t('caseWork:workflow.noMoves')}
          </Text>
        )}
        {ask.isSuccess ? (
          <Text size="sm" c="teal" data-testid="case-approval-asked">
            {t('caseWork:workflow.asked')}
          </Text>
        ) : null}
        <ErrorAlert error={move.error ?? ask.error} />
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('caseWork:workflow.steps')}
          </Text>
          {workflow.transitions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('caseWork:workflow.noSteps')}
            </Text>
          ) : (
            workflow.transitions.map((s) => (
              <Stack key={s.id} gap={0} data-testid="case-workflow-transition">
                <Text size="sm">
                  <IsolatedList
                    items={[
                      t('caseWork:workflow.fromTo', { from: t(`caseWork:step.${s.from}`), to: t(`caseWork:step.${s.to}`) }),
                      s.by?.name,
                      f.dateTime(s.at),
                    ]}
                  />
                </Text>
                {s.note ? (
                  <Text size="sm" c="dimmed" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                    {s.note}
                  </Text>
                ) : null}
              </Stack>
            ))
          )}
        </Stack>
      </Stack>
    </Card>
  );
}

function TasksCard({ record, mayWork }: { record: CaseDetail; mayWork: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const tasks = useCaseTasks(record.id);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: caseWorkKeys.tasks(record.id) });
  const add = useMutation({
    mutationFn: () => api.call('createCaseTask', { params: { id: record.id }, body: { title: title.trim(), dueOn } }),
    onSuccess: async () => {
      setTitle('');
      setDueOn('');
      await refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: ({ taskId, done }: { taskId: string; done: boolean }) => api.call('updateCaseTask', { params: { id: record.id, taskId }, body: { done } }),
    onSuccess: refresh,
  });
  return (
    <Card withBorder padding="sm" data-testid="case-tasks">
      <Title order={3} size="h4" mb="xs">
        {t('caseWork:tasks.title')}
      </Title>
      <Stack gap="xs">
        {tasks.isPending ? <PageLoader /> : null}
        <ErrorAlert error={tasks.error ?? toggle.error} />
        {tasks.data?.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('caseWork:tasks.none')}
          </Text>
        ) : null}
        {tasks.data?.items.map((task) => (
          <Group key={task.id} gap="xs" wrap="nowrap" align="flex-start" data-testid="case-task" data-overdue={task.overdue}>
            <Checkbox
              checked={task.done}
              disabled={!mayWork}
              aria-label={task.done ? t('caseWork:tasks.reopen') : t('caseWork:tasks.markDone')}
              onChange={(e) => toggle.mutate({ taskId: task.id, done: e.currentTarget.checked })}
              mt={2}
            />
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" dir="auto" td={task.done ? 'line-through' : undefined} style={{ overflowWrap: 'anywhere' }}>
                {task.title}
              </Text>
              <Group gap={6} wrap="wrap">
                <Text size="xs" c="dimmed">
                  {t('caseWork:tasks.due', { date: f.date(task.dueOn) })}
                </Text>
                {task.overdue ? (
                  <Badge size="xs" color="red" variant="light">
                    {t('caseWork:tasks.overdue')}
                  </Badge>
                ) : null}
                {task.assignee ? (
                  <Text size="xs" c="dimmed">
                    {t('caseWork:tasks.assignee', { name: task.assignee.name })}
                  </Text>
                ) : null}
              </Group>
            </Stack>
          </Group>
        ))}
        {mayWork ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (title.trim() && dueOn) add.mutate();
            }}
          >
            <Stack gap="xs">
              <TextInput
                label={t('caseWork:tasks.taskTitle')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                maxLength={300}
                data-testid="case-task-title"
              />
              <DateField label={t('caseWork:tasks.dueOn')} value={dueOn} onChange={setDueOn} testId="case-task-due" />
              <Group>
                <Button type="submit" variant="light" disabled={!title.trim() || !dueOn} loading={add.isPending} data-testid="case-task-add">
                  {t('caseWork:tasks.add')}
                </Button>
              </Group>
              <ErrorAlert error={add.error} />
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The workflow tab: where the case stands in the SOP, the next steps as buttons, and the tasks. */
export function CaseWorkflowTab({ record, user }: { record: CaseDetail; user: User | null }) {
  const workflow = useCaseWorkflow(record.id);
  const mayWork = record.access === 'scope' && record.victim !== null && (user?.role === 'data_officer' || user?.role === 'supervisor');
  if (workflow.isPending) return <PageLoader />;
  if (workflow.isError) return <ErrorAlert error={workflow.error} />;
  return (
    <Stack gap="md">
      <WorkflowCard record={record} workflow={workflow.data} user={user} />
      <TasksCard record={record} mayWork={mayWork && record.status !== 'closed'} />
    </Stack>
  );
}
