import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../../i18n';
import './strings';

/** The supervisor's home leads to the possible duplicates. */
export function DuplicatesCard() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid="case-home-duplicates">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('caseDuplicates:homeTitle')}
        </Title>
        <Text size="sm">{t('caseDuplicates:homeBody')}</Text>
        <Group>
          <Button component={Link} to="/case-duplicates" variant="default" data-testid="case-home-duplicates-link">
            {t('caseDuplicates:homeOpen')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
