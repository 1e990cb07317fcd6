import type { Db } from '../../db/database.js';
import { verifyChain, type ChainVerdict } from './audit.repository.js';

export type AuditCheck = { intact: boolean; entries: number; text: string; verdict: ChainVerdict };

/**
 * Walks the audit chain (`npx hifazat audit verify`, doctor): "audit chain intact: N entries", or
 * the first broken entry by sequence number, id and time, and why.
 */
export async function verifyAuditChain(db: Db): Promise<AuditCheck> {
  const verdict = await verifyChain(db);
  if (verdict.intact) {
    return {
      intact: true,
      entries: verdict.entries,
      verdict,
      text: `audit chain intact: ${verdict.entries} ${verdict.entries === 1 ? 'entry' : 'entries'} (last hash ${verdict.head.hash.slice(0, 16)})`,
    };
  }
  const { seq, id, at, reason } = verdict.broken;
  const which = id ? `entry ${seq} (id ${id}, written ${at})` : `entry ${seq}`;
  return {
    intact: false,
    entries: verdict.entries,
    verdict,
    text: `audit chain broken at ${which}: ${reason}; ${verdict.entries} entries checked intact before the break`,
  };
}
