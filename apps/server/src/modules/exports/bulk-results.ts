import type { BulkResult } from '@frontline/contracts';
import { type ErrorDetails, HttpError } from '../../platform/http/errors.js';

/**
 * Per-item results of a bulk ticket job, in Zendesk's shape: the item's index in the
 * request, the ticket ID when there is one, the action, and success or the reason it
 * failed. A failure is the error the same call on one ticket would have answered.
 */
export type BulkAction = BulkResult['action'];

const DONE = { create: 'Created', update: 'Updated', delete: 'Deleted' } as const;

export function succeeded(action: BulkAction, index: number, id: number): BulkResult {
  return { index, id, action, success: true, status: DONE[action] };
}

export function failed(
  action: BulkAction,
  index: number,
  id: number | undefined,
  error: unknown,
): BulkResult {
  const reason = reasonOf(error);
  return {
    index,
    ...(id !== undefined ? { id } : {}),
    action,
    success: false,
    status: 'Failed',
    error: reason.error,
    errors: reason.description,
    ...(reason.details ? { details: reason.details } : {}),
  };
}

/** What a client learns from an error; anything unexpected stays generic. */
export function reasonOf(error: unknown): { error: string; description: string; details?: ErrorDetails } {
  if (error instanceof HttpError) {
    const body = error.body as { error?: unknown; description?: unknown; details?: ErrorDetails };
    const details = body.details;
    const fieldText = details
      ? Object.values(details)
          .flat()
          .map((d) => d.description)
          .join('; ')
      : '';
    return {
      error: String(body.error ?? 'Failed'),
      description: fieldText || String(body.description ?? body.error ?? 'Failed'),
      ...(details ? { details } : {}),
    };
  }
  return { error: 'InternalError', description: 'Something went wrong on our side' };
}
