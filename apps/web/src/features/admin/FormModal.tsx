import { type MantineSize, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/states';

/**
 * A settings form in a dialog: submitting it (Enter, or a `type="submit"` button inside)
 * runs `onSubmit`; `error` is the form's general error, shown above its fields. `after`
 * goes under the form in the same dialog (sections with forms of their own).
 */
export function FormModal({
  title,
  size,
  testId,
  error,
  onClose,
  onSubmit,
  after,
  children,
}: {
  title: ReactNode;
  size?: MantineSize;
  testId?: string;
  error: string | undefined;
  onClose: () => void;
  onSubmit: () => unknown;
  after?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const form = (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      data-testid={testId}
    >
      <Stack>
        <ErrorAlert message={error} />
        {children}
      </Stack>
    </form>
  );
  return (
    <Modal
      opened
      onClose={onClose}
      size={size}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {after ? (
        <Stack>
          {form}
          {after}
        </Stack>
      ) : (
        form
      )}
    </Modal>
  );
}
