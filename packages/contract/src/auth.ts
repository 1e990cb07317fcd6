import { z } from 'zod';
import { zCountryCode, zId, zText, zTimestamp } from './common.js';
import { roles } from './vocabulary.js';

export { needsSecondFactor, roles, secondFactorRoles } from './vocabulary.js';
export const zRole = z.enum(roles);
export type Role = z.infer<typeof zRole>;

export const zLoginBody = z.object({
  email: z.string().trim().max(254),
  password: z.string().max(1024),
});
export type LoginBody = z.infer<typeof zLoginBody>;

export const zUser = z.object({
  id: zId,
  email: z.string(),
  name: z.string(),
  role: zRole,
  /** Countries the user may see; null means every country. */
  countries: z.array(z.string()).nullable(),
  /** The agency the account works for: the case roles see their agency's cases (null: none set). */
  organizationId: zId.nullable(),
  /** The provinces a data officer works in (null: every province of their countries). */
  provinces: z.array(z.string()).nullable(),
  /** May read and write the criminal-justice track of the cases in scope (data officers and supervisors only). */
  justiceAccess: z.boolean(),
  active: z.boolean(),
  /** Whether the account has a second factor enrolled (the case roles must; an administrator can reset it). */
  secondFactorEnrolled: z.boolean(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type User = z.infer<typeof zUser>;

/** An account on the Users page: with its agency's name, so that the list reads without a second request. */
export const zUserListItem = zUser.extend({
  /** The name of the agency (`organizationId`); null when none is set. */
  organizationName: z.string().nullable(),
});
export type UserListItem = z.infer<typeof zUserListItem>;

export const zMe = z.object({ user: zUser });

/**
 * What a sign-in answers: the user (a full session), or — for the roles that need a second factor — what
 * the half session must do next: give a code (`required`) or enrol first (`setup_required`).
 */
export const zSignInResult = z.union([zMe, z.object({ mfa: z.enum(['required', 'setup_required']) })]);
export type SignInResult = z.infer<typeof zSignInResult>;

/** A one-time code of the authenticator app (6 digits; spaces allowed) or a recovery code. */
export const zSecondFactorCodeBody = z.object({ code: z.string().trim().min(1).max(64) });
export type SecondFactorCodeBody = z.infer<typeof zSecondFactorCodeBody>;

/** A new TOTP secret: base32 for typing in, and the otpauth:// address an authenticator app reads from a QR code. */
export const zSecondFactorSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type SecondFactorSetup = z.infer<typeof zSecondFactorSetup>;

/** Shown once, at enrolment: each works once in place of a code. */
export const zRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof zRecoveryCodes>;

/** A password good enough for an account that sees programme data. */
export const zPassword = z.string().min(10, 'At least 10 characters').max(1024);

export const zChangePasswordBody = z.object({
  currentPassword: z.string().max(1024),
  newPassword: zPassword,
});
export type ChangePasswordBody = z.infer<typeof zChangePasswordBody>;

/** A user's countries: each once (a list with PK twice is the same limit as PK alone). */
const zUserCountries = z
  .array(zCountryCode)
  .min(1)
  .transform((codes) => [...new Set(codes)]);

/** A data officer's area: provinces by name, each once. */
const zUserProvinces = z
  .array(z.string().trim().min(1).max(100))
  .min(1)
  .max(50)
  .transform((names) => [...new Set(names)]);

export const zCreateUserBody = z.object({
  email: z.email().max(254),
  name: zText(200),
  role: zRole,
  password: zPassword,
  countries: zUserCountries.nullable().optional(),
  organizationId: zId.nullable().optional(),
  provinces: zUserProvinces.nullable().optional(),
  justiceAccess: z.boolean().optional(),
});
export type CreateUserBody = z.infer<typeof zCreateUserBody>;

export const zUpdateUserBody = z
  .object({
    name: zText(200),
    role: zRole,
    password: zPassword,
    countries: zUserCountries.nullable(),
    organizationId: zId.nullable(),
    provinces: zUserProvinces.nullable(),
    justiceAccess: z.boolean(),
    active: z.boolean(),
  })
  .partial();
export type UpdateUserBody = z.infer<typeof zUpdateUserBody>;
