import { describe, expect, it } from 'vitest';
import { copyRow, copyValue } from './copy-text';
import { isoTimestamp } from './timestamps';
import { TimeOrderedIds } from './ids';
import { parseLoadOptions } from './options';

describe('COPY text', () => {
  it('escapes what COPY would misread and writes NULL as \\N', () => {
    expect(copyValue('plain')).toBe('plain');
    expect(copyValue('tab\there\nnew\\line\r')).toBe('tab\\there\\nnew\\\\line\\r');
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(12)).toBe('12');
    expect(copyValue({ note: 'a\tb', n: 1 })).toBe('{"note":"a\\\\tb","n":1}');
    expect(copyRow(['a', null, 'ស្រីមុំ 王'])).toBe('a\t\\N\tស្រីមុំ 王\n');
  });

  it('formats timestamps exactly as Date#toISOString does', () => {
    for (let ms = Date.UTC(2015, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 7_777_777_123) {
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoTimestamp(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29T23:59:59.999Z');
  });

  it('makes version-7 UUIDs ordered by time', () => {
    const ids = new TimeOrderedIds();
    const earlier = ids.next(Date.UTC(2020, 0, 1));
    const later = ids.next(Date.UTC(2020, 0, 2));
    expect(earlier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(earlier < later).toBe(true);
    expect(new Set(Array.from({ length: 10_000 }, () => ids.next(0))).size).toBe(10_000);
  });
});

describe('parseLoadOptions', () => {
  it('reads the arguments of npm run db:load', () => {
    expect(parseLoadOptions(['--cases', '1000000'])).toEqual({ cases: 1_000_000, seed: 42, batch: 5_000, audit: 'cases' });
    expect(parseLoadOptions(['--cases=1m', '--seed', '7', '--batch=2000', '--audit', 'full'])).toEqual({ cases: 1_000_000, seed: 7, batch: 2_000, audit: 'full' });
    expect(parseLoadOptions(['--cases', '20_000']).cases).toBe(20_000);
  });

  it('refuses what it does not understand', () => {
    expect(() => parseLoadOptions([])).toThrow(/how many cases/);
    expect(() => parseLoadOptions(['--cases', 'many'])).toThrow(/whole number/);
    expect(() => parseLoadOptions(['--cases', '10', '--audit', 'some'])).toThrow(/--audit/);
    expect(() => parseLoadOptions(['--cases', '10', '--fast'])).toThrow(/Unknown argument/);
  });
});
