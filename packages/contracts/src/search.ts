// Schemas for the search area: requests, responses and the OpenAPI document share them.
import { z } from 'zod';
import { cursorPage, offsetPage } from './common.js';
import { organization, user } from './people.js';
import { ticket } from './tickets.js';

export const searchResultType = z.enum(['ticket', 'user', 'organization']);
export type SearchResultType = z.infer<typeof searchResultType>;

/** Zendesk's query syntax: `type:ticket status<solved assignee:me "card declined" 退款`. */
const query = z
  .string({ error: 'is required: a search query such as type:ticket status:open refund' })
  .trim()
  .min(1, 'is required: a search query such as type:ticket status:open refund')
  .max(1000, 'must be at most 1000 characters');

/** `GET /api/v2/search`: offset pages of at most 100, and no further than the first 1,000 results. */
export const searchRequest = z.object({
  query,
  page: z.coerce
    .number({ error: 'must be a page number (use /api/v2/search/export for cursor pages)' })
    .int()
    .min(1)
    .max(1000)
    .optional(),
  per_page: z.coerce.number().int().min(1).max(100).optional(),
  sort_by: z.enum(['created_at', 'updated_at', 'priority', 'status', 'ticket_type']).optional(),
  sort_order: z.enum(['asc', 'desc']).optional(),
});
export type SearchRequest = z.infer<typeof searchRequest>;

export const searchCountRequest = z.object({ query });

/** `GET /api/v2/search/export`: one record type (`filter[type]`), cursor pages of up to 1,000. */
export const searchExportRequest = z.object({
  query,
  filter: z.object(
    {
      type: searchResultType.meta({ description: 'The record type to export: ticket, user or organization' }),
    },
    { error: 'filter[type] is required: ticket, user or organization' },
  ),
  page: z
    .object({
      size: z.coerce.number().int().min(1).max(1000).optional(),
      after: z.string().max(500).optional(),
    })
    .optional(),
});
export type SearchExportRequest = z.infer<typeof searchExportRequest>;

export const searchResult = z.discriminatedUnion('result_type', [
  ticket.extend({ result_type: z.literal('ticket') }),
  user.extend({ result_type: z.literal('user') }),
  organization.extend({ result_type: z.literal('organization') }),
]);
export type SearchResultJson = z.infer<typeof searchResult>;

/** Search counts no further than one past the 1,000 results it can page (docs/search.md). */
const searchCount = z.number().int().meta({
  description:
    'How many records match, counted up to 1,001: exact up to 1,000; 1,001 means more than 1,000 (offset search pages through the first 1,000; use /api/v2/search/export for all)',
});

export const searchResponse = z.object({
  results: z.array(searchResult),
  facets: z.null(),
  ...offsetPage,
  count: searchCount,
});

export const searchCountResponse = z.object({ count: searchCount });

export const searchExportResponse = z.object({
  results: z.array(searchResult),
  facets: z.null(),
  ...cursorPage,
});
