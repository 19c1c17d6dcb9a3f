/**
 * `npm run icons`: draws the CaseBridge mark (lib/brand/mark.ts) into public/ — the SVG icon, every PNG of
 * lib/brand/icons.ts and favicon.ico — with sharp. The files are committed, so neither the build nor the app
 * needs sharp; run this again after changing the drawing, the colours or the list of icons.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { favicon, pngIcons, svgIcon } from '@/lib/brand/icons';
import { markSvg, type MarkFrame } from '@/lib/brand/mark';

const publicDir = path.join(process.cwd(), 'public');

/** The mark rendered straight at `size` pixels (librsvg draws the vectors at that resolution, no downscaling). */
async function renderPng(frame: MarkFrame, size: number): Promise<Buffer> {
  const gridSize = 512;
  return sharp(Buffer.from(markSvg(frame)), { density: (72 * size) / gridSize })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** An ICO file holding PNG images (supported by every browser since Windows Vista's format revision). */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

function write(src: string, content: string | Buffer) {
  fs.writeFileSync(path.join(publicDir, src), content);
  console.log(`public${src}`);
}

fs.mkdirSync(publicDir, { recursive: true });
write(svgIcon.src, markSvg(svgIcon.frame));
for (const icon of pngIcons) write(icon.src, await renderPng(icon.frame, icon.size));
write(favicon.src, icoOf(await Promise.all(favicon.sizes.map(async (size) => ({ size, png: await renderPng(favicon.frame, size) })))));
