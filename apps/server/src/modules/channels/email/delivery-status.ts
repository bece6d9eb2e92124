import { normalizeAddress, normalizeMessageId } from './mail-address.js';

/**
 * Reads an RFC 3464 delivery status notification: which recipients failed (or were
 * delayed) and why. Pure: takes the text of the `message/delivery-status` part and of
 * the returned headers.
 */
export type DeliveryReport = {
  address: string;
  action: string;
  status: string | null;
  diagnostic: string | null;
  /** A 5.x.x failure: the address will not work if we try again. */
  permanent: boolean;
};

function fields(block: string) {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const out = new Map<string, string>();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) out.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return out;
}

export function parseDeliveryStatus(text: string): DeliveryReport[] {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .filter((b) => b.trim());
  const reports: DeliveryReport[] = [];
  // The first block describes the reporting server; each later one, a recipient.
  for (const block of blocks.slice(1)) {
    const f = fields(block);
    const recipient = (f.get('final-recipient') ?? f.get('original-recipient') ?? '').replace(/^[^;]*;/, '');
    const address = normalizeAddress(recipient);
    const action = f.get('action')?.toLowerCase();
    if (!address || !action) continue;
    const status = /\d\.\d{1,3}\.\d{1,3}/.exec(f.get('status') ?? '')?.[0] ?? null;
    reports.push({
      address,
      action,
      status,
      diagnostic:
        f
          .get('diagnostic-code')
          ?.replace(/^[^;]*;\s*/, '')
          .slice(0, 500) ?? null,
      permanent: action === 'failed' && (status === null || status.startsWith('5')),
    });
  }
  return reports;
}

/** The Message-ID of the returned message, from its headers. */
export function returnedMessageId(headersText: string): string | null {
  const match = /^message-id:[ \t]*(.*(?:\r?\n[ \t]+.*)*)/im.exec(headersText);
  return match ? normalizeMessageId(match[1]!.replace(/\s+/g, ' ')) : null;
}
