import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@/demo-data/shared/prng';
import { provinceTable, WeightedTable } from './weights';

describe('WeightedTable', () => {
  it('picks each key in proportion to its weight', () => {
    const table = provinceTable([
      { code: 'PNH', population: 2_281_951 },
      { code: 'KKG', population: 123_618 },
      { code: 'KEP', population: 41_798 },
      { code: 'SRP', population: 1_006_512 },
    ]);
    const rng = new SeededRandom(1);
    const draws = 400_000;
    const counts = new Map<string, number>();
    for (let index = 0; index < draws; index += 1) {
      const code = table.pick(rng.next());
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const total = 2_281_951 + 123_618 + 41_798 + 1_006_512;
    for (const [code, population] of [['PNH', 2_281_951], ['KKG', 123_618], ['KEP', 41_798], ['SRP', 1_006_512]] as const) {
      const expected = population / total;
      expect(Math.abs((counts.get(code) ?? 0) / draws - expected)).toBeLessThan(0.005);
      expect(table.shares().get(code)).toBeCloseTo(expected, 10);
    }
  });

  it('maps the ends of [0, 1) to the first and last keys and never picks a zero weight', () => {
    const table = new WeightedTable([['a', 1], ['never', 0], ['b', 3]] as const);
    expect(table.pick(0)).toBe('a');
    expect(table.pick(0.2499)).toBe('a');
    expect(table.pick(0.25)).toBe('b');
    expect(table.pick(0.999_999)).toBe('b');
    expect(table.keys).not.toContain('never');
  });

  it('refuses tables it could not pick from', () => {
    expect(() => new WeightedTable([])).toThrow();
    expect(() => new WeightedTable([['a', 0]])).toThrow();
    expect(() => new WeightedTable([['a', -1]])).toThrow();
    expect(() => new WeightedTable([['a', Number.NaN]])).toThrow();
  });
});
