import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, type FieldErrors } from '../../api/client';
import { useErrorText } from '../../ui/states';
import { useToast } from '../../ui/toast';

/**
 * A 422's details as messages keyed three ways, so each input finds its own: the full key
 * (`trigger.conditions.all.1`), the key without the envelope (`conditions.all.1`) and the
 * last part (`title`). The server's "key: " prefix is dropped from the message.
 */
export function fieldErrors(details: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, list] of Object.entries(details)) {
    const message = (list[0]?.description ?? '').replace(`${key}: `, '');
    const parts = key.split('.');
    out[parts.at(-1) ?? key] = message;
    if (parts.length > 1) out[parts.slice(1).join('.')] = message;
    out[key] = message;
  }
  return out;
}

/**
 * Submit state for settings forms: field errors from a 422 land next to their inputs.
 * After a success the queries under `invalidate` (and any `more` keys) are refetched.
 */
export function useAdminForm(invalidate: QueryKey, ...more: QueryKey[]) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setErrors({});
    try {
      await action();
      toast(done);
      await Promise.all([invalidate, ...more].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      return true;
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.details).length) setErrors(fieldErrors(err.details));
      else setErrors({ base: errorText(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  /** One line for forms without a field to show it at (lists): the general error, else the first. */
  const message = errors.base ?? Object.values(errors)[0];
  return { errors, busy, run, message, clear: () => setErrors({}) };
}

export type AdminForm = ReturnType<typeof useAdminForm>;
