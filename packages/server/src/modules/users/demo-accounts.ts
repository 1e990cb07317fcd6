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

/**
 * Demo accounts that are active and still open with the published password: anyone who has read
 * the README can sign in with them, so doctor and the System page say so.
 */
export async function openDemoAccounts(db: Db): Promise<string[]> {
  const open: string[] = [];
  for (const email of DEMO_ACCOUNT_EMAILS) {
    const user = await findUserByEmail(db, email);
    if (user && toBoolean(user.active) && (await verifyPassword(user.password_hash, DEMO_PASSWORD))) open.push(email);
  }
  return open;
}
