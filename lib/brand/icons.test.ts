import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { icoImages, pngSize } from '@/lib/testing/image-sizes';
import { brandColours } from './colours';
import { appleTouchIcon, favicon, manifestIcons, pngIcons, svgIcon } from './icons';
import { markSvg } from './mark';

const publicFile = (src: string) => fs.readFileSync(path.join(process.cwd(), 'public', src));

/** The RGBA pixels of a PNG in public/, with a reader by coordinates. */
async function pixelsOf(src: string) {
  const { data, info } = await sharp(publicFile(src)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { size: info.width, at: (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)] };
}

const rgbaOf = (hex: string) => [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)).concat(255);

describe('the brand colours', () => {
  it('are the Tailwind theme’s values in app/globals.css', () => {
    const css = fs.readFileSync(path.join(process.cwd(), 'app/globals.css'), 'utf8');
    const themeValue = (name: string) => new RegExp(`--color-${name}:\\s*(#[0-9a-f]{6});`, 'i').exec(css)?.[1]?.toLowerCase();
    expect(brandColours).toEqual({ brand50: themeValue('brand-50'), brand100: themeValue('brand-100'), brand900: themeValue('brand-900') });
  });
});

describe('the icons in public/', () => {
  it('are the mark as lib/brand/mark.ts draws it (run `npm run icons` after changing it)', () => {
    expect(publicFile(svgIcon.src).toString('utf8')).toBe(markSvg(svgIcon.frame));
  });

  it('have the sizes lib/brand/icons.ts gives them, read from their bytes', () => {
    for (const icon of pngIcons) expect(pngSize(publicFile(icon.src)), icon.src).toEqual({ width: icon.size, height: icon.size });
    expect(icoImages(publicFile(favicon.src))).toEqual(favicon.sizes.map((size) => ({ stated: size, png: { width: size, height: size } })));
  });

  it('cover what browsers and phones ask for: 192 and 512 for installation, maskable ones, Apple’s 180', () => {
    const sizesOf = (purpose: string) => manifestIcons.filter((icon) => icon.purpose === purpose).map((icon) => icon.size);
    expect(sizesOf('any')).toEqual(expect.arrayContaining([192, 512]));
    expect(sizesOf('maskable')).toEqual(expect.arrayContaining([192, 512]));
    expect(appleTouchIcon.size).toBe(180);
  });

  it('keep the maskable drawing inside the safe zone: outside the centred circle of 80 % diameter there is only ground', async () => {
    const ground = rgbaOf(brandColours.brand900);
    for (const icon of manifestIcons.filter((candidate) => candidate.purpose === 'maskable')) {
      const { size, at } = await pixelsOf(icon.src);
      const safeRadius = 0.4 * size;
      let outside = 0;
      let white = 0;
      const strays: string[] = [];
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const pixel = at(x, y);
          if (pixel.every((channel) => channel === 255)) white++;
          if (Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) <= safeRadius) continue;
          outside++;
          if (pixel.join() !== ground.join()) strays.push(`${x},${y}`);
        }
      }
      expect(strays, `${icon.src}: pixels of the drawing outside the safe zone`).toEqual([]);
      expect(outside).toBeGreaterThan(0.45 * size * size);
      // The drawing is there, not shrunk to a dot: at least a twentieth of the icon is white bridge.
      expect(white / (size * size), icon.src).toBeGreaterThan(0.05);
    }
  });

  it('fill Apple’s touch icon to its edges (iOS shows transparency as black) and round the corners of the others', async () => {
    const apple = await pixelsOf(appleTouchIcon.src);
    for (const [x, y] of [[0, 0], [apple.size - 1, 0], [0, apple.size - 1], [apple.size - 1, apple.size - 1]] as const) expect(apple.at(x, y)[3]).toBe(255);
    for (const icon of manifestIcons.filter((candidate) => candidate.frame === 'rounded')) {
      const { at } = await pixelsOf(icon.src);
      expect(at(0, 0)[3], `${icon.src} corner`).toBe(0);
    }
  });
});
