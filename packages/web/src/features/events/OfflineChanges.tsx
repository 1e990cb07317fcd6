import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n';
import type { Participant } from '@hifazat/contract';
import { useFormat } from '../../lib/format';
import type { QueuedChange } from '../../lib/offlineQueue';
import { markOf, resolveConflict } from '../../lib/offlineSync';

/** Beside a cell or row whose change the server does not have yet. */
export function NotSavedYet({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="xs"
      variant="outline"
      color="orange"
      data-testid={testId}
      data-not-saved="true"
      style={{ display: 'block', margin: '2px auto 0', width: 'fit-content' }}
    >
      {t('offline.notSaved')}
    </Badge>
  );
}

/** The event's changes that someone else's change overtook: both values, and the person chooses. */
export function OfflineConflicts({ changes }: { changes: QueuedChange[] }) {
  const conflicts = changes.filter((c) => c.state === 'conflict');
  if (conflicts.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="offline-conflicts">
      {conflicts.map((change) => (
        <ConflictCard key={change.seq} change={change} />
      ))}
    </Stack>
  );
}

function ConflictCard({ change }: { change: QueuedChange }) {
  const { t } = useTranslation();
  const f = useFormat();
  const markText = (mark: boolean | null) => (mark === true ? t('offline.present') : mark === false ? t('offline.absent') : t('offline.unmarked'));
  const nameOf = (p: Participant | undefined) => p?.fullName ?? t('participants.hidden');
  const current = change.current ?? [];
  const rows: Array<{ what: string; yours: string; theirs: string }> = [];
  switch (change.kind) {
    case 'setAttendance': {
      const p = current.find((x) => x.personId === change.body.personId);
      rows.push({
        what: `${nameOf(p)} · ${f.date(change.body.date)}`,
        yours: markText(change.body.present),
        theirs: p ? markText(markOf(p, change.body.date)) : '—',
      });
      break;
    }
    case 'setDayAttendance':
      for (const p of current) {
        rows.push({ what: `${nameOf(p)} · ${f.date(change.body.date)}`, yours: markText(change.body.present), theirs: markText(markOf(p, change.body.date)) });
      }
      break;
    case 'updateParticipant': {
      const p = current.find((x) => x.personId === change.personId);
      if (change.body.role !== undefined) {
        rows.push({
          what: `${nameOf(p)} · ${t('participants.role')}`,
          yours: t(`participantRole.${change.body.role}`),
          theirs: p ? t(`participantRole.${p.role}`) : '—',
        });
      }
      if (change.body.attended !== undefined) {
        const yesNo = (v: boolean) => (v ? t('participants.yes') : t('participants.no'));
        rows.push({
          what: `${nameOf(p)} · ${t('participants.attendedDirect')}`,
          yours: yesNo(change.body.attended),
          theirs: p ? yesNo(p.attendedDirect) : '—',
        });
      }
      break;
    }
    case 'addParticipant':
      break;
  }
  return (
    <Alert color="orange" title={t('offline.conflictTitle')} data-testid="offline-conflict">
      <Text size="sm" mb="xs">
        {t('offline.conflictHelp')}
      </Text>
      <Stack gap={4} mb="sm">
        {rows.map((row, i) => (
          <Text size="sm" key={i} data-testid="offline-conflict-row">
            <bdi>{row.what}</bdi> — {t('offline.yours')}: <b data-testid="offline-conflict-yours">{row.yours}</b>; {t('offline.theirs')}:{' '}
            <b data-testid="offline-conflict-theirs">{row.theirs}</b>
          </Text>
        ))}
      </Stack>
      <Group gap="xs">
        <Button size="xs" onClick={() => void resolveConflict(change, 'mine')} data-testid="offline-keep-mine">
          {t('offline.keepMine')}
        </Button>
        <Button size="xs" variant="default" onClick={() => void resolveConflict(change, 'theirs')} data-testid="offline-keep-theirs">
          {t('offline.keepTheirs')}
        </Button>
      </Group>
    </Alert>
  );
}
