import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import type { Certificate, Participant } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../lib/format';
import { useEventParticipants } from '../events/events.queries';
import './strings';

type Chosen = { personId: string; fullName: string; participant: Participant };

/** The people of the list the reader may see (another country's are counted, never named), by name as the reader's language sorts. */
export function choosable(items: Participant[], locale: string): { people: Chosen[]; hidden: number } {
  const people = items
    .flatMap((p) => (p.personId !== null && p.fullName !== null ? [{ personId: p.personId, fullName: p.fullName, participant: p }] : []))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, locale));
  return { people, hidden: items.length - people.length };
}

/** Whether a name holds the text searched for, any case (Urdu has none: compared as written). */
export const nameMatches = (name: string, search: string, locale: string) =>
  search.trim() === '' || name.toLocaleLowerCase(locale).includes(search.trim().toLocaleLowerCase(locale));

/**
 * Issuing for chosen people: the event's list with a box to tick for each, a search by name, and
 * "Issue for selected". Each person still gets only what they earn; the report says why not.
 */
export function IssueChooser(props: {
  eventId: string;
  certificates: Certificate[];
  onIssue: (personIds: string[]) => void;
  onClose: () => void;
  loading: boolean;
  error: unknown;
}) {
  const { eventId, certificates, onIssue, onClose, loading, error } = props;
  const { t } = useTranslation();
  const f = useFormat();
  const participants = useEventParticipants(eventId);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { people, hidden } = useMemo(() => choosable(participants.data?.items ?? [], f.locale), [participants.data, f.locale]);
  const holding = useMemo(() => new Set(certificates.flatMap((c) => (!c.revoked && c.personId ? [c.personId] : []))), [certificates]);
  const shown = people.filter((p) => nameMatches(p.fullName, search, f.locale));

  const toggle = (personId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(personId);
      else next.delete(personId);
      return next;
    });
  const selectShown = () => setSelected((current) => new Set([...current, ...shown.map((p) => p.personId)]));
  const chosen = people.filter((p) => selected.has(p.personId)).map((p) => p.personId);

  return (
    <AppModal opened onClose={onClose} title={t('certificates:choose.title')} size="lg" centered data-testid="certificates-choose-modal">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('certificates:choose.help')}
        </Text>
        {participants.isPending ? (
          <PageLoader />
        ) : participants.error ? (
          <ErrorAlert error={participants.error} />
        ) : people.length === 0 ? (
          <Text c="dimmed" data-testid="certificates-choose-nobody">
            {t('certificates:choose.nobody')}
          </Text>
        ) : (
          <>
            <TextInput
              label={t('certificates:choose.search')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              type="search"
              data-testid="certificates-choose-search"
            />
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600} data-testid="certificates-choose-count">
                {t('certificates:choose.selected', { n: f.number(chosen.length) })}
              </Text>
              <Group gap="xs">
                <Button size="compact-sm" variant="subtle" onClick={selectShown} disabled={shown.length === 0} data-testid="certificates-choose-all">
                  {t('certificates:choose.selectShown')}
                </Button>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => setSelected(new Set())}
                  disabled={chosen.length === 0}
                  data-testid="certificates-choose-clear"
                >
                  {t('certificates:choose.clear')}
                </Button>
              </Group>
            </Group>
            <ScrollArea.Autosize mah="min(50vh, 420px)" type="auto" offsetScrollbars>
              <Stack gap={10} py={4} data-testid="certificates-choose-list">
                {shown.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('certificates:choose.noMatch')}
                  </Text>
                ) : (
                  shown.map(({ personId, fullName, participant }) => (
                    <div key={personId} data-testid="certificates-choose-person" data-person={personId}>
                      <Checkbox
                        checked={selected.has(personId)}
                        onChange={(e) => toggle(personId, e.currentTarget.checked)}
                        label={
                          <Text span size="sm" fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
                            {fullName}
                          </Text>
                        }
                        description={[
                          participant.role === 'participant' ? null : t(`participantRole.${participant.role}`),
                          participant.attended ? t('certificates:choose.attended') : t('certificates:choose.notAttended'),
                          holding.has(personId) ? t('certificates:choose.holds') : null,
                        ]
                          .filter((part): part is string => part !== null)
                          .join(' · ')}
                      />
                    </div>
                  ))
                )}
              </Stack>
            </ScrollArea.Autosize>
          </>
        )}
        {hidden > 0 ? (
          <Text size="sm" c="dimmed">
            {t('certificates:choose.hidden', { n: f.number(hidden) })}
          </Text>
        ) : null}
        {loading ? (
          <Alert color="blue" data-testid="certificates-choose-progress">
            {t('certificates:choose.working', { n: f.number(chosen.length) })}
          </Alert>
        ) : null}
        <ErrorAlert error={error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-testid="certificates-choose-cancel">
            {t('common.cancel')}
          </Button>
          <Button onClick={() => onIssue(chosen)} disabled={chosen.length === 0} loading={loading} data-testid="certificates-choose-issue">
            {t('certificates:choose.issue', { n: f.number(chosen.length) })}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
