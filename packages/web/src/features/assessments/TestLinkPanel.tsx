import { useQueryClient } from '@tanstack/react-query';
import type { TestSummary } from '@hifazat/contract';
import { api } from '../../lib/api';
import { assessmentKeys } from './assessments.queries';
import { PublicLinkPanel } from './PublicLinkPanel';

/**
 * The test's public link: its address and QR code, and (for its trainers) opening, closing and
 * renewing it, and whether people name themselves by a name from the list or by personal code only.
 */
export function TestLinkPanel({ test, editable }: { test: TestSummary; editable: boolean }) {
  const queryClient = useQueryClient();
  return (
    <PublicLinkPanel
      link={test.link}
      title={test.title}
      fileName={`test-${test.kind}-qr.svg`}
      testId="test-link"
      panelTestId={`test-link-${test.id}`}
      editable={editable}
      identifyBy={test.link.identifyBy}
      onSet={async (body) => {
        const saved = await api.call('setTestLink', { params: { id: test.id }, body });
        queryClient.setQueryData(assessmentKeys.test(test.id), saved);
        void queryClient.invalidateQueries({ queryKey: assessmentKeys.eventTests(test.eventId) });
      }}
    />
  );
}
