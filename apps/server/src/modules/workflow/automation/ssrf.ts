import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Webhooks must not reach into the server's own network: loopback, private, link-local
 * (cloud metadata at 169.254.169.254), unique-local, carrier-grade NAT and the like are
 * refused unless an admin allowed private targets for that webhook. The URL is checked
 * when the webhook is saved, and every address it resolves to is checked again when it
 * is called, so a DNS name cannot be pointed inward later (DNS rebinding).
 */
const PUBLIC_RANGES = new Set(['unicast']);

/** Whether an IP address is anything other than a public unicast address. */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return !PUBLIC_RANGES.has(parsed.range());
}

/** Why a webhook URL is refused, or null when it may be called. */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// or http://';
  if (url.username || url.password) return 'must not carry credentials; use the authentication setting';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    host.endsWith('.local')
  )
    return `points at a private host (${host}); an admin must allow private targets`;
  if (ipaddr.isValid(host) && isPrivateAddress(host))
    return `points at a private address (${host}); an admin must allow private targets`;
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for http.request that refuses private addresses (used when private targets are not allowed). */
export function guardedLookup(hostname: string, options: object, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const blocked = list.find((a) => isPrivateAddress(a.address));
    if (blocked) {
      const refusal = Object.assign(
        new Error(`${hostname} resolves to a private address (${blocked.address})`),
        {
          code: 'EPRIVATE',
        },
      );
      return callback(refusal, []);
    }
    if ((options as { all?: boolean }).all) return callback(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
}
