/**
 * Errors a client can cause, in Zendesk's shapes. Services throw these; the error
 * handler turns them into responses. Anything else is a 500 with no details.
 */
export type FieldError = { description: string; error: string };
export type ErrorDetails = Record<string, FieldError[]>;

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.description ?? body.error));
  }
}

export class NotFoundError extends HttpError {
  constructor(description = 'Not found') {
    super(404, { error: 'RecordNotFound', description });
  }
}

export class InvalidError extends HttpError {
  constructor(details: ErrorDetails, description = 'Record validation errors') {
    super(422, { error: 'RecordInvalid', description, details });
  }
  /** One bad field: `invalid('priority', 'must be one of low, normal, high, urgent')`. */
  static field(field: string, description: string, error = 'InvalidValue') {
    return new InvalidError({ [field]: [{ description: `${humanize(field)}: ${description}`, error }] });
  }
}

export class UnauthorizedError extends HttpError {
  constructor() {
    super(401, { error: "Couldn't authenticate you" }, { 'www-authenticate': 'Basic realm="Frontline"' });
  }
}

export class ForbiddenError extends HttpError {
  constructor(description = 'You do not have access to this page.') {
    super(403, { error: 'Forbidden', description });
  }
}

export class ConflictError extends HttpError {
  constructor(description: string, error = 'UpdateConflict') {
    super(409, { error, description });
  }
}

/** Something that existed is gone for good (an expired link): 410. */
export class GoneError extends HttpError {
  constructor(description: string, error = 'Gone') {
    super(410, { error, description });
  }
}

export class BadRequestError extends HttpError {
  constructor(description: string, error = 'InvalidRequest') {
    super(400, { error, description });
  }
}

export function humanize(field: string) {
  const last =
    field
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .at(-1) ?? field;
  const words = last.replace(/_ids?$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
