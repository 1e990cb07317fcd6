import type { CertificateSkipReason, IssueCertificatesResult } from '@hifazat/contract';
import { certificateSkipReasons } from '@hifazat/contract';

export type SkipGroup = { reason: CertificateSkipReason; names: string[] };

/**
 * The people an issue run skipped, grouped by reason in the contract's order, each group's names
 * sorted as the reader's language sorts them. `nameOf` gives a person's name from the event's list
 * (null when the list no longer has them: they are named by `someone`).
 */
export function skipGroups(
  result: Pick<IssueCertificatesResult, 'skipped'>,
  nameOf: (personId: string) => string | null,
  someone: string,
  locale: string,
): SkipGroup[] {
  const byReason = new Map<CertificateSkipReason, string[]>();
  for (const { personId, reason } of result.skipped) {
    const names = byReason.get(reason) ?? [];
    names.push(nameOf(personId) ?? someone);
    byReason.set(reason, names);
  }
  return certificateSkipReasons.flatMap((reason) => {
    const names = byReason.get(reason);
    return names ? [{ reason, names: names.sort((a, b) => a.localeCompare(b, locale)) }] : [];
  });
}
