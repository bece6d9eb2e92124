/**
 * Request bodies a careless or hostile client sends, built from the OpenAPI document's
 * schemas so every route with a body gets them without a list to keep up to date.
 */
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
};

const typesOf = (schema: Schema): string[] => {
  if (schema.type) return Array.isArray(schema.type) ? schema.type : [schema.type];
  const parts = schema.anyOf ?? schema.oneOf ?? schema.allOf ?? [];
  return [...new Set(parts.flatMap(typesOf))];
};

/** A value of a type the schema does not accept (undefined when it accepts anything). */
function wrongValue(schema: Schema): unknown {
  const types = typesOf(schema);
  if (types.length === 0) return schema.enum || schema.const !== undefined ? { not: 'allowed' } : undefined;
  const candidates: unknown[] = [{ nested: true }, ['a', 'list'], 'a string', 12345.5, true];
  const accepts = (v: unknown) => {
    if (Array.isArray(v)) return types.includes('array');
    if (v === null) return types.includes('null');
    if (typeof v === 'object') return types.includes('object');
    if (typeof v === 'number') return types.includes('number') || types.includes('integer');
    if (typeof v === 'boolean') return types.includes('boolean');
    return types.includes('string');
  };
  return candidates.find((v) => !accepts(v));
}

/**
 * An object shaped like the schema's envelope where every field has the wrong type:
 * `{"ticket": {"subject": {"nested": true}, "priority": {"nested": true}, …}}`.
 * Returns the body and the field paths a 422 should name.
 */
export function wrongTypedBody(schema: Schema, depth = 0): { body: unknown; fields: string[] } {
  const object = schema.properties ? schema : (schema.allOf ?? schema.anyOf ?? []).find((s) => s.properties);
  if (!object?.properties || depth > 1) return { body: wrongValue(schema), fields: [''] };
  const body: Record<string, unknown> = {};
  const fields: string[] = [];
  for (const [name, property] of Object.entries(object.properties)) {
    const nested =
      typesOf(property).includes('object') && depth === 0 ? wrongTypedBody(property, depth + 1) : null;
    const value = nested ? nested.body : wrongValue(property);
    if (value === undefined) continue;
    body[name] = value;
    fields.push(...(nested ? nested.fields.map((f) => (f ? `${name}.${f}` : name)) : [name]));
  }
  return { body, fields };
}

/**
 * A body the schema would accept in shape, with `filler` wherever the schema accepts
 * anything (`z.unknown()`): a custom field's value, a rule's value, metadata.
 */
export function sampleBody(schema: Schema, filler: unknown, depth = 0): unknown {
  if (depth > 6) return filler;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const object = schema.properties
    ? schema
    : (schema.allOf ?? schema.anyOf ?? schema.oneOf ?? []).find((s) => s.properties);
  if (object?.properties) {
    return Object.fromEntries(
      Object.entries(object.properties).map(([name, property]) => [
        name,
        sampleBody(property, filler, depth + 1),
      ]),
    );
  }
  const types = typesOf(schema);
  if (types.length === 0) return filler;
  if (types.includes('array')) {
    const items = schema.items ?? (schema.anyOf ?? []).find((s) => s.items)?.items;
    return items ? [sampleBody(items, filler, depth + 1)] : [];
  }
  if (types.includes('string')) return 'x';
  if (types.includes('integer') || types.includes('number')) return 1;
  if (types.includes('boolean')) return true;
  return filler;
}

/** `[[[[…]]]]`, `depth` deep. */
export function deeplyNested(depth: number) {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Path parameter values that are not IDs, or IDs no database column holds. */
export const BAD_IDS = [
  'abc',
  '-1',
  '0',
  '1.5',
  '1e3',
  '0x10',
  '99999999999999999999',
  '9223372036854775808',
  '%00',
  '%FF%FE',
  "1'%20or%20'1'='1",
  'x'.repeat(180),
];

/** Query-string values for ID lists and free text that must not reach the database as they are. */
export const BAD_QUERIES = [
  'ids=99999999999999999999',
  'ids=9223372036854775808,1',
  'ids=-1',
  'ids=%00',
  'ids=1,,2',
  'query=%00',
  'query=a%00b',
  'query=%FF%FE',
  'query=created%3E99999-99-99',
  'query=updated%3Cnot-a-date',
  'query=type:ticket%20status%3E%3Eopen',
  `query=${'('.repeat(500)}`,
  'page=-1&per_page=100000',
  'page=99999999999999999999',
  'page[size]=0',
  'page[size]=1000000',
  'page[after]=not-a-cursor',
  'page[after]=%00',
  'sort_by=password_hash',
  'sort=-;drop%20table%20tickets',
  'start_time=-1',
  'start_time=99999999999999999999',
  'cursor=%00',
  'external_id=%00',
  'name=%00',
  'filter[type]=nope',
  'include=%00',
];
