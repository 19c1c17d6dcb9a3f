import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from './language-switcher';

/**
 * The frame of the pages a visitor opens without a session — sign-in, an invitation link, an unsubscribe link:
 * the app's name, the language switcher, and one card holding the page.
 */
export async function PublicPageShell({ children }: { children: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <span className="text-lg font-semibold text-brand-900">{t('appName')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-12">
        <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">{children}</div>
      </main>
    </div>
  );
}
