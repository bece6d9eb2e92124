import type { FrontlineModule, ModuleContext } from '../../platform/module.js';

/** Ticket fields: admin-defined custom fields (text, number, dropdown, checkbox, date). */
export function createTicketFieldsModule(_context: ModuleContext): FrontlineModule {
  return { name: 'ticket-fields' };
}
