// Schemas for the realtime area (views and the agent app's WebSocket): requests,
// responses and the OpenAPI document share them.
import { z } from 'zod';
import { id, timestamp } from './common.js';

// ---------------------------------------------------------------- views

/** One Zendesk view condition: `{"field": "status", "operator": "less_than", "value": "solved"}`. */
export const viewCondition = z.object({
  field: z.string().trim().min(1).max(60),
  operator: z.string().trim().min(1).max(30),
  value: z
    .union([z.string().max(500), z.number(), z.array(z.union([z.string().max(100), z.number()])).max(100)])
    .nullable()
    .optional(),
});
export type ViewCondition = z.infer<typeof viewCondition>;

export const viewConditions = z.object({
  all: z.array(viewCondition).max(50).default([]),
  any: z.array(viewCondition).max(50).default([]),
});
export type ViewConditions = z.infer<typeof viewConditions>;

/** Columns an agent can sort a view by (Zendesk's `sort_by`). */
export const viewSortColumn = z.enum(['updated_at', 'created_at', 'id', 'priority', 'status']);
export type ViewSortColumn = z.infer<typeof viewSortColumn>;

export const viewColumns = [
  'subject',
  'requester',
  'assignee',
  'group',
  'organization',
  'status',
  'priority',
  'type',
  'created',
  'updated',
  'nice_id',
] as const;

export const viewOutput = z.object({
  columns: z.array(z.enum(viewColumns)).max(20).optional(),
  sort_by: viewSortColumn.optional(),
  sort_order: z.enum(['asc', 'desc']).optional(),
  group_by: z.string().max(40).nullable().optional(),
  group_order: z.enum(['asc', 'desc']).optional(),
});

/** Who may use a view: null (everyone), one user (personal) or some groups. */
export const viewRestriction = z
  .object({
    type: z.enum(['User', 'Group']),
    id: id.optional(),
    ids: z.array(id).max(100).optional(),
  })
  .nullable();

export const view = z.object({
  id: z.number().int(),
  url: z.string(),
  title: z.string(),
  raw_title: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  position: z.number().int(),
  default: z.boolean(),
  /** Frontline: the key of a built-in view (`my_open`, `unassigned_my_groups`, …), null for admin-made ones. */
  builtin: z.string().nullable(),
  conditions: z.object({ all: z.array(viewCondition), any: z.array(viewCondition) }),
  execution: z.object({
    sort_by: viewSortColumn,
    sort_order: z.enum(['asc', 'desc']),
    group_by: z.string().nullable(),
    group_order: z.enum(['asc', 'desc']),
    columns: z.array(z.object({ id: z.string(), title: z.string() })),
  }),
  restriction: viewRestriction,
  created_at: timestamp,
  updated_at: timestamp,
});
export type ViewJson = z.infer<typeof view>;

/** Create and update take the conditions as `all`/`any` on the view (Zendesk), or as `conditions`. */
export const viewInput = z.object({
  title: z.string().trim().min(1).max(255).optional(),
  description: z.string().max(2000).nullable().optional(),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  all: z.array(viewCondition).max(50).optional(),
  any: z.array(viewCondition).max(50).optional(),
  conditions: viewConditions.optional(),
  output: viewOutput.optional(),
  execution: viewOutput.optional(),
  restriction: viewRestriction.optional(),
});
export type ViewInput = z.infer<typeof viewInput>;

export const viewCount = z.object({
  view_id: z.number().int(),
  url: z.string(),
  value: z.number().int().nullable(),
  pretty: z.string(),
  fresh: z.boolean(),
  active: z.boolean(),
});
export type ViewCountJson = z.infer<typeof viewCount>;

// ---------------------------------------------------------------- realtime (WebSocket /api/v2/realtime)

/** What the agent app sends: which ticket it shows, whether the agent is typing, and keep-alives. */
export const realtimeClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('viewing'), ticket_id: z.number().int().positive().nullable() }),
  z.object({ type: z.literal('typing'), ticket_id: z.number().int().positive(), typing: z.boolean() }),
  z.object({ type: z.literal('ping') }),
]);
export type RealtimeClientMessage = z.infer<typeof realtimeClientMessage>;

export type PresenceViewer = { user_id: number; name: string; typing: boolean };

/** What the server pushes. A client hears only of tickets it may see. */
export type RealtimeServerMessage =
  | { type: 'hello'; user_id: number }
  | {
      type: 'ticket';
      kind: 'created' | 'updated' | 'deleted';
      ticket_id: number;
      audit_id: number;
      actor_id: number;
    }
  | { type: 'presence'; ticket_id: number; viewers: PresenceViewer[] }
  | { type: 'pong' }
  | { type: 'error'; description: string };
