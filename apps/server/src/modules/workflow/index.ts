import type { FrontlineModule, ModuleContext } from '../../platform/module.js';

/** Workflow: tiers, routing, escalation, swarming, SLAs, triggers, automations, macros. */
export function createWorkflowModule(_context: ModuleContext): FrontlineModule {
  return { name: 'workflow' };
}
