import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { hasExpired, securityTxt } from './security-txt';

const now = new Date('2026-05-01T08:00:00Z');

/** The fields of a security.txt, in order, as RFC 9116 §3 reads them (`Name: value` lines, `#` comments). */
function fieldsOf(text: string): [string, string][] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([A-Za-z-]+): (.+)$/.exec(line);
      if (!match) throw new Error(`not a field line: ${JSON.stringify(line)}`);
      return [match[1]!, match[2]!];
    });
}

describe('security.txt', () => {
  it('holds every contact of the configuration, its expiry, the app’s languages and its own address', () => {
    const config = parseEnv({ SECURITY_CONTACT: 'cert@police.example, https://police.example/report', SECURITY_TXT_EXPIRES: '2027-03-31T23:59:59+07:00' }, now);
    const text = securityTxt({ contacts: config.SECURITY_CONTACT, expires: config.SECURITY_TXT_EXPIRES, canonicalUrl: 'https://casebridge.example/.well-known/security.txt' });
    expect(fieldsOf(text)).toEqual([
      ['Contact', 'mailto:cert@police.example'],
      ['Contact', 'https://police.example/report'],
      ['Expires', '2027-03-31T16:59:59.000Z'],
      ['Preferred-Languages', 'en, km, zh-CN'],
      ['Canonical', 'https://casebridge.example/.well-known/security.txt'],
    ]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('of the demo configuration: a contact and an expiry that is still ahead, once each as the RFC requires', () => {
    const config = parseEnv({}, now);
    const fields = fieldsOf(securityTxt({ contacts: config.SECURITY_CONTACT, expires: config.SECURITY_TXT_EXPIRES, canonicalUrl: 'http://localhost:3000/.well-known/security.txt' }));
    expect(fields.filter(([name]) => name === 'Contact').length).toBeGreaterThanOrEqual(1);
    expect(fields.filter(([name]) => name === 'Expires')).toHaveLength(1);
    const expires = new Date(fields.find(([name]) => name === 'Expires')![1]);
    expect(hasExpired({ expires }, now)).toBe(false);
    // RFC 9116 §2.5.5 recommends less than a year ahead.
    expect(expires.getTime() - now.getTime()).toBeLessThan(365 * 24 * 60 * 60 * 1000);
  });

  it('knows when its expiry has passed while the app kept running', () => {
    const expires = new Date('2026-06-01T00:00:00Z');
    expect(hasExpired({ expires }, new Date('2026-05-31T23:59:59Z'))).toBe(false);
    expect(hasExpired({ expires }, expires)).toBe(true);
  });
});
