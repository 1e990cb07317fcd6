import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { verifyPassword } from '../../shared/passwords.js';
import { findUserByEmail } from './users.repository.js';

/** The demo's accounts and their password, published in the README: for trying Hifazat out only. */
export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_ACCOUNT_EMAILS = [
  'demo.admin@hifazat.example',
  'demo.manager@hifazat.example',
  'demo.trainer@hifazat.example',
  'demo.viewer@hifazat.example',
] as const;

// Each System page load asks again; an argon2 check costs ~50 ms of a core, and a hash does not change
// its answer: remembered per hash (a changed password is a new hash, asked once).
const answers = new Map<string, boolean>();
async function opensWithDemoPassword(passwordHash: string): Promise<boolean> {
  const known = answers.get(passwordHash);
  if (known !== undefined) return known;
  const opens = await verifyPassword(passwordHash, DEMO_PASSWORD);
  answers.set(passwordHash, opens);
  return opens;
}

/**
 * Demo accounts that are active and still open with the published password: anyone who has read
 * the README can sign in with them, so doctor and the System page say so.
 */
export async function openDemoAccounts(db: Db): Promise<string[]> {
  const open: string[] = [];
  for (const email of DEMO_ACCOUNT_EMAILS) {
    const user = await findUserByEmail(db, email);
    if (user && toBoolean(user.active) && (await opensWithDemoPassword(user.password_hash))) open.push(email);
  }
  return open;
}
