import { useState, type ReactNode } from 'react';
import { Badge, Button, Card, Collapse, Group } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** Filters in a card; on a phone they fold away behind a button that shows how many are set. */
export function FilterPanel({ active, children, testId }: { active: number; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const [open, setOpen] = useState(false);
  if (!phone) {
    return (
      <Card withBorder mb="md" padding="sm" data-testid={testId}>
        {children}
      </Card>
    );
  }
  return (
    <Card withBorder mb="md" padding="xs" data-testid={testId}>
      <Group justify="space-between">
        <Button variant="subtle" size="compact-md" onClick={() => setOpen((o) => !o)} data-testid={`${testId}-toggle`} aria-expanded={open}>
          {open ? t('common.hideFilters') : t('common.showFilters')}
        </Button>
        {active > 0 ? (
          <Badge variant="light" data-testid={`${testId}-active`}>
            {t('common.activeFilters', { n: active })}
          </Badge>
        ) : null}
      </Group>
      <Collapse expanded={open} pt={open ? 'xs' : 0}>
        {children}
      </Collapse>
    </Card>
  );
}

export function countActive(values: Record<string, string>): number {
  return Object.values(values).filter((v) => v !== '').length;
}
