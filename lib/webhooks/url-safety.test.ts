import { describe, expect, it } from 'vitest';
import { endpointRefusal, isPublicAddress } from './url-safety';

const resolvesTo = (...addresses: string[]) => ({ resolve: async () => addresses });

describe('webhook endpoint addresses (server-side request forgery)', () => {
  it.each([
    '127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
    '::1', '::', 'fd00::1', 'fc00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::7f00:1', 'not an address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:8.8.8.8'])('accepts the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('refuses private, link-local and metadata URLs, plain http, and credentials', async () => {
    const options = { allowLoopbackHttp: false, ...resolvesTo('93.184.215.14') };
    expect(await endpointRefusal('https://10.0.0.1/hook', options)).toBe('private_address');
    expect(await endpointRefusal('https://169.254.169.254/latest/meta-data/', options)).toBe('private_address');
    expect(await endpointRefusal('https://[fd12:3456::1]/hook', options)).toBe('private_address');
    expect(await endpointRefusal('https://[::ffff:192.168.0.1]/hook', options)).toBe('private_address');
    // The URL parser writes an IPv4-mapped literal in hex: https://[::ffff:7f00:1]/ is 127.0.0.1 all the same.
    expect(await endpointRefusal('https://[::ffff:127.0.0.1]/hook', options)).toBe('private_address');
    expect(await endpointRefusal('https://[::ffff:7f00:1]/hook', options)).toBe('private_address');
    expect(await endpointRefusal('http://example.org/hook', options)).toBe('https_required');
    expect(await endpointRefusal('ftp://example.org/hook', options)).toBe('https_required');
    expect(await endpointRefusal('https://user:secret@example.org/hook', options)).toBe('credentials_in_url');
    expect(await endpointRefusal('not a url', options)).toBe('invalid_url');
    expect(await endpointRefusal('https://partner.example.org/hook', options)).toBeNull();
  });

  it('refuses a name that resolves to a private address, even when another of its addresses is public', async () => {
    expect(await endpointRefusal('https://internal.example.org/hook', { allowLoopbackHttp: false, ...resolvesTo('93.184.215.14', '10.1.2.3') })).toBe('private_address');
    expect(await endpointRefusal('https://nowhere.example.org/hook', { allowLoopbackHttp: false, resolve: async () => Promise.reject(new Error('ENOTFOUND')) })).toBe('unresolvable');
  });

  it('allows http://127.0.0.1 only with WEBHOOKS_ALLOW_LOOPBACK_HTTP, and never other private addresses', async () => {
    expect(await endpointRefusal('http://127.0.0.1:4000/hook', { allowLoopbackHttp: false })).toBe('https_required');
    expect(await endpointRefusal('https://127.0.0.1:4000/hook', { allowLoopbackHttp: false })).toBe('private_address');
    expect(await endpointRefusal('http://127.0.0.1:4000/hook', { allowLoopbackHttp: true })).toBeNull();
    expect(await endpointRefusal('http://10.0.0.1/hook', { allowLoopbackHttp: true })).toBe('https_required');
    expect(await endpointRefusal('https://10.0.0.1/hook', { allowLoopbackHttp: true })).toBe('private_address');
  });
});
