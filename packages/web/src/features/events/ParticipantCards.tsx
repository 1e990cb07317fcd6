import { ActionIcon, Anchor, Badge, Card, Group, NativeSelect, Stack, Switch, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import { participantRoles, type Participant, type ParticipantRole } from '@hifazat/contract';
import { IsolatedList } from '../../components/IsolatedList';
import { asEnum, enumOptions } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { NotSavedYet } from './OfflineChanges';

type Props = {
  items: Participant[];
  editable: boolean;
  /** People whose change made on this device the server does not have yet. */
  notSaved: Set<string>;
  onRole: (participant: Participant, role: ParticipantRole) => void;
  onAttended: (participant: Participant, attended: boolean) => void;
  onRemove: (participant: Participant) => void;
};

/** The participants on a phone: one card each, with the same controls (and test ids) as the table's row. */
export function ParticipantCards({ items, editable, notSaved, onRole, onAttended, onRemove }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="participants-cards">
      {items.map((p, index) => {
        const personId = p.personId;
        const status = (
          <Badge variant="light" color={p.attended ? 'teal' : 'gray'} data-testid={personId ? `participant-status-${personId}` : undefined}>
            {p.attended ? t('participants.yes') : t('participants.no')}
          </Badge>
        );
        if (p.hidden || personId === null) {
          // Another country's participant: counted and shown, never named or linked, and left as it is.
          return (
            <Card key={`hidden-${index}`} withBorder padding="sm" data-testid="participant-row" data-hidden="true">
              <Text fs="italic" c="dimmed" data-testid="participant-hidden">
                {t('participants.hidden')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('participants.hiddenHelp')}
              </Text>
              <Group gap="xs" mt={4}>
                <Text size="sm">
                  <IsolatedList items={[t(`sex.${p.sex}`), t(`participantRole.${p.role}`)]} />
                </Text>
                {status}
              </Group>
            </Card>
          );
        }
        return (
          <Card
            key={personId}
            withBorder
            padding="sm"
            data-testid="participant-row"
            data-person-id={personId}
            data-not-saved={notSaved.has(personId) ? 'true' : undefined}
          >
            {notSaved.has(personId) ? <NotSavedYet testId={`participant-not-saved-${personId}`} /> : null}
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Stack gap={0} className="card-value">
                <Anchor component={Link} to={`/people/${personId}`} fw={600}>
                  {p.fullName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  <IsolatedList items={[t(`sex.${p.sex}`), p.designation]} />
                </Text>
                {p.organization ? (
                  // A long Latin name on its own line keeps its order in an Urdu page.
                  <Text size="xs" c="dimmed" dir="auto">
                    {organizationLabel(p.organization)}
                  </Text>
                ) : null}
              </Stack>
              {editable ? (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  onClick={() => onRemove(p)}
                  aria-label={t('participants.remove')}
                  data-testid={`participant-remove-${personId}`}
                >
                  ×
                </ActionIcon>
              ) : null}
            </Group>
            <Group gap="sm" mt="xs" wrap="wrap" align="center">
              {editable ? (
                <NativeSelect
                  size="xs"
                  w={150}
                  data={enumOptions(t, 'participantRole', participantRoles)}
                  value={p.role}
                  aria-label={t('participants.role')}
                  onChange={(e) => {
                    const role = asEnum(participantRoles, e.currentTarget.value);
                    if (role && role !== p.role) onRole(p, role);
                  }}
                  data-testid={`participant-role-${personId}`}
                />
              ) : (
                <Text size="sm">{t(`participantRole.${p.role}`)}</Text>
              )}
              <Switch
                checked={p.attendedDirect}
                disabled={!editable}
                label={t('participants.attendedDirect')}
                onChange={(e) => onAttended(p, e.currentTarget.checked)}
                data-testid={`participant-attended-${personId}`}
              />
              {status}
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
