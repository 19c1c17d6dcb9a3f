import type { MetadataRoute } from 'next';
import { getTranslations } from 'next-intl/server';
import { webManifest } from '@/lib/brand/web-manifest';
import { resolveLocale } from '@/lib/i18n/request';

// In the language of each request, never one frozen at build time.
export const dynamic = 'force-dynamic';

/**
 * `/manifest.webmanifest`, linked from every page by Next.js. Its language is chosen as the pages' is
 * (lib/i18n/request.ts); browsers fetch a manifest without cookies, so in practice their Accept-Language decides.
 */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const [locale, t] = await Promise.all([resolveLocale(), getTranslations()]);
  return webManifest(locale, t);
}
