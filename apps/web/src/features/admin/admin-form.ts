import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../ui/states';
import { useToast } from '../../ui/toast';

/** Submit state for admin forms: field errors from a 422 land next to their inputs. */
export function useAdminForm(invalidate: string[]) {
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
      await queryClient.invalidateQueries({ queryKey: invalidate });
      return true;
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.details).length)
        setErrors(
          Object.fromEntries(
            Object.entries(err.details).map(([k, v]) => [k.split('.').pop() ?? k, v[0]?.description ?? '']),
          ),
        );
      else setErrors({ base: errorText(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, run };
}
