import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { CaseScreening } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { IsolatedList } from '../../components/IsolatedList';
import { useFormat } from '../../lib/format';
import { ScreeningResult } from '../screening/ScreeningResult';
import './strings';

const SUGGESTION_COLOR: Record<CaseScreening['result']['suggestion'], string> = {
  tip: 'red',
  som: 'orange',
  both: 'red',
  neither: 'gray',
  insufficient: 'yellow',
};

/** Newest first: the highest version on top (the server sends them so; a list built here keeps it). */
export function newestFirst(screenings: CaseScreening[]): CaseScreening[] {
  return [...screenings].sort((a, b) => b.version - a.version || b.createdAt.localeCompare(a.createdAt));
}

function StoredScreening({
  screening,
  versions,
  open,
  onToggle,
  onCorrect,
}: {
  screening: CaseScreening;
  /** Version numbers by id, to name the one a correction corrects. */
  versions: Map<string, number>;
  open: boolean;
  onToggle: () => void;
  onCorrect: (() => void) | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { result, decision } = screening;
  const corrected = screening.correctsId ? versions.get(screening.correctsId) : undefined;
  return (
    <Card withBorder padding="sm" data-testid={`stored-screening-${screening.version}`} data-suggestion={result.suggestion}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="outline" color="gray">
            {t('cases:screenings.version', { version: screening.version })}
          </Badge>
          <Badge color={SUGGESTION_COLOR[result.suggestion]} variant="light" h="auto" py={2} maw="100%" styles={{ label: { whiteSpace: 'normal' } }}>
            {t(`screening:suggestion.${result.suggestion}`)}
          </Badge>
          {result.emergency.referralFirst ? (
            <Badge color="red" variant="filled">
              {t('screening:result.emergency')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" data-testid="stored-screening-decision">
          {decision ? (
            <>
              <Text span fw={600} size="sm">
                {t('cases:screenings.decision')}:
              </Text>{' '}
              <IsolatedList items={[t(`cases:traffickingStatus.${decision.traffickingStatus}`), t(`cases:decisionOrg.${decision.decisionMakingOrg}`)]} />
            </>
          ) : (
            <Text span c="dimmed" size="sm">
              {t('cases:screenings.noDecision')}
            </Text>
          )}
        </Text>
        <Text size="xs" c="dimmed" data-testid="stored-screening-meta">
          <IsolatedList
            items={[
              screening.createdBy?.name,
              f.dateTime(screening.createdAt),
              `${t('screening:result.rules')}: ${screening.rulesVersion}`,
              corrected !== undefined ? t('cases:screenings.corrects', { version: corrected }) : null,
            ]}
          />
        </Text>
        <Group gap="xs">
          <Button variant="light" size="compact-sm" onClick={onToggle} aria-expanded={open} data-testid="stored-screening-toggle">
            {open ? t('cases:screenings.hide') : t('cases:screenings.show')}
          </Button>
          {onCorrect ? (
            <Button variant="subtle" size="compact-sm" onClick={onCorrect} data-testid="stored-screening-correct">
              {t('cases:screenings.correct')}
            </Button>
          ) : null}
        </Group>
        {open ? <ScreeningResult result={result} /> : null}
      </Stack>
    </Card>
  );
}

/** A case's stored screenings, newest first: suggestion, decision, who, when, rules version; each opens to its elements and legal basis. */
export function StoredScreenings({
  screenings,
  initiallyOpen,
  onCorrect,
}: {
  screenings: CaseScreening[];
  initiallyOpen: string | null;
  onCorrect: ((screening: CaseScreening) => void) | null;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(initiallyOpen ? [initiallyOpen] : []));
  const versions = new Map(screenings.map((s) => [s.id, s.version]));
  if (screenings.length === 0) {
    return (
      <Text c="dimmed" data-testid="stored-screenings-empty">
        {t('cases:screenings.none')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="stored-screenings">
      {newestFirst(screenings).map((s) => (
        <StoredScreening
          key={s.id}
          screening={s}
          versions={versions}
          open={open.has(s.id)}
          onToggle={() =>
            setOpen((current) => {
              const next = new Set(current);
              if (next.has(s.id)) next.delete(s.id);
              else next.add(s.id);
              return next;
            })
          }
          onCorrect={onCorrect ? () => onCorrect(s) : null}
        />
      ))}
    </Stack>
  );
}
