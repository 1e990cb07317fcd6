import type {
  zCreatedPerson,
  zDuplicateResult,
  zMergeResult,
  zPersonParticipation,
  zPersonParticipations,
} from '@hifazat/contract';

/** The output type of a contract schema (for schemas the contract exports without a type). */
export type Infer<T extends { _zod: { output: unknown } }> = T['_zod']['output'];

export type CreatedPerson = Infer<typeof zCreatedPerson>;
export type DuplicateResult = Infer<typeof zDuplicateResult>;
export type MergeResult = Infer<typeof zMergeResult>;
export type PersonParticipation = Infer<typeof zPersonParticipation>;
export type PersonParticipations = Infer<typeof zPersonParticipations>;

/** GET /api/trainers (not in the contract yet). */
export type Trainer = { id: string; name: string };
export type TrainerList = { items: Trainer[] };

/** GET /api/events/facets (not in the contract yet). */
export type EventFacets = { topics: string[]; series: string[]; provinces: string[]; cities: string[] };
