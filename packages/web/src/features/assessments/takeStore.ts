import type { TakeResult, TakeTest } from '@hifazat/contract';
import { draftStore } from '../../lib/draftStore';
import type { PublicDraft } from '../../lib/usePublicDraft';

/** A test being taken through its link, kept on the participant's phone as they answer; one record per link. */

export type TakeAnswer = { optionIds?: string[]; text?: string };

export type TakeDraft = PublicDraft<TakeTest, TakeAnswer, TakeResult>;

export const takeStore = draftStore<TakeDraft>('hifazat-take');
export const getDraft = takeStore.get;
export const putDraft = takeStore.put;
export const deleteDraft = takeStore.remove;
