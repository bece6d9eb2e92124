import type { Executor } from '../../db/executor.js';
import {
  type AttachmentsRepository,
  createAttachmentsRepository,
} from '../attachments/attachments.repository.js';
import { createGroupsRepository, type GroupsRepository } from '../people/groups.repository.js';
import {
  createOrganizationsRepository,
  type OrganizationsRepository,
} from '../people/organizations.repository.js';
import { createUsersRepository, type UsersRepository } from '../people/users.repository.js';
import type { TicketChange, TicketEventBus } from './ticket-events.js';
import { createTicketsRepository, type TicketsRepository } from './tickets.repository.js';

/** The repositories a ticket write touches, bound to one executor (a transaction or the pool). */
export type TicketStore = {
  tickets: TicketsRepository;
  users: UsersRepository;
  organizations: OrganizationsRepository;
  groups: GroupsRepository;
  attachments: AttachmentsRepository;
  /** Records the change for every subscriber, in the same transaction as the change. */
  publish(change: TicketChange): Promise<void>;
};

export function createTicketStore(db: Executor, bus: TicketEventBus): TicketStore {
  return {
    tickets: createTicketsRepository(db),
    users: createUsersRepository(db),
    organizations: createOrganizationsRepository(db),
    groups: createGroupsRepository(db),
    attachments: createAttachmentsRepository(db),
    publish: (change) => bus.publish(db, change),
  };
}
