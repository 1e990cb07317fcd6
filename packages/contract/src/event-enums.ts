import { z } from 'zod';

export const eventTypes = ['training', 'training_of_trainers', 'workshop', 'awareness_session', 'meeting'] as const;
export const zEventType = z.enum(eventTypes);
export type EventType = z.infer<typeof zEventType>;

export const eventStatuses = ['planned', 'held', 'cancelled'] as const;
export const zEventStatus = z.enum(eventStatuses);
export type EventStatus = z.infer<typeof zEventStatus>;

export const participantRoles = ['participant', 'trainer', 'facilitator', 'organizer', 'speaker', 'observer'] as const;
export const zParticipantRole = z.enum(participantRoles);
export type ParticipantRole = z.infer<typeof zParticipantRole>;
