import { describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidError, NotFoundError } from '../../platform/http/errors.js';
import { failed, succeeded } from './bulk-results.js';

describe('bulk results', () => {
  it.each([
    ['create' as const, 'Created'],
    ['update' as const, 'Updated'],
    ['delete' as const, 'Deleted'],
  ])('reports a successful %s as %s', (action, status) => {
    expect(succeeded(action, 3, 77)).toEqual({ index: 3, id: 77, action, success: true, status });
  });

  it.each([
    [new NotFoundError(), 'RecordNotFound', 'Not found', undefined],
    [
      new ForbiddenError('Only agents can delete tickets'),
      'Forbidden',
      'Only agents can delete tickets',
      undefined,
    ],
    [
      InvalidError.field('priority', 'must be low, normal, high or urgent'),
      'RecordInvalid',
      'Priority: must be low, normal, high or urgent',
      'priority',
    ],
    [new Error('connection reset'), 'InternalError', 'Something went wrong on our side', undefined],
  ])('reports %s as a failed item with its reason', (error, code, text, field) => {
    const result = failed('update', 0, 5, error);
    expect(result).toMatchObject({
      index: 0,
      id: 5,
      action: 'update',
      success: false,
      status: 'Failed',
      error: code,
      errors: text,
    });
    if (field) expect(Object.keys(result.details ?? {})).toEqual([field]);
    else expect(result.details).toBeUndefined();
  });

  it('leaves out the ID of a ticket that was never created', () => {
    expect(failed('create', 2, undefined, new NotFoundError())).not.toHaveProperty('id');
  });
});
