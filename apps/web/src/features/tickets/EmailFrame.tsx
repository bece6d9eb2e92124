import { Button, Group, Text } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blockRemoteImages, emailFramePolicy } from './remote-images';

/**
 * An email body in a sandboxed iframe: no scripts, no forms, no top navigation, links
 * open in a new tab. The HTML was sanitized on the server; the sandbox is the second
 * wall. `allow-same-origin` (without scripts) lets the page size the frame to fit.
 * Remote images (tracking pixels) stay blocked until the agent asks (remote-images.ts).
 */
export function EmailFrame({ html, title }: { html: string; title: string }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(40);
  const [showRemote, setShowRemote] = useState(false);
  const blocked = useMemo(() => blockRemoteImages(html, window.location.origin), [html]);
  const body = showRemote ? html : blocked.html;
  const doc = `<!doctype html><html dir="auto"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${emailFramePolicy(showRemote)}"><base target="_blank"><style>
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans SC","Noto Naskh Arabic",sans-serif;color:#212529;overflow-wrap:anywhere}
img{max-width:100%;height:auto}blockquote{margin:0 0 0 .8em;padding-inline-start:.8em;border-inline-start:3px solid #ced4da;color:#495057}
pre{white-space:pre-wrap}table{max-width:100%}</style></head><body>${body}</body></html>`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new document (images shown) needs fitting again
  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const fit = () => {
      const body = frame.contentDocument?.body;
      if (body) setHeight(Math.min(Math.max(body.scrollHeight + 4, 24), 4000));
    };
    frame.addEventListener('load', fit);
    const timer = window.setTimeout(fit, 300);
    return () => {
      frame.removeEventListener('load', fit);
      window.clearTimeout(timer);
    };
  }, [doc]);

  const frame = (
    <iframe
      ref={ref}
      title={title}
      className="fl-email-frame"
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={doc}
      style={{ height }}
      lang={i18n.language}
      data-testid="email-frame"
    />
  );
  if (blocked.blocked === 0 || showRemote) return frame;
  return (
    <div>
      <Group gap="xs" mb={4} data-testid="remote-images-blocked">
        <IconPhotoOff size={14} aria-hidden />
        <Text size="xs" c="dimmed">
          {t('ticket.remoteImagesBlocked', { count: blocked.blocked })}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => setShowRemote(true)}>
          {t('ticket.showRemoteImages')}
        </Button>
      </Group>
      {frame}
    </div>
  );
}
