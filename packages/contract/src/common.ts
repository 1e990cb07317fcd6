import { z } from 'zod';
import { COUNTRY_CODES } from './countries.js';
import { errorCodes, sexes } from './vocabulary.js';

export { errorCodes } from './vocabulary.js';
export const zErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof zErrorCode>;

export const zErrorDetail = z.object({
  path: z.string().optional(),
  message: z.string(),
  line: z.number().int().optional(),
  column: z.string().optional(),
});
export type ErrorDetail = z.infer<typeof zErrorDetail>;

export const zApiError = z.object({
  error: z.object({
    code: zErrorCode,
    message: z.string(),
    details: z.array(zErrorDetail),
    /**
     * With `edit_conflict`: the records as they are now on the server, so that the person can choose
     * between theirs and these (attendance and participant edits: `{ participants: Participant[] }`).
     */
    current: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof zApiError>;

export const zId = z.uuid();
/**
 * A change's own id, made by the client (a queued offline change keeps it): sending the same change
 * again with it is answered as the first time and changes nothing more.
 */
export const zClientId = z.uuid().describe('Makes a resend of the same change idempotent');
export const zIsoDate = z.iso.date(); // YYYY-MM-DD
export const zTimestamp = z.string(); // ISO 8601 UTC
export const zCountryCode = z
  .string()
  .length(2)
  .transform((value) => value.toUpperCase())
  .refine((value) => COUNTRY_CODES.has(value), { message: 'Not an ISO 3166-1 alpha-2 country code' })
  // For the OpenAPI document: the codes the server accepts (in either case).
  .meta({ description: 'ISO 3166-1 alpha-2 country code (upper or lower case)', enum: [...COUNTRY_CODES] });

/** A trimmed, non-empty line of text. */
export const zText = (max: number) => z.string().trim().min(1).max(max);
/** Optional text: empty strings become null so that forms can clear a field. */
export const zOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

export const zPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type PageQuery = z.infer<typeof zPageQuery>;

export const zPage = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

export { sexes } from './vocabulary.js';
export const zSex = z.enum(sexes);
export type Sex = z.infer<typeof zSex>;

/** Head counts disaggregated by sex: the programme's basic unit of reporting. */
export const zSexCounts = z.object({
  total: z.number().int(),
  female: z.number().int(),
  male: z.number().int(),
  other: z.number().int(),
  unknown: z.number().int(),
});
export type SexCounts = z.infer<typeof zSexCounts>;

export const emptySexCounts = (): SexCounts => ({ total: 0, female: 0, male: 0, other: 0, unknown: 0 });

export const historyRefTypes = ['person', 'organization', 'programme', 'event', 'user'] as const;
/**
 * A record a history entry refers to (by id, in its changes, its note or as its author), resolved
 * when the history is read: the audit entries keep ids only. `name` is the record's name today, or
 * null when it no longer exists (deleted or merged away). Records of countries the reader does not
 * work in are never listed; the entry shows them as hidden.
 */
export const zHistoryRef = z.object({
  type: z.enum(historyRefTypes),
  name: z.string().nullable(),
  exists: z.boolean(),
});
export type HistoryRef = z.infer<typeof zHistoryRef>;

export const zHistoryEntry = z.object({
  id: zId,
  at: zTimestamp,
  action: z.enum(['create', 'update', 'delete', 'merge', 'import', 'participants', 'attendance', 'lock', 'unlock']),
  userId: zId.nullable(),
  userName: z.string().nullable(),
  /** The author is an account of countries the reader does not work in (userId and userName are then null). */
  userHidden: z.boolean(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  note: z.string().nullable(),
  /** Every record the entry refers to that the reader may see, by id (keys `participant:<id>`, ids in values and in the note). */
  refs: z.record(z.string(), zHistoryRef),
});
export type HistoryEntry = z.infer<typeof zHistoryEntry>;
export const zHistory = z.object({ items: z.array(zHistoryEntry) });

export const zIdParams = z.object({ id: zId });
