/**
 * Image dimensions read from a file's own bytes, so the icon tests (vitest and Playwright) check what is served,
 * not what a file name or a manifest claims.
 */

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's width and height from its IHDR chunk (always the first, right after the signature). */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (!bytes.subarray(0, 8).equals(pngSignature)) throw new Error('not a PNG');
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The images an ICO file holds: the size its directory states, and the size of the embedded PNG itself. */
export function icoImages(bytes: Buffer): { stated: number; png: { width: number; height: number } }[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + 16 * index;
    const length = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    return { stated: bytes.readUInt8(entry) || 256, png: pngSize(bytes.subarray(offset, offset + length)) };
  });
}
