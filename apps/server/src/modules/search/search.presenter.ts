import type { SearchResultJson, TicketJson } from '@frontline/contracts';
import { organizationJson, userJson } from '../people/index.js';
import type { TicketsView } from '../tickets/index.js';
import type { SearchRecord } from './search.service.js';

/**
 * Search results in Zendesk's shape: each record's usual JSON plus its `result_type`.
 * Only agents get users and organizations (search.policy), so they get the full JSON.
 */
export async function searchResultsJson(
  records: SearchRecord[],
  base: string,
  view: TicketsView,
): Promise<SearchResultJson[]> {
  const tickets = records.flatMap((r) => (r.type === 'ticket' ? [r.row] : []));
  const ticketJson = new Map<number, TicketJson>((await view.tickets(tickets, base)).map((t) => [t.id, t]));
  return records.map((record): SearchResultJson => {
    if (record.type === 'ticket') return { ...ticketJson.get(record.row.id)!, result_type: 'ticket' };
    if (record.type === 'user') return { ...userJson(record.row, base), result_type: 'user' };
    return { ...organizationJson(record.row, base), result_type: 'organization' };
  });
}
