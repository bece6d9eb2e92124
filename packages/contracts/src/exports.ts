// Schemas for the exports area: requests, responses and the OpenAPI document share them.
import { z } from 'zod';
import { id, idList, jobStatus, timestamp } from './common.js';
import { organization, user } from './people.js';
import { attachment, ticket, ticketCreate, ticketStatus, ticketUpdate } from './tickets.js';

// ---- Incremental exports -------------------------------------------------------------

/** `start_time`: a Unix epoch in seconds (Zendesk clients send it as a query string). */
const startTime = z.coerce
  .number({ error: 'must be a Unix epoch time in seconds' })
  .int('must be a whole number of seconds')
  .min(0, 'must not be negative');

const include = z.string().max(200).optional();
const perPage = z.coerce.number().int().min(1).max(1000).optional();
const excludeDeleted = z.enum(['true', 'false']).optional();

/** Time-based: `?start_time=` (required). */
export const incrementalTimeQuery = z.object({
  start_time: startTime.optional(),
  per_page: perPage,
  include,
  exclude_deleted: excludeDeleted,
});

/** Cursor-based: `?start_time=` on the first call, then `?cursor=` from `after_cursor`. */
export const incrementalCursorQuery = z.object({
  start_time: startTime.optional(),
  // node-zendesk's exportCursor(start) sends `cursor=undefined` on the first call.
  cursor: z
    .string()
    .max(200)
    .optional()
    .transform((v) => (v === '' || v === 'undefined' || v === 'null' ? undefined : v)),
  per_page: perPage,
  include,
  exclude_deleted: excludeDeleted,
});

/** A ticket in an export: a deleted one is still listed, with status "deleted". */
export const exportedTicket = ticket.extend({ status: z.union([ticketStatus, z.literal('deleted')]) });
/** An organization in an export carries when it was deleted (null while it exists). */
export const exportedOrganization = organization.extend({ deleted_at: timestamp.nullable() });

const timePage = {
  next_page: z.string().nullable(),
  count: z.number().int(),
  end_time: z.number().int(),
  end_of_stream: z.boolean(),
};
const cursorPage = {
  after_url: z.string().nullable(),
  after_cursor: z.string().nullable(),
  before_url: z.string().nullable(),
  before_cursor: z.string().nullable(),
  end_of_stream: z.boolean(),
};

export const incrementalTicketsTimePage = z
  .object({ tickets: z.array(exportedTicket), ...timePage })
  .catchall(z.unknown());
export const incrementalTicketsCursorPage = z
  .object({ tickets: z.array(exportedTicket), ...cursorPage })
  .catchall(z.unknown());
export const incrementalUsersTimePage = z.object({ users: z.array(user), ...timePage });
export const incrementalUsersCursorPage = z.object({ users: z.array(user), ...cursorPage });
export const incrementalOrganizationsTimePage = z.object({
  organizations: z.array(exportedOrganization),
  ...timePage,
});

// ---- Job statuses --------------------------------------------------------------------

export const jobStatusId = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'must be a job status ID');
export const jobStatusParams = z.object({ id: jobStatusId });
export const jobStatusIdsQuery = z.object({
  ids: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}(,[A-Za-z0-9]{1,64})*$/, 'must be a comma-separated list of job status IDs')
    .transform((s) => [...new Set(s.split(','))])
    .refine((ids) => ids.length <= 100, 'at most 100 IDs at a time'),
});
export const jobStatusEnvelope = z.object({ job_status: jobStatus });
export const jobStatusList = z.object({
  job_statuses: z.array(jobStatus),
  next_page: z.string().nullable(),
  previous_page: z.string().nullable(),
  count: z.number().int(),
});

/** One item's outcome in a bulk job, as Zendesk reports it. */
export const bulkResult = z.object({
  index: z.number().int(),
  id: z.number().int().optional(),
  action: z.enum(['create', 'update', 'delete']),
  success: z.boolean(),
  status: z.enum(['Created', 'Updated', 'Deleted', 'Failed']),
  error: z.string().optional(),
  errors: z.string().optional(),
  details: z.record(z.string(), z.array(z.object({ description: z.string(), error: z.string() }))).optional(),
});
export type BulkResult = z.infer<typeof bulkResult>;

// ---- Bulk tickets --------------------------------------------------------------------

const MAX_BULK = 100;
export const bulkCreateBody = z.object({
  tickets: z.array(ticketCreate).min(1, 'needs at least one ticket').max(MAX_BULK, 'at most 100 tickets'),
});
export const bulkUpdateItem = ticketUpdate.extend({ id });
/** `update_many`: either `?ids=` with one `ticket`, or `tickets` each with its own `id`. */
export const bulkUpdateBody = z.object({
  ticket: ticketUpdate.optional(),
  tickets: z
    .array(bulkUpdateItem)
    .min(1, 'needs at least one ticket')
    .max(MAX_BULK, 'at most 100 tickets')
    .optional(),
});
export const bulkIdsQuery = z.object({ ids: idList.optional() });
export const bulkDestroyQuery = z.object({ ids: idList });

// ---- Uploads and attachments ---------------------------------------------------------

export const uploadQuery = z.object({
  filename: z.string().trim().min(1, 'is required: the name of the file').max(255),
  token: z.string().max(100).optional(),
});
export const uploadTokenParams = z.object({ token: z.string().min(1).max(100) });
export const uploadEnvelope = z.object({
  upload: z.object({
    token: z.string(),
    expires_at: timestamp,
    attachments: z.array(attachment),
    attachment,
  }),
});
export const attachmentEnvelope = z.object({ attachment });

// ---- Tags ----------------------------------------------------------------------------

export const tagCount = z.object({ name: z.string(), count: z.number().int() });
export const tagsPage = z.object({
  tags: z.array(tagCount),
  next_page: z.string().nullable(),
  previous_page: z.string().nullable(),
  count: z.number().int(),
});
export const tagAutocompleteQuery = z.object({
  name: z.string().trim().min(2, 'needs at least 2 characters').max(80),
});
export const tagAutocomplete = z.object({ tags: z.array(z.string()) });
