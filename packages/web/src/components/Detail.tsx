import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value on a record's page; plain text follows its own direction (a Latin name on an Urdu page). */
export function Detail({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" dir={typeof children === 'string' ? 'auto' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}
