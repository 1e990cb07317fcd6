import { useState, type ReactNode } from 'react';
import { Badge, Button, Card, Collapse, Group, SimpleGrid, Stack, type SimpleGridProps } from '@mantine/core';
import { useTranslation } from '../i18n';
import { usePhone } from '../lib/media';

type Props = {
  /** How many filters are set (shown on the phone's folded panel). */
  active: number;
  testId: string;
  /** Always in sight, on a phone too (above the folded filters). */
  search?: ReactNode;
  /** The filter fields, laid out in a grid. */
  children?: ReactNode;
  /** "Clear filters", with its own test id. */
  clear?: { onClick: () => void; testId: string };
  cols?: SimpleGridProps['cols'];
};

/** Filters in a card; on a phone they fold away behind a button that shows how many are set, the search staying open. */
export function FilterPanel({ active, testId, search, children, clear, cols = { base: 1, xs: 2, md: 4 } }: Props) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  const clearButton = clear ? (
    <Group align="flex-end">
      <Button variant="subtle" onClick={clear.onClick} data-testid={clear.testId}>
        {t('common.clearFilters')}
      </Button>
    </Group>
  ) : null;
  if (!phone) {
    return (
      <Card withBorder mb="md" padding="sm" data-testid={testId}>
        <SimpleGrid cols={cols} spacing="sm">
          {search}
          {children}
          {clearButton}
        </SimpleGrid>
      </Card>
    );
  }
  const foldable = Boolean(children) || clearButton !== null;
  return (
    <Card withBorder mb="md" padding="xs" data-testid={testId}>
      <Stack gap="xs">
        {search}
        {foldable ? (
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
        ) : null}
      </Stack>
      {foldable ? (
        <Collapse expanded={open} pt={open ? 'xs' : 0}>
          <SimpleGrid cols={cols} spacing="sm">
            {children}
            {clearButton}
          </SimpleGrid>
        </Collapse>
      ) : null}
    </Card>
  );
}

export function countActive(values: Record<string, string>): number {
  return Object.values(values).filter((v) => v !== '').length;
}
