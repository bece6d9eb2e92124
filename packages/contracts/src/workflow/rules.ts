import { z } from 'zod';
import { id, timestamp } from '../common.js';

/** Zendesk rule JSON: conditions `{all, any}` of `{field, operator, value}`, actions `[{field, value}]`. */
export const ruleCondition = z.object({
  field: z.string().min(1).max(100),
  operator: z.string().max(60).optional(),
  value: z.unknown().optional(),
});
export const ruleConditions = z.object({
  all: z.array(ruleCondition).max(100).default([]),
  any: z.array(ruleCondition).max(100).default([]),
});
export const ruleAction = z.object({ field: z.string().min(1).max(100), value: z.unknown().optional() });
export type RuleConditionsJson = z.infer<typeof ruleConditions>;
export type RuleActionJson = z.infer<typeof ruleAction>;

const title = z.string().trim().min(1, 'cannot be blank').max(255);

export const triggerInput = z.object({
  title,
  description: z.string().max(10_000).nullable().optional(),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  category_id: z.union([z.string(), z.number()]).nullable().optional(),
  conditions: ruleConditions,
  actions: z.array(ruleAction).min(1, 'needs at least one action').max(100),
});
export const triggerUpdate = triggerInput.partial();
export type TriggerInput = z.infer<typeof triggerInput>;

export const trigger = z.object({
  id: z.number().int(),
  url: z.string(),
  title: z.string(),
  raw_title: z.string(),
  description: z.string(),
  active: z.boolean(),
  position: z.number().int(),
  category_id: z.string().nullable(),
  default: z.boolean(),
  conditions: ruleConditions,
  actions: z.array(ruleAction),
  /** Frontline: when the trigger was caught re-triggering itself, and how. */
  loop_detected_at: timestamp.nullable(),
  loop_details: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type TriggerJson = z.infer<typeof trigger>;

export const automationInput = z.object({
  title,
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  conditions: ruleConditions,
  actions: z.array(ruleAction).min(1, 'needs at least one action').max(100),
});
export const automationUpdate = automationInput.partial();
export type AutomationInput = z.infer<typeof automationInput>;

export const automation = z.object({
  id: z.number().int(),
  url: z.string(),
  title: z.string(),
  raw_title: z.string(),
  active: z.boolean(),
  position: z.number().int(),
  default: z.boolean(),
  conditions: ruleConditions,
  actions: z.array(ruleAction),
  created_at: timestamp,
  updated_at: timestamp,
});
export type AutomationJson = z.infer<typeof automation>;

export const reorderTriggers = z.object({ trigger_ids: z.array(id).min(1).max(1000) });
export const reorderAutomations = z.object({ automation_ids: z.array(id).min(1).max(1000) });

export const macroRestriction = z.object({
  type: z.enum(['User', 'Group']),
  id: id.optional(),
  ids: z.array(id).max(100).optional(),
});

export const macroInput = z.object({
  title,
  description: z.string().max(10_000).nullable().optional(),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  actions: z.array(ruleAction).min(1, 'needs at least one action').max(100),
  restriction: macroRestriction.nullable().optional(),
});
export const macroUpdate = macroInput.partial();
export type MacroInput = z.infer<typeof macroInput>;

export const macro = z.object({
  id: z.number().int(),
  url: z.string(),
  title: z.string(),
  raw_title: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  position: z.number().int(),
  default: z.boolean(),
  actions: z.array(ruleAction),
  restriction: z
    .object({ type: z.enum(['User', 'Group']), id: z.number().int(), ids: z.array(z.number().int()) })
    .nullable(),
  usage_1h: z.number().int(),
  usage_24h: z.number().int(),
  usage_7d: z.number().int(),
  usage_30d: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type MacroJson = z.infer<typeof macro>;

export const macroListQuery = z.object({
  access: z.enum(['personal', 'shared', 'agents']).optional(),
  active: z.enum(['true', 'false']).optional(),
  group_id: id.optional(),
  query: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  per_page: z.coerce.number().int().min(1).max(100).optional(),
});

/** `GET /macros/{id}/apply`: what the macro would change; nothing is saved. */
export const macroApplyResult = z.object({
  result: z.object({
    ticket: z.record(z.string(), z.unknown()),
    comment: z
      .object({
        body: z.string(),
        html_body: z.string(),
        public: z.boolean(),
        scoped_body: z.array(z.tuple([z.string(), z.string()])),
      })
      .optional(),
  }),
});

const webhookAuth = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('bearer_token'),
    data: z.object({ token: z.string().min(1).max(2000) }),
    add_position: z.literal('header').optional(),
  }),
  z.object({
    type: z.literal('basic_auth'),
    data: z.object({ username: z.string().min(1).max(255), password: z.string().max(2000) }),
    add_position: z.literal('header').optional(),
  }),
  z.object({
    type: z.literal('api_key'),
    data: z.object({ name: z.string().min(1).max(255), value: z.string().max(2000) }),
    add_position: z.literal('header').optional(),
  }),
]);

export const webhookInput = z.object({
  name: title,
  description: z.string().max(10_000).optional(),
  endpoint: z.string().trim().min(1).max(2000),
  http_method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  request_format: z.enum(['json', 'xml', 'form_encoded']).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  subscriptions: z.array(z.string().max(100)).max(20).optional(),
  authentication: webhookAuth.nullable().optional(),
  custom_headers: z.record(z.string().max(100), z.string().max(2000)).optional(),
  /** Frontline: let this webhook reach private and loopback addresses (admins only). */
  allow_private_network: z.boolean().optional(),
});
export const webhookUpdate = webhookInput.partial();
export type WebhookInput = z.infer<typeof webhookInput>;

export const webhook = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  endpoint: z.string(),
  http_method: z.string(),
  request_format: z.string(),
  status: z.string(),
  subscriptions: z.array(z.string()),
  authentication: z.object({ type: z.string(), add_position: z.string() }).nullable(),
  custom_headers: z.record(z.string(), z.string()),
  allow_private_network: z.boolean(),
  created_by: z.number().int().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const webhookInvocation = z.object({
  id: z.number().int(),
  webhook_id: z.number().int(),
  ticket_id: z.number().int().nullable(),
  source: z.string(),
  status: z.enum(['pending', 'retrying', 'succeeded', 'failed']),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  completed_at: timestamp.nullable(),
});
