import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Server-side request forgery rules for partner endpoints (issue 14): an endpoint is `https` and every address
 * its host resolves to is public. Checked when the endpoint is registered and again before every delivery, since
 * a name can be pointed at an internal address after it was accepted. The one exception,
 * WEBHOOKS_ALLOW_LOOPBACK_HTTP=1, lets tests and demos use a receiver on `http://127.0.0.1` (or `localhost`).
 */

const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, including the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const)
  refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible addresses
  ['64:ff9b::', 96], // NAT64: embeds an IPv4 address, which might be a private one
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  refused.addSubnet(network, prefix, 'ipv6');

/**
 * Whether an address is one a webhook may be sent to. IPv4-mapped IPv6 addresses are judged as their IPv4, in
 * the dotted form and in the hex form a URL normalises them to (https://[::ffff:127.0.0.1]/ becomes [::ffff:7f00:1]).
 */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return isPublicAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  const family = isIP(address);
  if (family === 0) return false;
  return !refused.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type EndpointRefusal = 'invalid_url' | 'https_required' | 'credentials_in_url' | 'unresolvable' | 'private_address';

export interface UrlSafetyOptions {
  allowLoopbackHttp: boolean;
  /** Resolves a host name to all its addresses; the system resolver unless a test passes its own. */
  resolve?: (host: string) => Promise<string[]>;
}

async function systemResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Null when the URL may receive webhooks, otherwise why not. */
export async function endpointRefusal(url: string, { allowLoopbackHttp, resolve = systemResolve }: UrlSafetyOptions): Promise<EndpointRefusal | null> {
  if (!URL.canParse(url)) return 'invalid_url';
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return 'credentials_in_url';
  if (allowLoopbackHttp && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && loopbackHosts.has(parsed.hostname)) return null;
  if (parsed.protocol !== 'https:') return 'https_required';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return 'unresolvable';
  }
  if (addresses.length === 0) return 'unresolvable';
  return addresses.every(isPublicAddress) ? null : 'private_address';
}
