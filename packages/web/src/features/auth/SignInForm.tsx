import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { LoginBody } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { isApiError } from '../../lib/api';

/** The address to go on to after signing in: a path of this site only ('//other.site' is another site). */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

type SignInFormProps = { pending: boolean; error: unknown; onSubmit: (body: LoginBody) => void };

/**
 * Email, password and the language switch. Drawn by the app's sign-in page and by the sign-in page
 * the server sends to a visitor without a session (src/signin.tsx), which loads nothing else.
 */
export function SignInForm({ pending, error, onSubmit }: SignInFormProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ email: email.trim(), password });
  };

  let errorText: string | null = null;
  if (error) {
    const status = isApiError(error) ? error.status : 0;
    errorText =
      status === 401
        ? t('auth.invalid')
        : // The server says how long to wait, in the reader's language.
          status === 429 && isApiError(error) && error.message
          ? error.message
          : status === 429
            ? t('auth.rateLimited')
            : status === 0
              ? t('apiError.network_error')
              : t('auth.failed');
  }

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" align="center">
              <Title order={2} c="teal.8">
                {t('app.name')}
              </Title>
              <LanguageSwitch />
            </Group>
            <Text c="dimmed" size="sm">
              {t('app.tagline')}
            </Text>
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              data-testid="login-email"
              dir="ltr"
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-testid="login-password"
            />
            {errorText ? (
              <Alert color="red" data-testid="login-error" data-status={isApiError(error) ? error.status : 0}>
                {errorText}
              </Alert>
            ) : null}
            <Button type="submit" loading={pending} data-testid="login-submit" fullWidth>
              {t('auth.signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
