import fs from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { locales } from '@/lib/i18n/locales';
import { loadMessages } from '@/lib/i18n/messages';
import { pngSize } from '@/lib/testing/image-sizes';
import { webManifest } from './web-manifest';

async function manifestIn(locale: (typeof locales)[number]) {
  return webManifest(locale, createTranslator({ locale, messages: await loadMessages(locale) }));
}

describe('the web app manifest', () => {
  it('has the members browsers require to install the app, in every language', async () => {
    for (const locale of locales) {
      const manifest = await manifestIn(locale);
      expect(manifest, locale).toMatchObject({ start_url: '/', display: 'standalone', lang: locale, short_name: 'CaseBridge' });
      expect(manifest.name, locale).toMatch(/^CaseBridge\b/);
      const sizes = (manifest.icons ?? []).filter((icon) => icon.purpose === 'any').map((icon) => icon.sizes);
      expect(sizes, locale).toEqual(expect.arrayContaining(['192x192', '512x512']));
    }
  });

  it('names the app in the language of the request', async () => {
    const [en, km, zh] = await Promise.all(locales.map(manifestIn));
    expect(en!.name).toBe('CaseBridge – police and embassy cases');
    expect(km!.name).toMatch(/[\u1780-\u17FF]/);
    expect(zh!.name).toMatch(/[\u4E00-\u9FFF]/);
    expect(new Set([en!.description, km!.description, zh!.description]).size).toBe(3);
  });

  it('lists icons that exist in public/ with the type and size it states', async () => {
    for (const icon of (await manifestIn('en')).icons ?? []) {
      expect(icon.type, icon.src).toBe('image/png');
      const [width, height] = String(icon.sizes).split('x').map(Number);
      expect(pngSize(fs.readFileSync(path.join(process.cwd(), 'public', icon.src))), icon.src).toEqual({ width, height });
    }
  });
});
