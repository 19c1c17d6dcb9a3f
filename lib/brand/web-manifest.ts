import type { MetadataRoute } from 'next';
import type { Locale } from '@/lib/i18n/locales';
import { brandColours } from './colours';
import { manifestIcons } from './icons';

/** The messages the manifest shows, looked up by whoever knows the request's language. */
export type ManifestTranslator = (key: 'common.appName' | 'common.tagline' | 'manifest.name', values?: { appName: string }) => string;

/**
 * The web app manifest (app/manifest.ts) in one language: what a phone or desktop needs to install CaseBridge
 * as an app of its own — a name, 192 and 512 pixel icons, where it starts and that it opens without the
 * browser's frame. Nothing here makes anything work offline: there is no service worker, so no case data is
 * ever kept on a device (offline intake will come with its own design).
 */
export function webManifest(locale: Locale, t: ManifestTranslator): MetadataRoute.Manifest {
  const appName = t('common.appName');
  return {
    id: '/',
    name: t('manifest.name', { appName }),
    // The brand, as every language writes it (under a home-screen icon there is room for little more).
    short_name: appName,
    description: t('common.tagline'),
    lang: locale,
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: brandColours.brand50,
    theme_color: brandColours.brand900,
    icons: manifestIcons.map((icon) => ({ src: icon.src, sizes: `${icon.size}x${icon.size}`, type: 'image/png', purpose: icon.purpose })),
  };
}
