import type { FrontlineModule, ModuleContext } from '../../platform/module.js';

/** Realtime updates over WebSocket and the agent web app's static files. */
export function createRealtimeModule(_context: ModuleContext): FrontlineModule {
  return { name: 'realtime' };
}
