import { z } from 'zod';
import { id, timestamp } from './common.js';

export const ticketFieldType = z.enum([
  'text',
  'textarea',
  'integer',
  'decimal',
  'tagger',
  'checkbox',
  'date',
  'regexp',
]);
export type TicketFieldTypeName = z.infer<typeof ticketFieldType>;

/** Types a client may send: Zendesk's, plus `dropdown` as another name for `tagger`. */
export const ticketFieldTypeInput = z
  .enum([...ticketFieldType.options, 'dropdown'])
  .transform((t): TicketFieldTypeName => (t === 'dropdown' ? 'tagger' : t));

export const customFieldOption = z.object({
  id: z.number().int(),
  name: z.string(),
  raw_name: z.string(),
  value: z.string(),
  default: z.boolean(),
});

export const ticketField = z.object({
  id: z.number().int(),
  url: z.string(),
  type: ticketFieldType,
  title: z.string(),
  raw_title: z.string(),
  description: z.string(),
  raw_description: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  required: z.boolean(),
  collapsed_for_agents: z.boolean(),
  regexp_for_validation: z.string().nullable(),
  title_in_portal: z.string(),
  raw_title_in_portal: z.string(),
  visible_in_portal: z.boolean(),
  editable_in_portal: z.boolean(),
  required_in_portal: z.boolean(),
  tag: z.string().nullable(),
  removable: z.boolean(),
  custom_field_options: z.array(customFieldOption).optional(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type TicketFieldJson = z.infer<typeof ticketField>;

export const customFieldOptionInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(1).max(255),
  value: z.string().trim().min(1).max(255),
  default: z.boolean().optional(),
});

const ticketFieldInputFields = {
  type: ticketFieldTypeInput.optional(),
  title: z.string().trim().min(1).max(255).optional(),
  description: z.string().max(5000).optional(),
  active: z.boolean().optional(),
  required: z.boolean().optional(),
  visible_in_portal: z.boolean().optional(),
  editable_in_portal: z.boolean().optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  regexp_for_validation: z.string().max(1000).nullable().optional(),
  tag: z.string().trim().max(80).nullable().optional(),
  custom_field_options: z.array(customFieldOptionInput).max(2000).optional(),
};

export const ticketFieldUpdate = z.object(ticketFieldInputFields);
export type TicketFieldUpdateInput = z.infer<typeof ticketFieldUpdate>;

export const ticketFieldCreate = z.object({
  ...ticketFieldInputFields,
  type: ticketFieldTypeInput,
  title: z.string().trim().min(1).max(255),
});
export type TicketFieldCreateInput = z.infer<typeof ticketFieldCreate>;
