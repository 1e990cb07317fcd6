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
  [contract.zQuestion, 'Question'],
  [contract.zTestSummary, 'TestSummary'],
  [contract.zTest, 'Test'],
  [contract.zAttempt, 'Attempt'],
  [contract.zTakeTest, 'TakeTest'],
  // Request bodies, named so that generated clients get named types.
  [contract.zLoginBody, 'LoginBody'],
  [contract.zChangePasswordBody, 'ChangePasswordBody'],
  [contract.zCreateUserBody, 'CreateUserBody'],
  [contract.zUpdateUserBody, 'UpdateUserBody'],
  [contract.zCreateOrganizationBody, 'CreateOrganizationBody'],
  [contract.zUpdateOrganizationBody, 'UpdateOrganizationBody'],
  [contract.zCreatePersonBody, 'CreatePersonBody'],
  [contract.zUpdatePersonBody, 'UpdatePersonBody'],
  [contract.zMergeBody, 'MergeBody'],
  [contract.zCreateProgrammeBody, 'CreateProgrammeBody'],
  [contract.zUpdateProgrammeBody, 'UpdateProgrammeBody'],
  [contract.zCreateEventBody, 'CreateEventBody'],
  [contract.zUpdateEventBody, 'UpdateEventBody'],
  [contract.zAddParticipantBody, 'AddParticipantBody'],
  [contract.zUpdateParticipantBody, 'UpdateParticipantBody'],
  [contract.zAttendanceBody, 'AttendanceBody'],
  [contract.zCreateQuestionBody, 'CreateQuestionBody'],
  [contract.zUpdateQuestionBody, 'UpdateQuestionBody'],
  [contract.zCreateTestBody, 'CreateTestBody'],
  [contract.zUpdateTestBody, 'UpdateTestBody'],
  [contract.zCreateAttemptBody, 'CreateAttemptBody'],
  [contract.zTakeAttemptBody, 'TakeAttemptBody'],
];

let registered = false;
export function registerOpenApiComponents(): void {
  if (registered) return;
  registered = true;
  for (const [schema, id] of named) {
    // A schema with .meta() (a description) is in the registry already: keep that, add the name.
    const meta = z.globalRegistry.get(schema);
    if (meta?.id !== id) z.globalRegistry.add(schema, { ...meta, id });
  }
}
