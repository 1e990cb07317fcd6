import { z } from 'zod';
import { eventTypes, eventStatuses, participantRoles } from './vocabulary.js';

export { eventTypes } from './vocabulary.js';
export const zEventType = z.enum(eventTypes);
export type EventType = z.infer<typeof zEventType>;

export { eventStatuses } from './vocabulary.js';
export const zEventStatus = z.enum(eventStatuses);
export type EventStatus = z.infer<typeof zEventStatus>;

export { participantRoles } from './vocabulary.js';
export const zParticipantRole = z.enum(participantRoles);
export type ParticipantRole = z.infer<typeof zParticipantRole>;
