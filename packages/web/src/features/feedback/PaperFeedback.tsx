import { lazy, Suspense, useState } from 'react';
import { Button, Card, Stack, Title } from '@mantine/core';
import type { FeedbackForm } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { PageLoader } from '../../components/PageLoader';
import './strings';

// Fetched when first opened: the event's Feedback tab does not carry the typing form.
const PaperFeedbackEntry = lazy(() => import('./PaperFeedbackEntry'));

/** "Type paper questionnaires" on the event's Feedback tab: a button, and under it the typing form once opened. */
export function PaperFeedback({ form }: { form: FeedbackForm }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Stack gap="xs">
      <Button
        variant={open ? 'filled' : 'light'}
        onClick={() => setOpen((current) => !current)}
        aria-expanded={open}
        style={{ alignSelf: 'flex-start' }}
        data-testid="feedback-paper-open"
      >
        {open ? t('feedback:paper.close') : t('feedback:paper.open')}
      </Button>
      {open ? (
        <Card withBorder>
          <Title order={3} fz="lg" mb="xs">
            {t('feedback:paper.title')}
          </Title>
          <Suspense fallback={<PageLoader />}>
            <PaperFeedbackEntry form={form} />
          </Suspense>
        </Card>
      ) : null}
    </Stack>
  );
}
