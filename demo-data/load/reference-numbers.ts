import { formatReferenceNumber } from '@/lib/cases/reference-number';

export interface ReferenceCounter {
  provinceCode: string;
  year: number;
  lastNumber: number;
}

export interface AllocatedReference {
  referenceNumber: string;
  referenceYear: number;
  referenceSequence: number;
}

/**
 * Hands out reference numbers in the generator, the way intake's counter row would: per province and year,
 * starting after the highest number already issued, one after another. Cases are generated in the order they
 * were reported, so numbers rise with time; at the end the loader writes `counters()` back to
 * case_reference_counters, so the next intake continues without a gap or a repeat.
 */
export class ReferenceNumberAllocator {
  private readonly lastNumbers = new Map<string, number>();
  private readonly touched = new Set<string>();

  constructor(existing: Iterable<ReferenceCounter> = []) {
    for (const counter of existing) this.lastNumbers.set(counterKey(counter.provinceCode, counter.year), counter.lastNumber);
  }

  next(provinceCode: string, year: number): AllocatedReference {
    const key = counterKey(provinceCode, year);
    const sequence = (this.lastNumbers.get(key) ?? 0) + 1;
    this.lastNumbers.set(key, sequence);
    this.touched.add(key);
    return { referenceNumber: formatReferenceNumber(provinceCode, year, sequence), referenceYear: year, referenceSequence: sequence };
  }

  /** The last number of every province-year this allocator issued numbers in. */
  counters(): ReferenceCounter[] {
    return [...this.touched].sort().map((key) => {
      const [provinceCode = '', year = '0'] = key.split(':');
      return { provinceCode, year: Number(year), lastNumber: this.lastNumbers.get(key) ?? 0 };
    });
  }
}

function counterKey(provinceCode: string, year: number): string {
  return `${provinceCode}:${year}`;
}
