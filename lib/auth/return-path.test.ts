import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPathReturningTo } from './return-path';

describe('the path a sign-in returns to', () => {
  it('accepts a path of this site, with its query', () => {
    expect(safeReturnPath('/embassy/cases/0b6f6c1e-3b0a-4f43-9a59-3b8b3f6f8f3a')).toBe('/embassy/cases/0b6f6c1e-3b0a-4f43-9a59-3b8b3f6f8f3a');
    expect(safeReturnPath('/police/cases?status=reported&page=2')).toBe('/police/cases?status=reported&page=2');
  });

  it.each([
    ['an absolute URL', 'https://evil.example/phish'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash host', '/\\evil.example'],
    ['a backslash later on', '/police\\..\\x'],
    ['a relative path', 'police/cases'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a control character', '/police/cases\n/x'],
    ['the sign-in page itself', '/sign-in?next=/x'],
    ['nothing', ''],
    ['a non-string', ['/police']],
    ['an overlong path', `/${'a'.repeat(1000)}`],
  ])('refuses %s', (_label, value) => {
    expect(safeReturnPath(value)).toBeNull();
  });

  it('builds the sign-in address that returns there, and a plain one otherwise', () => {
    expect(signInPathReturningTo('/embassy/cases/abc?tab=thread')).toBe('/sign-in?next=%2Fembassy%2Fcases%2Fabc%3Ftab%3Dthread');
    expect(signInPathReturningTo('//evil.example')).toBe('/sign-in');
    expect(signInPathReturningTo(null)).toBe('/sign-in');
    expect(signInPathReturningTo('/')).toBe('/sign-in');
  });
});
