import { randomFillSync } from 'node:crypto';

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * UUIDs in the version 7 layout (48-bit millisecond time, then random bits) for generated rows. Any UUID fits
 * the `uuid` columns; time-ordered ones keep the b-tree inserts of a bulk load next to each other, so a million
 * cases don't turn every primary-key and case_id index insert into a random page write. The random part comes
 * from the operating system, not from the seed, so a second load into the same database never collides.
 */
export class TimeOrderedIds {
  private readonly pool = Buffer.alloc(64 * 1024);
  private offset = this.pool.length;

  next(timeMs: number): string {
    if (this.offset + 10 > this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const pool = this.pool;
    const at = this.offset;
    this.offset += 10;
    const time = Math.max(0, Math.floor(timeMs));
    const high = Math.floor(time / 0x1_0000_0000);
    const low = time >>> 0;
    const timeHex = (high & 0xffff).toString(16).padStart(4, '0') + low.toString(16).padStart(8, '0');
    return (
      `${timeHex.slice(0, 8)}-${timeHex.slice(8, 12)}-` +
      `7${hex[pool[at] as number]!.slice(1)}${hex[pool[at + 1] as number]}-` +
      `${hex[((pool[at + 2] as number) & 0x3f) | 0x80]}${hex[pool[at + 3] as number]}-` +
      `${hex[pool[at + 4] as number]}${hex[pool[at + 5] as number]}${hex[pool[at + 6] as number]}${hex[pool[at + 7] as number]}${hex[pool[at + 8] as number]}${hex[pool[at + 9] as number]}`
    );
  }
}
