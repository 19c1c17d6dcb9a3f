import { describe, expect, it } from 'vitest';
import { ReferenceNumberAllocator } from './reference-numbers';

describe('ReferenceNumberAllocator', () => {
  it('numbers each province-year from 1 without gaps, independently of the others', () => {
    const allocator = new ReferenceNumberAllocator();
    const issued = ['KKG', 'PNH', 'KKG', 'KKG', 'PNH'].map((province) => allocator.next(province, 2026).referenceNumber);
    expect(issued).toEqual(['KKG-2026-000001', 'PNH-2026-000001', 'KKG-2026-000002', 'KKG-2026-000003', 'PNH-2026-000002']);
    expect(allocator.next('KKG', 2025)).toEqual({ referenceNumber: 'KKG-2025-000001', referenceYear: 2025, referenceSequence: 1 });
  });

  it('continues after the numbers a database has already issued', () => {
    const allocator = new ReferenceNumberAllocator([{ provinceCode: 'PSN', year: 2026, lastNumber: 198 }]);
    expect(allocator.next('PSN', 2026).referenceSequence).toBe(199);
    expect(allocator.next('PSN', 2026).referenceNumber).toBe('PSN-2026-000200');
  });

  it('reports the last number of every province-year it touched, for the counters table', () => {
    const allocator = new ReferenceNumberAllocator([
      { provinceCode: 'PSN', year: 2026, lastNumber: 10 },
      { provinceCode: 'KEP', year: 2020, lastNumber: 4 },
    ]);
    for (let index = 0; index < 1_000; index += 1) allocator.next(index % 3 === 0 ? 'PSN' : 'BTB', 2026);
    expect(allocator.counters()).toEqual([
      { provinceCode: 'BTB', year: 2026, lastNumber: 666 },
      { provinceCode: 'PSN', year: 2026, lastNumber: 10 + 334 },
    ]);
  });
});
