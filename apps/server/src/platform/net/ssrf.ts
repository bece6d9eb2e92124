import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * What the server may connect to on an admin's behalf (webhooks, IMAP hosts), so a
 * setting cannot reach into the server's own network:
 * - link-local addresses (169.254.0.0/16 with the cloud metadata service at
 *   169.254.169.254, fe80::/10) and metadata host names are refused always;
 * - loopback, private, unique-local, carrier-grade NAT and other non-public addresses,
 *   and names such as `localhost` or `*.internal`, only when an admin allowed private
 *   targets for that webhook or IMAP source (`allow_private_network`).
 * The host is checked when the setting is saved, and every address the name resolves
 * to is checked again when connecting, so a DNS name cannot be pointed inward later
 * (DNS rebinding).
 */
const PUBLIC_RANGES = new Set(['unicast']);
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'instance-data',
  'instance-data.ec2.internal',
]);
/** Cloud metadata services that are not link-local (AWS's IPv6 one, Alibaba's). */
const METADATA_ADDRESSES = new Set(['fd00:ec2::254', '100.100.100.200']);

function parse(address: string) {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

/** Whether an IP address is anything other than a public unicast address. */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  return !PUBLIC_RANGES.has(parse(address).range());
}

/** Whether an IP address is link-local or a cloud metadata service: never a target. */
export function isMetadataAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = parse(address);
  return parsed.range() === 'linkLocal' || METADATA_ADDRESSES.has(parsed.toString());
}

/** Why the server must not connect to `host` (a name or an IP address), or null when it may. */
export function hostProblem(rawHost: string, allowPrivate: boolean): string | null {
  const host = rawHost
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (METADATA_HOSTS.has(host) || isMetadataAddress(host))
    return `points at a link-local or cloud metadata address (${host}), which is never allowed`;
  if (allowPrivate) return null;
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
  return hostProblem(url.hostname, allowPrivate);
}

/** The first address of `addresses` the server must not connect to, with why; null when all may be. */
export function refusedAddress(addresses: string[], allowPrivate: boolean): string | null {
  for (const address of addresses) {
    if (isMetadataAddress(address)) return `${address} is link-local or a cloud metadata address`;
    if (!allowPrivate && isPrivateAddress(address)) return `${address} is a private address`;
  }
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for http.request or net.connect that refuses what `refusedAddress` refuses. */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const refused = refusedAddress(
        list.map((a) => a.address),
        allowPrivate,
      );
      if (refused) {
        const refusal = Object.assign(new Error(`${hostname} resolves to a refused address: ${refused}`), {
          code: 'EPRIVATE',
        });
        return callback(refusal, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Resolves `host` and says why connecting to it is refused, or null (also when it does not resolve). */
export async function resolvedHostProblem(host: string, allowPrivate: boolean): Promise<string | null> {
  const named = hostProblem(host, allowPrivate);
  if (named) return named;
  if (ipaddr.isValid(host.replace(/^\[|\]$/g, ''))) return null;
  const addresses = await new Promise<string[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, list) => resolve(error ? [] : list.map((a) => a.address))),
  );
  const refused = refusedAddress(addresses, allowPrivate);
  return refused ? `${host} resolves to a refused address: ${refused}` : null;
}
