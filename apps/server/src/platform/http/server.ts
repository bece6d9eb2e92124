import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import { type ErrorDetails, HttpError, humanize } from './errors.js';

/** Zendesk clients append `.json` to every path; route both spellings to one handler. */
export function stripJsonSuffix(url: string) {
  return url.replace(/^(\/api\/v2\/[^?]*?)\.json(?=$|\?)/, '$1');
}

/**
 * Query strings with one level of brackets, as Zendesk uses them:
 * `page[size]=100&page[after]=x` → `{ page: { size: '100', after: 'x' } }`.
 * A repeated key keeps its last value.
 */
export function parseQuery(query: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const match = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
    if (!match) {
      out[key] = value;
      continue;
    }
    const [, outer, inner] = match as unknown as [string, string, string];
    const nested =
      typeof out[outer] === 'object' && out[outer] !== null ? (out[outer] as Record<string, string>) : {};
    nested[inner] = value;
    out[outer] = nested;
  }
  return out;
}

export async function createHttpServer(config: Config, logger: Logger, secretKey: string) {
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    rewriteUrl: (req) => stripJsonSuffix(req.url ?? '/'),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200, querystringParser: parseQuery },
    requestIdHeader: 'x-request-id',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Zendesk clients send `Content-Type: application/json` on bodiless DELETEs and GETs.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    if (nestingDepth(text) > MAX_JSON_DEPTH) {
      return done(
        new HttpError(400, {
          error: 'InvalidJSON',
          description: `The request body nests more than ${MAX_JSON_DEPTH} levels deep`,
        }),
      );
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new HttpError(400, { error: 'InvalidJSON', description: 'The request body is not valid JSON' }));
    }
  });

  await app.register(fastifyCookie, { secret: secretKey });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Frontline API',
        description: 'Zendesk-compatible help desk API (/api/v2) with Frontline additions.',
        version: '2',
      },
      components: {
        securitySchemes: {
          basic: {
            type: 'http',
            scheme: 'basic',
            description: '{email}/token:{api_token} or {email}:{password}',
          },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ basic: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  // PostgreSQL cannot store U+0000 or a lone UTF-16 surrogate (JSON "\ud800"): refuse
  // them naming the field, before any SQL fails on them with a 500.
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const;
    for (const [context, value] of parts) {
      const found = unstorableText(value);
      if (found === null) continue;
      const issue = { instancePath: found.path, message: found.problem, keyword: 'unstorable_text' };
      throw new HttpError(422, {
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: validationDetails([issue], context),
      });
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send({ error: 'InvalidEndpoint', description: `Not found: ${request.method} ${request.url}` });
  });

  app.get('/api/docs/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  return app;
}

export type HttpApp = Awaited<ReturnType<typeof createHttpServer>>;

/** How deep a JSON body may nest; Zendesk's payloads need a handful of levels. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of objects and arrays in JSON text, brackets inside strings not counted. */
export function nestingDepth(text: string) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A backslash in a string skips the character it escapes.
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

const NUL = 'cannot contain the NUL character (\\u0000)';
const SURROGATE = 'cannot contain a lone UTF-16 surrogate (\\ud800-\\udfff): it is not text';
/** A lone surrogate: a high one without its low one, or a low one on its own. */
const LONE_SURROGATE = /\p{Cs}/u;

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return NUL;
  if (LONE_SURROGATE.test(text)) return SURROGATE;
  return null;
}

/**
 * The first key or string PostgreSQL cannot store (U+0000, a lone surrogate), with its
 * JSON-pointer path (`/ticket/subject`) and what is wrong with it; null when all is text.
 */
export function unstorableText(value: unknown, path = ''): { path: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const problem = textProblem(key);
    if (problem) return { path: `${path}/${key.replaceAll('\u0000', '').replace(/\p{Cs}/gu, '')}`, problem };
    const found = unstorableText(item, `${path}/${key}`);
    if (found !== null) return found;
  }
  return null;
}

function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpError) {
    return reply.code(error.statusCode).headers(error.headers).send(error.body);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return reply.code(422).send({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: validationDetails(error.validation, error.validationContext),
    });
  }
  const invalid = databaseRefusal(error);
  if (invalid) return reply.code(422).send(invalid);
  const status = error.statusCode ?? 500;
  if (status === 413) {
    return reply.code(413).send({ error: 'PayloadTooLarge', description: 'The request body is too large' });
  }
  if (status === 415) {
    return reply.code(415).send({ error: 'UnsupportedMediaType', description: error.message });
  }
  if (status === 429) {
    const description = (error as { description?: string }).description ?? error.message;
    return reply.code(429).send({ error: 'TooManyRequests', description });
  }
  if (status >= 400 && status < 500) {
    return reply.code(status).send({ error: 'InvalidRequest', description: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ error: 'InternalError', description: 'Something went wrong on our side' });
}

/**
 * A PostgreSQL refusal the client caused, as Zendesk's RecordInvalid: a reference to a
 * record that does not exist (or a delete of one still in use), a value out of range or
 * too long for its column. Services check what they can first; this is the one mapping
 * for what they did not, so such input never becomes a 500.
 */
export function databaseRefusal(error: unknown): Record<string, unknown> | null {
  const e = error as { code?: unknown; detail?: unknown; column?: unknown } | null;
  if (typeof e?.code !== 'string') return null;
  const detail = typeof e.detail === 'string' ? e.detail : '';
  const invalid = (field: string, description: string) => ({
    error: 'RecordInvalid',
    description: 'Record validation errors',
    details: { [field]: [{ description: `${humanize(field)}: ${description}`, error: 'InvalidValue' }] },
  });
  if (e.code === '23503') {
    const missing = /^Key \(([a-z_]+)\)=\(([^)]*)\) is not present in table "([a-z_]+)"/.exec(detail);
    if (missing) {
      const [, column, value, table] = missing as unknown as [string, string, string, string];
      return invalid(FOREIGN_KEY_FIELDS[column] ?? column, `no ${table} record has the id ${value}`);
    }
    const used = /is still referenced from table "([a-z_]+)"/.exec(detail);
    return invalid('base', `is still used by ${used?.[1] ?? 'other records'}; remove those first`);
  }
  const column = typeof e.column === 'string' ? e.column : 'base';
  if (e.code === '22003') return invalid(column, 'is out of range');
  if (e.code === '22001') return invalid(column, 'is too long');
  return null;
}

/** Columns whose API field has another name. */
const FOREIGN_KEY_FIELDS: Record<string, string> = { owner_id: 'user_id' };

// Singular envelopes only: `{"ticket": {"priority": …}}` reports `priority`, while
// `{"tickets": [{…}]}` keeps `tickets.0.priority` so the item is named.
const ENVELOPES = new Set(['ticket', 'user', 'organization', 'group', 'group_membership', 'ticket_field']);

/** Turns zod issues into Zendesk's `details`, keyed by field path without the envelope. */
export function validationDetails(
  issues: { instancePath: string; message?: string | undefined; keyword: string }[],
  context?: string,
): ErrorDetails {
  const details: ErrorDetails = {};
  for (const issue of issues) {
    const parts = issue.instancePath.split('/').filter(Boolean);
    if (parts.length > 1 && ENVELOPES.has(parts[0]!)) parts.shift();
    const field = parts.join('.') || (context === 'body' ? 'base' : (context ?? 'base'));
    const list = details[field] ?? [];
    list.push({
      description: `${field}: ${issue.message ?? 'is invalid'}`,
      error: issue.keyword === 'invalid_type' ? 'InvalidType' : 'InvalidValue',
    });
    details[field] = list;
  }
  return details;
}
