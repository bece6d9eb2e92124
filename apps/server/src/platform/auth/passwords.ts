import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, t=2), OWASP's recommended minimum. */
export function hashPassword(password: string) {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string) {
  if (!passwordHash) {
    // Spend comparable time so an unknown account is not told apart by latency.
    await hash(password);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
