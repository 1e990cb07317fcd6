import { z } from 'zod';
import { zCountryCode, zId, zIsoDate, zOptionalText, zPageQuery, zText, zTimestamp } from './common.js';

export const zProgramme = z.object({
  id: zId,
  name: z.string(),
  donor: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  countries: z.array(z.string()),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Programme = z.infer<typeof zProgramme>;

const programmeFields = z.object({
  name: zText(300),
  donor: zOptionalText(200),
  startDate: zIsoDate.nullable().optional(),
  endDate: zIsoDate.nullable().optional(),
  countries: z.array(zCountryCode).max(50).optional(),
});
const datesInOrder = (v: { startDate?: string | null; endDate?: string | null }) => !v.startDate || !v.endDate || v.startDate <= v.endDate;
const datesMessage = { message: 'The end date is before the start date', path: ['endDate'] };

export const zCreateProgrammeBody = programmeFields.refine(datesInOrder, datesMessage);
export type CreateProgrammeBody = z.infer<typeof zCreateProgrammeBody>;
export const zUpdateProgrammeBody = programmeFields.partial().refine(datesInOrder, datesMessage);
export type UpdateProgrammeBody = z.infer<typeof zUpdateProgrammeBody>;

export const zProgrammeListQuery = zPageQuery.extend({ q: z.string().trim().max(200).optional() });
export type ProgrammeListQuery = z.infer<typeof zProgrammeListQuery>;
