import type { FrontlineModule, ModuleContext } from '../../module-context.js';
import { createTicketFieldsRepository } from './ticket-fields.repository.js';
import { registerTicketFieldRoutes } from './ticket-fields.routes.js';
import { createTicketFieldsService } from './ticket-fields.service.js';

export { checkTicketField } from './ticket-field-rules.js';

/** Ticket fields: admin-defined custom fields (text, number, dropdown, checkbox, date, regexp). */
export function createTicketFieldsModule(context: ModuleContext): FrontlineModule {
  const fields = createTicketFieldsService({
    fields: createTicketFieldsRepository(context.database.db),
    clock: context.clock,
  });
  return {
    name: 'ticket-fields',
    registerRoutes(http) {
      registerTicketFieldRoutes(http, { fields, publicUrl: context.config.publicUrl });
    },
  };
}
