/**
 * Zendesk's numeric via types (`via_id` in conditions) for Frontline's channel names.
 * Conditions accept either: `{"field": "via_id", "value": 4}` or `"email"`.
 */
const VIA_IDS: Record<string, number[]> = {
  web_form: [0],
  web: [0, 48, 50],
  email: [4],
  api: [5],
  rule: [8],
  closed_ticket: [27],
  chat: [29],
  twitter: [23, 26, 30],
  voice: [33, 34, 35, 44, 45, 46],
  facebook: [38, 41],
  mobile: [49, 56],
  sms: [57],
  app_store: [55],
  merge: [5],
};

/** Whether a ticket's channel matches a condition value (a via_id number or a channel name). */
export function viaMatches(channel: string, value: unknown): boolean {
  const text = String(value).trim().toLowerCase();
  if (/^\d+$/.test(text)) return (VIA_IDS[channel] ?? []).includes(Number(text));
  return text === channel;
}

/** Whether a condition value names a channel or via_id Frontline knows. */
export function isKnownVia(value: unknown): boolean {
  const text = String(value).trim().toLowerCase();
  if (/^\d+$/.test(text)) return Object.values(VIA_IDS).some((ids) => ids.includes(Number(text)));
  return text in VIA_IDS;
}
