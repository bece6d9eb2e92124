import { isSystemSender } from './mail-address.js';

/**
 * Mail that a machine sent (RFC 3834 and common practice). We never answer it
 * automatically; out-of-office replies and non-standard bounces are held for review
 * instead of reopening tickets; standard bounces (RFC 3464) are recorded against the
 * address. Pure: it reads headers the caller extracted.
 */
export type RawHeaders = ReadonlyMap<string, readonly string[]>;

export type NoiseKind = 'normal' | 'bounce' | 'auto_reply' | 'auto_generated' | 'bulk' | 'system_sender';

export type Noise = {
  kind: NoiseKind;
  /** True for everything but normal mail: no automatic reply may go to this sender. */
  suppressAutoReply: boolean;
  /** What to do with it: apply it as usual, hold it for review, or record a bounce. */
  handling: 'apply' | 'suspend' | 'bounce';
  /** Zendesk's suspension cause when held. */
  cause: 'auto_vacation' | 'auto_delivery_failure' | null;
  reasons: string[];
};

export type NoiseInput = {
  headers: RawHeaders;
  /** The SMTP envelope sender: '' for the null sender `<>`, undefined when not known. */
  envelopeFrom: string | null | undefined;
  fromAddress: string | null;
  /** `multipart/report; report-type=delivery-status` and the like, lower-cased. */
  contentType: string;
  subject: string;
};

const first = (headers: RawHeaders, name: string) => headers.get(name)?.[0]?.trim() ?? null;

const VACATION_SUBJECT =
  /^(auto(matic)?[ -]?(reply|response)|out of (the )?office|abwesenheitsnotiz|réponse automatique|自动回复|自動応答|رد تلقائي)\b/i;

export function classifyNoise(input: NoiseInput): Noise {
  const { headers } = input;
  const reasons: string[] = [];
  const isDsn =
    /^multipart\/report\b/.test(input.contentType) && /report-type="?delivery-status/.test(input.contentType);
  if (isDsn) return noise('bounce', ['delivery status notification (RFC 3464)']);

  const autoSubmitted = first(headers, 'auto-submitted')?.toLowerCase().split(';')[0]?.trim();
  if (autoSubmitted && autoSubmitted !== 'no') reasons.push(`Auto-Submitted: ${autoSubmitted}`);
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (headers.has(name)) reasons.push(`${name} header`);
  }
  const precedence = first(headers, 'precedence')?.toLowerCase();
  if (precedence && /^(bulk|list|junk|auto_reply)$/.test(precedence))
    reasons.push(`Precedence: ${precedence}`);
  const listHeaders = [...headers.keys()].filter((k) => k.startsWith('list-'));
  if (listHeaders.length > 0) reasons.push(`${listHeaders[0]} header`);
  const returnPath = first(headers, 'return-path');
  if (input.envelopeFrom === '' || returnPath === '<>') reasons.push('empty Return-Path');

  if (isSystemSender(input.fromAddress)) {
    return noise('system_sender', [...reasons, `sender ${input.fromAddress} is a mail system`]);
  }
  const autoReply =
    autoSubmitted === 'auto-replied' ||
    reasons.some((r) => r.startsWith('x-autore')) ||
    precedence === 'auto_reply' ||
    (reasons.length > 0 && VACATION_SUBJECT.test(input.subject));
  if (autoReply) return noise('auto_reply', reasons);
  if (autoSubmitted && autoSubmitted !== 'no') return noise('auto_generated', reasons);
  if (reasons.length > 0) {
    const bulk = precedence !== undefined || listHeaders.length > 0;
    return noise(bulk ? 'bulk' : 'auto_generated', reasons);
  }
  return noise('normal', []);
}

function noise(kind: NoiseKind, reasons: string[]): Noise {
  const handling =
    kind === 'bounce' ? 'bounce' : kind === 'auto_reply' || kind === 'system_sender' ? 'suspend' : 'apply';
  const cause =
    kind === 'auto_reply' ? 'auto_vacation' : kind === 'system_sender' ? 'auto_delivery_failure' : null;
  return { kind, suppressAutoReply: kind !== 'normal', handling, cause, reasons };
}

/** Our own headers: ignored and dropped when they arrive from outside. */
export function isControlHeader(name: string) {
  return name.toLowerCase().startsWith('x-frontline-');
}
