import type { FrontlineModule, ModuleContext } from '../../platform/module.js';

/** Incremental exports, job statuses, bulk ticket calls, uploads and attachments. */
export function createExportsModule(_context: ModuleContext): FrontlineModule {
  return { name: 'exports' };
}
