import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { registerGroupRoutes } from './groups.routes.js';
import { createGroupsService } from './groups.service.js';
import { registerOrganizationRoutes } from './organizations.routes.js';
import { createOrganizationsService } from './organizations.service.js';
import { createPeopleStore, transactor } from './people.store.js';
import { createPeopleView } from './people.view.js';
import { createUserBulk } from './users.bulk.js';
import { registerUserRoutes } from './users.routes.js';
import { createUsersService } from './users.service.js';

export type { GroupsRepository } from './groups.repository.js';
export { createGroupsRepository } from './groups.repository.js';
export type { OrganizationsRepository } from './organizations.repository.js';
export { createOrganizationsRepository } from './organizations.repository.js';
export { userView } from './people.policy.js';
export {
  groupJson,
  memberOrganizationJson,
  membershipJson,
  organizationJson,
  publicUserJson,
  selfUserJson,
  userJson,
} from './people.presenter.js';
export { uniqueViolation } from './people.store.js';
export { findOrCreateRequester } from './requesters.js';
export type { UsersRepository } from './users.repository.js';
export { createUsersRepository, groupIdsColumn } from './users.repository.js';

/** People: users, organizations, groups and memberships (routes under /api/v2). */
export function createPeopleModule(context: ModuleContext): FrontlineModule {
  const { database, clock, jobs, auth, config } = context;
  const store = createPeopleStore(database.db);
  const transaction = transactor(database.db);
  const users = createUsersService({
    store,
    transaction,
    clock,
    setPassword: (userId, password, keep) => auth.setPassword(userId, password, keep),
    endSessions: (userId, keep) => auth.endSessions(userId, keep),
  });
  const organizations = createOrganizationsService({ store, transaction, clock });
  const groups = createGroupsService({ store, transaction, clock });
  const bulk = createUserBulk({ store, transaction, clock, jobs, users });
  const view = createPeopleView(store);
  const publicUrl = config.publicUrl;
  return {
    name: 'people',
    registerRoutes(http) {
      registerUserRoutes(http, { users, view, bulk, publicUrl });
      registerOrganizationRoutes(http, { organizations, users, view, clock, publicUrl });
      registerGroupRoutes(http, { groups, users, view, publicUrl });
    },
  };
}
