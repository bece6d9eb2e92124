import type { TicketFieldCreateInput, TicketFieldUpdateInput } from '@frontline/contracts';
import type { TicketField } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { InvalidError, NotFoundError } from '../../platform/http/errors.js';
import type { PageRequest } from '../../platform/http/pagination.js';
import { checkTicketField, type FieldDraft, mergeOptions } from './ticket-field-rules.js';
import type { TicketFieldsRepository } from './ticket-fields.repository.js';

export type TicketFieldsServiceDeps = { fields: TicketFieldsRepository; clock: Clock };

/**
 * Admin-defined ticket fields. The tickets module validates ticket values against
 * them (modules/tickets/custom-fields.ts); this keeps the definitions sound.
 */
export function createTicketFieldsService({ fields, clock }: TicketFieldsServiceDeps) {
  async function find(id: number) {
    const field = await fields.findById(id);
    if (!field) throw new NotFoundError();
    return field;
  }

  /** The definition after the input is applied, checked; 422 naming every problem. */
  async function draftOf(input: TicketFieldUpdateInput, existing: TicketField | null) {
    const draft: FieldDraft = {
      type: input.type ?? existing!.type,
      regexp_for_validation:
        input.regexp_for_validation !== undefined
          ? input.regexp_for_validation || null
          : (existing?.regexp_for_validation ?? null),
      tag: input.tag !== undefined ? input.tag || null : (existing?.tag ?? null),
      custom_field_options: input.custom_field_options ?? existing?.custom_field_options ?? [],
    };
    const errors = checkTicketField(draft, existing);
    if (Object.keys(errors).length > 0) throw new InvalidError(errors);
    const fresh = draft.custom_field_options.filter((o) => o.id === undefined).length;
    const options = mergeOptions(draft.custom_field_options, await fields.nextOptionIds(fresh));
    return { ...draft, custom_field_options: JSON.stringify(options) };
  }

  function columns(input: TicketFieldUpdateInput) {
    return {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.required !== undefined ? { required: input.required } : {}),
      ...(input.visible_in_portal !== undefined ? { visible_in_portal: input.visible_in_portal } : {}),
      ...(input.editable_in_portal !== undefined ? { editable_in_portal: input.editable_in_portal } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
    };
  }

  return {
    find,
    list(page: PageRequest) {
      return fields.page(page);
    },
    async create(input: TicketFieldCreateInput) {
      const draft = await draftOf(input, null);
      const now = clock.now();
      return fields.insert({
        ...columns(input),
        ...draft,
        title: input.title,
        created_at: now,
        updated_at: now,
      });
    },
    async update(id: number, input: TicketFieldUpdateInput) {
      const existing = await find(id);
      const draft = await draftOf(input, existing);
      return fields.update(existing.id, { ...columns(input), ...draft, updated_at: clock.now() });
    },
    /** Deletes the definition; tickets keep their stored values, no longer shown. */
    async remove(id: number) {
      await fields.remove((await find(id)).id);
    },
  };
}

export type TicketFieldsService = ReturnType<typeof createTicketFieldsService>;
