import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '@fontsource/noto-sans-khmer/400.css';
import '@fontsource/noto-sans-khmer/600.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/600.css';
// People's names in their own script: Thai, Lao and Burmese nationals are among those the embassies follow.
import '@fontsource/noto-sans-thai/400.css';
import '@fontsource/noto-sans-thai/600.css';
import '@fontsource/noto-sans-lao/400.css';
import '@fontsource/noto-sans-lao/600.css';
import '@fontsource/noto-sans-myanmar/400.css';
import '@fontsource/noto-sans-myanmar/600.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { brandColours } from '@/lib/brand/colours';
import { appleTouchIcon, favicon, svgIcon } from '@/lib/brand/icons';
import { titleSeparator } from '@/lib/i18n/page-title';

/** The web app manifest (app/manifest.ts) is linked by Next.js itself; the icons here are the browser's and iOS's. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return {
    title: { default: t('appName'), template: `%s${titleSeparator}${t('appName')}` },
    description: t('tagline'),
    icons: {
      // `sizes` on the ICO keeps browsers that read SVG icons from preferring the ICO over them.
      icon: [
        { url: favicon.src, sizes: '32x32' },
        { url: svgIcon.src, type: 'image/svg+xml' },
      ],
      apple: [{ url: appleTouchIcon.src, sizes: `${appleTouchIcon.size}x${appleTouchIcon.size}`, type: 'image/png' }],
    },
    // As the X-Robots-Tag header says (next.config.ts), for a page saved or shown without its headers.
    robots: { index: false, follow: false },
  };
}

/** The browser's and an installed app's frame in the brand's dark blue, as the manifest says. */
export const viewport: Viewport = { themeColor: brandColours.brand900 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
          {t('skipToContent')}
        </a>
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
