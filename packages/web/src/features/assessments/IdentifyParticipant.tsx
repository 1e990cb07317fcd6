import { useState, type FormEvent } from 'react';
import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from '../../i18n';
import type { SendProblem } from '../../lib/usePublicDraft';
import './takeStrings';

/**
 * "Who are you?" on a public link (a test, a feedback questionnaire): tap your name on the event's
 * list, or type the personal code printed on the attendance sheet. A link that takes codes only
 * (`codeOnly`: a post-test, unless its trainer chose otherwise) shows the code field alone.
 */
export function IdentifyParticipant({
  participants,
  problem,
  onIdentify,
  codeOnly = false,
}: {
  participants: ReadonlyArray<{ ref: string; name: string }>;
  problem: SendProblem | null;
  onIdentify: (who: { participant: { ref: string; name: string } } | { personalCode: string }) => void;
  codeOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const needle = filter.trim().toLocaleLowerCase();
  const names = participants.filter((p) => needle === '' || p.name.toLocaleLowerCase().includes(needle));
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    const typed = code.trim();
    if (typed === '') return setCodeError(t('take:codeRequired'));
    onIdentify({ personalCode: typed });
  };
  return (
    <Stack gap="sm" data-testid="take-identify">
      {problem?.kind === 'identify' ? (
        <Alert color="red" data-testid="take-identify-error">
          {t(problem.field === 'personalCode' ? 'take:wrongCode' : codeOnly ? 'take:codeNeeded' : 'take:nameGone')}
        </Alert>
      ) : null}
      {codeOnly ? null : (
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Title order={3} fz="lg">
              {t('take:whoAreYou')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('take:pickName')}
            </Text>
            {participants.length > 8 ? (
              <TextInput
                label={t('take:findName')}
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
                type="search"
                data-testid="take-name-filter"
              />
            ) : null}
            <Stack gap={6} data-testid="take-names">
              {names.map((p) => (
                <Button
                  key={p.ref}
                  variant="default"
                  size="md"
                  fullWidth
                  justify="flex-start"
                  onClick={() => onIdentify({ participant: { ref: p.ref, name: p.name } })}
                  data-testid="take-name"
                >
                  <span dir="auto">{p.name}</span>
                </Button>
              ))}
              {names.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('take:noName')}
                </Text>
              ) : null}
            </Stack>
          </Stack>
        </Paper>
      )}
      <Paper withBorder p="md" data-testid="take-code-form" data-code-only={codeOnly ? 'true' : 'false'}>
        <form onSubmit={submitCode} noValidate>
          <Stack gap="xs">
            {codeOnly ? (
              <Title order={3} fz="lg">
                {t('take:whoAreYou')}
              </Title>
            ) : null}
            <TextInput
              label={codeOnly ? t('take:codeOnlyLabel') : t('take:code')}
              description={codeOnly ? t('take:codeOnly') : t('take:codeHelp')}
              value={code}
              onChange={(e) => {
                setCode(e.currentTarget.value);
                setCodeError(null);
              }}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              dir="ltr"
              maxLength={20}
              error={codeError}
              data-testid="take-code"
            />
            <Button type="submit" variant={codeOnly ? 'filled' : 'light'} data-testid="take-code-submit">
              {t('take:continue')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
