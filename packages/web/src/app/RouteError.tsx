import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from '../i18n';

export function RouteError({ notFound = false }: { notFound?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center mih={300} p="xl">
      <Stack align="center" gap="sm">
        <Title order={3}>{notFound ? t('error.notFoundTitle') : t('error.pageTitle')}</Title>
        <Text c="dimmed">{notFound ? t('error.notFoundText') : t('error.pageText')}</Text>
        <Button onClick={() => window.location.assign('/')} data-testid="error-home">
          {t('error.home')}
        </Button>
      </Stack>
    </Center>
  );
}
