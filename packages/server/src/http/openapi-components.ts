import * as contract from '@hifazat/contract';
import { z } from 'zod';

/**
 * Schemas that the OpenAPI document names once under components/schemas and refers to everywhere
 * else (otherwise each route repeats them in full). Registered here, not in the contract, so that
 * the contract stays free of side effects for the web bundle.
 */
const named: Array<[z.ZodType, string]> = [
  [contract.zApiError, 'ApiError'],
  [contract.zSexCounts, 'SexCounts'],
  [contract.zOrganizationRef, 'OrganizationRef'],
  [contract.zOrganization, 'Organization'],
  [contract.zPerson, 'Person'],
  [contract.zDuplicateCandidate, 'DuplicateCandidate'],
  [contract.zProgramme, 'Programme'],
  [contract.zEvent, 'Event'],
  [contract.zParticipant, 'Participant'],
  [contract.zEventSummary, 'EventSummary'],
  [contract.zImportReport, 'ImportReport'],
  [contract.zProgrammeReport, 'ProgrammeReport'],
  [contract.zHistoryEntry, 'HistoryEntry'],
  [contract.zUser, 'User'],
];

let registered = false;
export function registerOpenApiComponents(): void {
  if (registered) return;
  registered = true;
  for (const [schema, id] of named) {
    if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id });
  }
}
