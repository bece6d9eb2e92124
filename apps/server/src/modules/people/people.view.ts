import type { GroupJson, OrganizationJson, UserJson } from '@frontline/contracts';
import type { Organization, User } from '../../db/schema.js';
import { type Actor, isAgent } from '../../platform/auth/actor.js';
import { canSeeOrganization, userView } from './people.policy.js';
import {
  groupJson,
  memberOrganizationJson,
  organizationJson,
  selfUserJson,
  userJson,
} from './people.presenter.js';
import type { PeopleStore } from './people.store.js';

/** `?include=` names, from `include=organizations,groups`. */
export function includes(include: string | undefined) {
  return new Set((include ?? '').split(',').map((s) => s.trim().toLowerCase()));
}

/** Builds user and organization JSON as the actor may see it, loading what it needs in batches. */
export function createPeopleView(store: PeopleStore) {
  async function users(actor: Actor, rows: User[], base: string): Promise<UserJson[]> {
    const defaults = await store.groups.defaultGroupsOf(
      rows.filter((u) => u.role !== 'end-user').map((u) => u.id),
    );
    return rows.map((u) =>
      userView(actor, u) === 'full' ? userJson(u, base, defaults.get(u.id) ?? null) : selfUserJson(u, base),
    );
  }

  function organization(actor: Actor, org: Organization, base: string): OrganizationJson {
    return isAgent(actor) ? organizationJson(org, base) : memberOrganizationJson(org, base);
  }

  /** `?include=organizations,groups` on user lists: their organizations and (for agents) groups. */
  async function userSideloads(actor: Actor, include: string | undefined, rows: User[], base: string) {
    const wanted = includes(include);
    const out: { organizations?: OrganizationJson[]; groups?: GroupJson[] } = {};
    if (wanted.has('organizations')) {
      const ids = rows
        .map((u) => u.organization_id)
        .filter((id): id is number => id !== null && canSeeOrganization(actor, id));
      const orgs = await store.organizations.findManyByIds(ids);
      out.organizations = orgs.map((o) => organization(actor, o, base));
    }
    if (wanted.has('groups')) {
      const groups = isAgent(actor) ? await store.groups.groupsOfUsers(rows.map((u) => u.id)) : [];
      out.groups = groups.map((g) => groupJson(g, base));
    }
    return out;
  }

  return { users, organization, userSideloads };
}

export type PeopleView = ReturnType<typeof createPeopleView>;
