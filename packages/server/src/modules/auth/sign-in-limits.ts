import type { LoginAttemptRow } from './auth.repository.js';

/**
 * How many sign-in attempts are allowed, and to whom. The limits are kept per account *and* address
 * together, so that an attacker who guesses at an administrator's password from one place locks out
 * only themselves there; the people who signed in to that account before, from their own addresses,
 * keep their own allowance. The README's "Sign-in limits" section says the same in words.
 */
export const SIGN_IN_LIMITS = {
  /** Failed attempts are counted over this window. */
  windowMinutes: 15,
  /** Failures in a row from one address at one account that are answered at once. */
  freeFailures: 3,
  /** After the free ones, each attempt waits 1 s, 2 s, 4 s, … after the last one, at most this long. */
  maxDelaySeconds: 60,
  /** Failures in a row from one address at one account: then that address waits out the window. */
  pairMaxFailures: 10,
  /**
   * Failures at one account from all addresses together: then addresses that never signed in to it
   * wait (a guess spread over many addresses); addresses it was used from keep their allowance.
   */
  accountMaxFailures: 100,
  /**
   * Failures from one address over all accounts (password spraying): then that address may only try
   * the accounts it signed in to before, which keeps an office behind one address working.
   */
  addressMaxFailures: 50,
  /** An address that signed in to an account within this many days is known to it. */
  knownAddressDays: 90,
  /** Failed attempts are kept this long (for investigating a spray); successes for knownAddressDays. */
  failuresKeptHours: 24,
  /**
   * Wrong second-factor codes at one account since its last right one, from every address, known ones
   * included, over failuresKeptHours: then the second factor waits until the oldest counted is a day old
   * (or an administrator unlocks it). Only someone who has the password gets this far, and a 6-digit code
   * with three accepted at a time falls to about 3,300 guesses on average: spread over many addresses
   * the account-wide allowance above would let a day hold ~9,600 of them, this one holds 20.
   */
  secondFactorMaxFailures: 20,
} as const;

export type SignInDecision = { allowed: true } | { allowed: false; reason: 'account' | 'address'; retryAfterSeconds: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Decides whether one more attempt may check a password, from the attempts already recorded (every
 * reserved attempt counts as a failure until it has succeeded, so parallel attempts count at once).
 */
export function decideSignIn(input: {
  now: number;
  address: string;
  /** The account's attempts within the window, oldest first, from every address. */
  accountAttempts: LoginAttemptRow[];
  /** Failures from the address within the window, at every account. */
  addressFailures: number;
  /** Whether the address signed in to this account within knownAddressDays. */
  knownAddress: boolean;
  /** For a second factor only: the account's attempts over failuresKeptHours, oldest first, from every address. */
  secondFactorAttempts?: LoginAttemptRow[];
}): SignInDecision {
  const limits = SIGN_IN_LIMITS;
  const windowMs = limits.windowMinutes * 60_000;
  if (input.secondFactorAttempts) {
    const sinceRight = input.secondFactorAttempts.slice(input.secondFactorAttempts.findLastIndex((a) => a.success) + 1);
    if (sinceRight.length >= limits.secondFactorMaxFailures) {
      const oldestCounted = sinceRight[sinceRight.length - limits.secondFactorMaxFailures];
      const keptMs = limits.failuresKeptHours * 3_600_000;
      return { allowed: false, reason: 'account', retryAfterSeconds: seconds(Date.parse(oldestCounted?.at ?? '') + keptMs - input.now) };
    }
  }
  const fromHere = input.accountAttempts.filter((a) => a.clientAddress === input.address);
  const lastSuccess = fromHere.findLastIndex((a) => a.success);
  const failuresInARow = fromHere.slice(lastSuccess + 1);

  if (failuresInARow.length >= limits.pairMaxFailures) {
    const oldestCounted = failuresInARow[failuresInARow.length - limits.pairMaxFailures];
    return { allowed: false, reason: 'account', retryAfterSeconds: seconds(Date.parse(oldestCounted?.at ?? '') + windowMs - input.now) };
  }
  if (failuresInARow.length >= limits.freeFailures) {
    const delayMs = Math.min(2 ** (failuresInARow.length - limits.freeFailures), limits.maxDelaySeconds) * 1000;
    const last = failuresInARow[failuresInARow.length - 1];
    const waitUntil = Date.parse(last?.at ?? '') + delayMs;
    if (input.now < waitUntil) return { allowed: false, reason: 'account', retryAfterSeconds: seconds(waitUntil - input.now) };
  }
  if (input.knownAddress) return { allowed: true };

  const accountFailures = input.accountAttempts.filter((a) => !a.success);
  if (accountFailures.length >= limits.accountMaxFailures) {
    const oldestCounted = accountFailures[accountFailures.length - limits.accountMaxFailures];
    return { allowed: false, reason: 'account', retryAfterSeconds: seconds(Date.parse(oldestCounted?.at ?? '') + windowMs - input.now) };
  }
  if (input.addressFailures >= limits.addressMaxFailures) {
    return { allowed: false, reason: 'address', retryAfterSeconds: limits.windowMinutes * 60 };
  }
  return { allowed: true };
}
