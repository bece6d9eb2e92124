import type { User } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { OrganizationsRepository } from './organizations.repository.js';
import type { UsersRepository } from './users.repository.js';

/** The part of an address after the last @, lower-cased. */
export function emailDomain(email: string) {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The name to give someone known only by address: "jane.doe@x" → "Jane Doe". */
export function nameFromEmail(email: string) {
  const local = email.slice(0, email.indexOf('@')).replace(/\+.*$/, '');
  const words = local.split(/[._-]+/).filter(Boolean);
  return words.length ? words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') : email;
}

/**
 * Finds the user with this address, or creates them as an end-user. A new user whose
 * domain belongs to an organization joins it (mail from @acme.com joins Acme).
 */
export async function findOrCreateRequester(
  repos: { users: UsersRepository; organizations: OrganizationsRepository },
  clock: Clock,
  input: { email: string; name?: string | undefined; locale?: string | undefined },
): Promise<{ user: User; created: boolean }> {
  const existing = await repos.users.findByEmail(input.email);
  if (existing) return { user: existing, created: false };
  const org = await repos.organizations.findByDomain(emailDomain(input.email));
  const now = clock.now();
  const user = await repos.users.insertIfEmailFree({
    name: input.name?.trim() || nameFromEmail(input.email),
    email: input.email.toLowerCase(),
    role: 'end-user',
    organization_id: org?.id ?? null,
    ...(input.locale ? { locale: input.locale } : {}),
    created_at: now,
    updated_at: now,
  });
  if (user) return { user, created: true };
  // Someone else created this address between our look-up and insert.
  const winner = await repos.users.findByEmail(input.email);
  if (!winner) throw new Error(`could not create or find user ${input.email}`);
  return { user: winner, created: false };
}
