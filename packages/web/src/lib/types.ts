// The response types the web app uses, all from the contract.
export type { CreatedPerson, DuplicateResult, EventFacets, MergeResult, PersonParticipation, PersonParticipations, TrainerList } from '@hifazat/contract';
