import type { OrganizationInput } from '@frontline/contracts';
import type { Organization } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import { type ErrorDetails, InvalidError, NotFoundError } from '../../platform/http/errors.js';
import type { PageRequest } from '../../platform/http/pagination.js';
import { normalizeTags } from '../../platform/text/tags.js';
import type { OrganizationFilter } from './organizations.repository.js';
import { authorizeOrganizationWrite, canSeeOrganization, organizationListScope } from './people.policy.js';
import { type PeopleStore, type Transact, uniqueViolation } from './people.store.js';

export type OrganizationsServiceDeps = { store: PeopleStore; transaction: Transact; clock: Clock };

export type OrganizationUpsert = OrganizationInput & { id?: number | undefined };

export function createOrganizationsService({ store, transaction, clock }: OrganizationsServiceDeps) {
  async function visibleOrganization(actor: Actor, id: number) {
    const org = await store.organizations.findById(id);
    if (!org || !canSeeOrganization(actor, org.id)) throw new NotFoundError();
    return org;
  }

  /** Checks names, external IDs, domains and the group against other organizations; one 422 for all. */
  async function check(
    s: PeopleStore,
    input: OrganizationInput,
    current: Organization | null,
    domains: string[],
  ) {
    const errors: ErrorDetails = {};
    const fail = (field: string, description: string, error = 'InvalidValue') => {
      errors[field] = [...(errors[field] ?? []), { description, error }];
    };
    if (!current && !input.name) fail('name', "Name: can't be blank", 'BlankValue');
    if (input.name) {
      const other = await s.organizations.findByName(input.name);
      if (other && other.id !== current?.id)
        fail('name', `Name: ${input.name} has already been taken`, 'DuplicateValue');
    }
    if (input.external_id) {
      const other = await s.organizations.findByExternalId(input.external_id);
      if (other && other.id !== current?.id)
        fail('external_id', `External ID: ${input.external_id} has already been taken`, 'DuplicateValue');
    }
    for (const owner of await s.organizations.domainOwners(domains, current?.id ?? null)) {
      for (const domain of owner.domain_names.filter((d) => domains.includes(d)))
        fail(
          'domain_names',
          `Domain names: ${domain} already belongs to the organization ${owner.name}`,
          'DuplicateValue',
        );
    }
    if (input.group_id != null && !(await s.groups.findById(input.group_id)))
      fail('group_id', `Group: ${input.group_id} does not exist`);
    if (Object.keys(errors).length > 0) throw new InvalidError(errors);
  }

  /** Creates or updates in one transaction, holding the domain lock so two writers cannot share a domain. */
  async function write(actor: Actor, input: OrganizationInput, current: Organization | null) {
    authorizeOrganizationWrite(actor, current ? 'update' : 'create');
    const domains = input.domain_names ? [...new Set(input.domain_names)] : undefined;
    try {
      return await transaction(async (s) => {
        await s.organizations.lockDomains();
        await check(s, input, current, domains ?? []);
        const now = clock.now();
        const values = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.external_id !== undefined ? { external_id: input.external_id } : {}),
          ...(domains ? { domain_names: domains } : {}),
          ...(input.details !== undefined ? { details: input.details } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
          ...(input.group_id !== undefined ? { group_id: input.group_id } : {}),
          ...(input.shared_tickets !== undefined ? { shared_tickets: input.shared_tickets } : {}),
          ...(input.shared_comments !== undefined ? { shared_comments: input.shared_comments } : {}),
          ...(input.tags !== undefined ? { tags: normalizeTags(input.tags) } : {}),
          ...(input.organization_fields !== undefined
            ? { organization_fields: JSON.stringify(input.organization_fields) }
            : {}),
          updated_at: now,
        };
        const org = current
          ? await s.organizations.update(current.id, values)
          : await s.organizations.insert({ name: input.name!, ...values, created_at: now });
        const gained = (domains ?? []).filter((d) => !current?.domain_names.includes(d));
        await s.users.adoptByDomains(org.id, gained, now);
        return org;
      });
    } catch (error) {
      const index = uniqueViolation(error);
      if (index === 'organizations_name_key')
        throw InvalidError.field('name', `${input.name} has already been taken`, 'DuplicateValue');
      if (index === 'organizations_external_id_key')
        throw InvalidError.field(
          'external_id',
          `${input.external_id} has already been taken`,
          'DuplicateValue',
        );
      throw error;
    }
  }

  return {
    visibleOrganization,

    list(actor: Actor, filter: OrganizationFilter, page: PageRequest) {
      const scope = organizationListScope(actor);
      return store.organizations.page(scope.kind === 'ids' ? { ...filter, ids: scope.ids } : filter, page);
    },

    count() {
      return store.organizations.count();
    },

    create(actor: Actor, input: OrganizationInput) {
      return write(actor, input, null);
    },

    async update(actor: Actor, id: number, input: OrganizationInput) {
      return write(actor, input, await visibleOrganization(actor, id));
    },

    /** Updates the organization with this ID or external ID, else creates one; `created` tells which. */
    async createOrUpdate(actor: Actor, input: OrganizationUpsert) {
      const { id, ...fields } = input;
      const existing =
        id !== undefined
          ? await visibleOrganization(actor, id)
          : fields.external_id
            ? await store.organizations.findByExternalId(fields.external_id)
            : undefined;
      if (existing) return { organization: await write(actor, fields, existing), created: false };
      return { organization: await write(actor, fields, null), created: true };
    },

    /** Soft delete: tickets keep the organization; its people leave it. */
    async remove(actor: Actor, id: number) {
      const org = await visibleOrganization(actor, id);
      authorizeOrganizationWrite(actor, 'delete');
      await transaction(async (s) => {
        const now = clock.now();
        await s.organizations.softDelete(org.id, now);
        await s.users.leaveOrganization(org.id, now);
      });
    },
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
