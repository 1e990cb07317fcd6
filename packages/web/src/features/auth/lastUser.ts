import type { User } from '@hifazat/contract';

/**
 * The account last signed in on this device, so that the app (and its queue of changes) opens
 * without a network; the server still checks the session of every change it is sent.
 */
const LAST_USER = 'hifazat.lastUser';

export function rememberUser(user: User | null): void {
  try {
    if (user) localStorage.setItem(LAST_USER, JSON.stringify(user));
    else localStorage.removeItem(LAST_USER);
  } catch {
    // Storage refused (a private window): the app then needs the server to open.
  }
}

export function lastUser(): User | null {
  try {
    const text = localStorage.getItem(LAST_USER);
    return text ? (JSON.parse(text) as User) : null;
  } catch {
    return null;
  }
}
