import type { TicketFieldJson } from '@frontline/contracts';
import type { TicketField } from '../../db/schema.js';
import { iso } from '../../platform/http/iso-time.js';

/** A custom ticket field in Zendesk's shape; dropdowns carry their options. */
export function ticketFieldJson(field: TicketField, base: string): TicketFieldJson {
  return {
    id: field.id,
    url: `${base}/api/v2/ticket_fields/${field.id}.json`,
    type: field.type,
    title: field.title,
    raw_title: field.title,
    description: field.description,
    raw_description: field.description,
    position: field.position,
    active: field.active,
    required: field.required,
    collapsed_for_agents: false,
    regexp_for_validation: field.regexp_for_validation,
    title_in_portal: field.title,
    raw_title_in_portal: field.title,
    visible_in_portal: field.visible_in_portal,
    editable_in_portal: field.editable_in_portal,
    required_in_portal: false,
    tag: field.tag,
    removable: true,
    ...(field.type === 'tagger'
      ? {
          custom_field_options: field.custom_field_options.map((o) => ({
            id: o.id,
            name: o.name,
            raw_name: o.name,
            value: o.value,
            default: o.default ?? false,
          })),
        }
      : {}),
    created_at: iso(field.created_at),
    updated_at: iso(field.updated_at),
  };
}
