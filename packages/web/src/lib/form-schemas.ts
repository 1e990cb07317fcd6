// The contract's request schemas the web forms check before sending, and zod with them: a chunk of its
// own, fetched once a form has drawn (lib/forms.ts), so that no page's first load waits for zod's 30 kB.
export {
  zCreateCampaignBody,
  zCreateCampaignOutputBody,
  zCreateNeedsAssessmentBody,
  zEstimatedCampaignSessionBody,
  zCreateEventBody,
  zCreateIndicatorBody,
  zCreateResultBody,
  zManualValueBody,
  zCreateFeedbackTemplateBody,
  zCreateOrganizationBody,
  zCreatePersonBody,
  zCreateProgrammeBody,
  zCreateQuestionBody,
  zCreateUserBody,
  zUpdateUserBody,
} from '@hifazat/contract';
