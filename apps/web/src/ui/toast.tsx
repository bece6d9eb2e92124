import { Notification, Portal, Stack } from '@mantine/core';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Toast = { id: number; message: string; color: 'green' | 'red' | 'blue' | 'yellow' };
type Show = (message: string, color?: Toast['color']) => void;

const ToastContext = createContext<Show>(() => {});
let next = 1;

/** Short confirmations ("Reply sent") and background errors, announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const closeLabel = useTranslation().t('common.close');
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback<Show>(
    (message, color = 'green') => {
      const id = next++;
      setToasts((all) => [...all.slice(-3), { id, message, color }]);
      window.setTimeout(() => dismiss(id), color === 'red' ? 8000 : 3500);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <Portal>
        <Stack
          pos="fixed"
          bottom={16}
          style={{ insetInlineEnd: 16, zIndex: 400 }}
          gap="xs"
          role="status"
          aria-live="polite"
        >
          {toasts.map((t) => (
            <Notification
              key={t.id}
              color={t.color}
              onClose={() => dismiss(t.id)}
              withBorder
              maw={360}
              closeButtonProps={{ 'aria-label': closeLabel }}
            >
              {t.message}
            </Notification>
          ))}
        </Stack>
      </Portal>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
