import type { FrontlineModule, ModuleContext } from '../../platform/module.js';

/** People: users, organizations, groups and memberships (routes under /api/v2). */
export function createPeopleModule(_context: ModuleContext): FrontlineModule {
  return { name: 'people' };
}
