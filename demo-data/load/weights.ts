/**
 * A table of keys with weights, picked with one uniform number each: the cumulative sums are computed once,
 * so a million picks cost a binary search each instead of a walk over an object's entries.
 */
export class WeightedTable<K> {
  readonly keys: readonly K[];
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(entries: readonly (readonly [K, number])[]) {
    const kept = entries.filter(([, weight]) => {
      if (!Number.isFinite(weight) || weight < 0) throw new Error(`Invalid weight ${weight}`);
      return weight > 0;
    });
    if (kept.length === 0) throw new Error('A weighted table needs at least one positive weight');
    this.keys = kept.map(([key]) => key);
    this.cumulative = new Float64Array(kept.length);
    let running = 0;
    kept.forEach(([, weight], index) => {
      running += weight;
      this.cumulative[index] = running;
    });
    this.total = running;
  }

  static fromRecord<K extends string>(weights: Readonly<Partial<Record<K, number>>>): WeightedTable<K> {
    return new WeightedTable(Object.entries(weights) as [K, number][]);
  }

  /** The key whose share of the total contains `uniform` (a number in [0, 1)). */
  pick(uniform: number): K {
    const target = uniform * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return this.keys[low] as K;
  }

  /** The expected share of each key, for tests and for printing the mix. */
  shares(): Map<K, number> {
    return new Map(this.keys.map((key, index) => [key, ((this.cumulative[index] ?? 0) - (index > 0 ? (this.cumulative[index - 1] ?? 0) : 0)) / this.total]));
  }
}

/** Provinces weighted by their census population (the `provinces.population` column). */
export function provinceTable(provinces: readonly { code: string; population: number }[]): WeightedTable<string> {
  return new WeightedTable(provinces.map((province) => [province.code, province.population] as const));
}
