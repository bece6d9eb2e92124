import type { Executor } from '../../db/executor.js';
import { type AttachmentsRepository, createAttachmentsRepository } from '../attachments/index.js';
import {
  createGroupsRepository,
  createOrganizationsRepository,
  createUsersRepository,
  type GroupsRepository,
  type OrganizationsRepository,
  type UsersRepository,
} from '../people/index.js';
import { createTicketChangeRepository, type TicketChangeRepository } from './ticket-change.repository.js';
import type { TicketEventBus } from './ticket-events.js';
import { createTicketsRepository, type TicketsRepository } from './tickets.repository.js';

/** The repositories a ticket write touches, bound to one executor (a transaction or the pool). */
export type TicketStore = {
  tickets: TicketsRepository;
  users: UsersRepository;
  organizations: OrganizationsRepository;
  groups: GroupsRepository;
  attachments: AttachmentsRepository;
  /** Writes a change with its audit, events, comment and every subscriber's job, in one statement. */
  changes: TicketChangeRepository;
};

export function createTicketStore(db: Executor, bus: TicketEventBus): TicketStore {
  return {
    tickets: createTicketsRepository(db),
    users: createUsersRepository(db),
    organizations: createOrganizationsRepository(db),
    groups: createGroupsRepository(db),
    attachments: createAttachmentsRepository(db),
    changes: createTicketChangeRepository(db, bus),
  };
}
