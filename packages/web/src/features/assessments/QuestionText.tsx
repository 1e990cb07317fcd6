import { Stack, Text } from '@mantine/core';
import type { LocalText } from '@hifazat/contract';

/** The question's text in the reader's language first (Urdu when it has one), the other below. */
export function QuestionText({ text, lang }: { text: LocalText; lang: 'en' | 'ur' }) {
  const first = lang === 'ur' && text.ur ? text.ur : text.en;
  const second = lang === 'ur' && text.ur ? text.en : text.ur;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
        {first}
      </Text>
      {second ? (
        <Text size="xs" c="dimmed" dir="auto" style={{ overflowWrap: 'anywhere' }}>
          {second}
        </Text>
      ) : null}
    </Stack>
  );
}
