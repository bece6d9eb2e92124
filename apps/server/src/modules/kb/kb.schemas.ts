import { id } from '@frontline/contracts';
import { z } from 'zod';
import { MAX_QUERY_LENGTH, MAX_SUGGEST_TEXT } from './kb-search-plan.js';

/** Request shapes of the Guide API (Zendesk's field names). */
const html = z.string().max(500_000);
const locale = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$/, 'must be a locale such as en-us')
  .transform((l) => l.toLowerCase().replace('_', '-'));
const labelNames = z.array(z.string().trim().min(1).max(100)).max(50);
const ids = z.array(z.number().int().positive()).max(500);

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100).optional(),
  per_page: z.coerce.number().int().min(1).max(100).optional(),
  label_names: z.string().max(200).optional(),
});
export const searchQuery = pageQuery.extend({
  query: z.string().trim().min(1, 'is required').max(MAX_QUERY_LENGTH),
  locale: locale.optional(),
});
export const suggestionsQuery = z.object({
  query: z.string().trim().min(1, 'is required').max(MAX_SUGGEST_TEXT),
  locale: locale.optional(),
  per_page: z.coerce.number().int().min(1).max(10).optional(),
  source: z.enum(['web_form', 'widget', 'agent']).optional(),
});
export const containerBody = (key: 'category' | 'section') =>
  z.object({
    [key]: z.object({
      name: z.string().trim().min(1).max(300).optional(),
      description: z.string().max(10_000).optional(),
      locale: locale.optional(),
      position: z.number().int().min(0).max(1_000_000).optional(),
    }),
  }) as z.ZodType<{
    [k: string]: { name?: string; description?: string; locale?: string; position?: number };
  }>;
export const articleFields = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  body: html.optional(),
  locale: locale.optional(),
  draft: z.boolean().optional(),
  user_segment_id: id.nullable().optional(),
  permission_group_id: id.nullable().optional(),
  label_names: labelNames.optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  promoted: z.boolean().optional(),
  comments_disabled: z.boolean().optional(),
  section_id: id.optional(),
});
export const articleBody = z.object({ article: articleFields, notify_subscribers: z.boolean().optional() });
export const translationBody = z.object({
  translation: z.object({
    locale: locale.optional(),
    title: z.string().trim().min(1).max(300).optional(),
    body: html.optional(),
    draft: z.boolean().optional(),
    outdated: z.boolean().optional(),
  }),
});
export const segmentBody = z.object({
  user_segment: z.object({
    name: z.string().trim().min(1).max(200).optional(),
    user_type: z.enum(['signed_in_users', 'staff']).optional(),
    group_ids: ids.optional(),
    organization_ids: ids.optional(),
    tags: labelNames.optional(),
    or_tags: labelNames.optional(),
  }),
});
export const flagBody = z.object({
  flag: z.object({ ticket_id: id.nullable().optional(), reason: z.string().max(2000).optional() }).optional(),
});
export const clickBody = z.object({ article_id: id });
export const localeParams = z.object({ locale: z.string().max(20) });
export const idLocaleParams = z.object({ id, locale: z.string().max(20).optional() });
export const themeBody = z.object({
  help_center: z.object({
    name: z.string().trim().min(1).max(100).optional(),
    logo_url: z
      .string()
      .url()
      .max(2000)
      .regex(/^https?:\/\//, 'must be an http(s) URL')
      .nullable()
      .optional(),
    brand_color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f73b7')
      .optional(),
    text_color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f73b7')
      .optional(),
  }),
});
