import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults: argon2id, m=19456 KiB, t=2, p=1 (OWASP's minimum recommendation).
export const hashPassword = (password: string): Promise<string> => hash(password);

// Verifying against this when the email is unknown makes both answers take as long.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0kZ8V+4cE0g9nKp1L0t3VzGQk3oJ0wC3v7f7bqS8C3g';

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(storedHash ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}
