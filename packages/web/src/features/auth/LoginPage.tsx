import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { isApiError } from '../../lib/api';
import { useLogin, useMe } from './session';

function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));

  // The form is drawn while the session is being checked (not a loader): on a slow link it is usable a
  // round trip sooner, and a person already signed in is sent on as soon as the answer comes.
  if (me.data) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  let errorText: string | null = null;
  if (login.error) {
    const status = isApiError(login.error) ? login.error.status : 0;
    errorText =
      status === 401
        ? t('auth.invalid')
        : // The server says how long to wait, in the reader's language.
          status === 429 && isApiError(login.error) && login.error.message
          ? login.error.message
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
              <Alert color="red" data-testid="login-error" data-status={isApiError(login.error) ? login.error.status : 0}>
                {errorText}
              </Alert>
            ) : null}
            <Button type="submit" loading={login.isPending} data-testid="login-submit" fullWidth>
              {t('auth.signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
