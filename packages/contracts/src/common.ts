import { z } from 'zod';

/** An integer ID, given as a number or a numeric string (Zendesk clients send both). */
export const id = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d{1,15}$/, 'must be a numeric ID')
    .transform(Number),
]);

/** `?ids=1,2,3` as used by show_many and bulk endpoints (at most 100). */
export const idList = z
  .string()
  .regex(/^\s*\d{1,15}(\s*,\s*\d{1,15})*\s*$/, 'must be a comma-separated list of numeric IDs')
  .transform((s) => [...new Set(s.split(',').map((v) => Number(v.trim())))])
  .refine((ids) => ids.length <= 100, 'at most 100 IDs at a time');

export const idParams = z.object({ id });

/** ISO-8601 timestamp in responses: `2026-11-24T10:00:00Z`. */
export const timestamp = z.string();

export const tags = z.array(z.string().trim().min(1).max(80)).max(200);

export const paginationQuery = z.object({
  page: z
    .union([
      z.coerce.number().int().min(1).max(100_000),
      z.object({
        size: z.coerce.number().int().min(1).max(100).optional(),
        after: z.string().max(500).optional(),
        before: z.string().max(500).optional(),
      }),
    ])
    .optional(),
  per_page: z.coerce.number().int().min(1).max(100).optional(),
  sort_by: z.string().max(40).optional(),
  sort_order: z.enum(['asc', 'desc']).optional(),
  sort: z.string().max(40).optional(),
  include: z.string().max(200).optional(),
});

export const offsetPage = {
  next_page: z.string().nullable(),
  previous_page: z.string().nullable(),
  count: z.number().int(),
};

export const cursorPage = {
  meta: z.object({
    has_more: z.boolean(),
    after_cursor: z.string().nullable(),
    before_cursor: z.string().nullable(),
  }),
  links: z.object({ next: z.string().nullable(), prev: z.string().nullable() }),
};

export const errorBody = z.object({
  error: z.string(),
  description: z.string().optional(),
  details: z.record(z.string(), z.array(z.object({ description: z.string(), error: z.string() }))).optional(),
});

export const jobStatus = z.object({
  id: z.string(),
  url: z.string(),
  job_type: z.string(),
  status: z.enum(['queued', 'working', 'failed', 'completed', 'killed']),
  total: z.number().int(),
  progress: z.number().int(),
  message: z.string().nullable(),
  results: z.array(z.record(z.string(), z.unknown())).nullable(),
});
export type JobStatus = z.infer<typeof jobStatus>;
