import { useState } from 'react';
import { Badge, Card, Group, Stack, Switch, Text } from '@mantine/core';
import { useTranslation, type Translate } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../lib/format';
import { useCaseHistory } from './cases.queries';
import './strings';
import '../case-duplicates/strings';

type Entry = {
  id: string;
  at: string;
  action: string;
  user: { id: string; name: string } | null;
  fields: string[];
  note: string | null;
  /** An entry of a case merged into this one (possible duplicates). */
  fromReference?: string | null | undefined;
};

/** A field of the history in words (the server names fields only, never their values). */
export function fieldLabel(t: Translate, field: string): string {
  return t(`cases:historyField.${field}`, {
    defaultValue: t(`cases:field.${field}`, { defaultValue: t(`caseDuplicates:historyField.${field}`, { defaultValue: field }) }),
  });
}

/**
 * The server's notes in the reader's language: they follow a few fixed forms (the version and rules of a
 * screening, a read through break-glass, a request of the person); any other note is shown as written.
 */
export function noteText(t: Translate, note: string): string {
  const screening = /^version (\d+), rules (\S+)$/.exec(note);
  if (screening) return t('cases:history.noteScreening', { version: screening[1], rules: screening[2] });
  if (note === 'break-glass') return t('cases:history.noteBreakGlass');
  if (/^on the person['’]s request \(encrypted archive\)$/.test(note)) return t('cases:history.noteExport');
  if (/^on the person['’]s request$/.test(note)) return t('cases:history.noteRequest');
  const retention = /^retention: closed more than (\d+) years ago$/.exec(note);
  if (retention) return t('cases:history.noteRetention', { years: retention[1] });
  // Possible duplicates: a merge names the other case's reference; the rest name a pair's id (not shown).
  const merge = /^(from|into) ([A-Z]{2}-\d{4}-\d+)$/.exec(note);
  if (merge) return t(merge[1] === 'from' ? 'caseDuplicates:fromCase' : 'caseDuplicates:noteInto', { reference: merge[2] });
  if (/^pair [0-9a-f-]{36}$/.test(note)) return t('caseDuplicates:notePair');
  if (/^possible duplicate [0-9a-f-]{36}$/.test(note)) return t('caseDuplicates:noteViewed');
  if (note === 'with the case it was merged into') return t('caseDuplicates:noteWithMerged');
  return note;
}

/** Newest first; reads (every opening of the case is recorded) only when asked for, as they soon outnumber the rest. */
export function historyShown(items: Entry[], withReads: boolean): Entry[] {
  return [...items].reverse().filter((e) => withReads || e.action !== 'view');
}

/** A case's audit trail: what was done (opened, changed, screened, read, exported, the glass broken), by whom, when, and which fields. */
export function CaseHistory({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const history = useCaseHistory(caseId, true);
  const [withReads, setWithReads] = useState(false);
  if (history.isPending) return <PageLoader />;
  if (history.error) return <ErrorAlert error={history.error} />;
  const items = history.data.items;
  const reads = items.filter((e) => e.action === 'view').length;
  const shown = historyShown(items, withReads);
  return (
    <Stack gap="sm" data-testid="case-history">
      <Switch
        label={t('cases:history.withReads', { n: f.number(reads) })}
        checked={withReads}
        onChange={(e) => setWithReads(e.currentTarget.checked)}
        data-testid="case-history-reads"
      />
      {shown.length === 0 ? (
        <Text c="dimmed" data-testid="history-empty">
          {t('history.empty')}
        </Text>
      ) : null}
      {shown.map((entry) => (
        <Card key={entry.id} withBorder padding="sm" data-testid="case-history-entry" data-action={entry.action}>
          <Group gap="xs" wrap="wrap">
            <Badge variant="light" color={entry.action === 'break_glass' || entry.action === 'erase' ? 'red' : undefined}>
              {t(`cases:action.${entry.action}`, { defaultValue: t(`caseDuplicates:action.${entry.action}`, { defaultValue: entry.action }) })}
            </Badge>
            {entry.fromReference ? (
              <Badge variant="outline" color="gray" data-testid="case-history-from">
                {t('caseDuplicates:fromCase', { reference: entry.fromReference })}
              </Badge>
            ) : null}
            <Text size="sm" fw={600}>
              <bdi>{entry.user?.name ?? t('history.system')}</bdi>
            </Text>
            <Text size="sm" c="dimmed">
              {f.dateTime(entry.at)}
            </Text>
          </Group>
          {entry.fields.length > 0 ? (
            <Text size="sm" mt={4} data-testid="case-history-fields">
              {t('cases:history.fields')}: {entry.fields.map((field) => fieldLabel(t, field)).join(t('common.listSeparator'))}
            </Text>
          ) : null}
          {entry.note ? (
            <Text size="xs" c="dimmed" mt={2} dir="auto" data-testid="case-history-note">
              {noteText(t, entry.note)}
            </Text>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}
