import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { getActor } from '@/lib/auth/session';
import { homePathOf } from '@/lib/auth/permissions';
import { returnPathParameter, safeReturnPath } from '@/lib/auth/return-path';
import { firstValues, type PageSearchParams } from '@/lib/search-params';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signIn');
  // "Sign in to CaseBridge" names the app already: no template after it.
  return { title: { absolute: t('title') } };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  // Anything but a path of this site is ignored: the sign-in then goes home, as it always did.
  const returnTo = safeReturnPath(firstValues(await searchParams)[returnPathParameter]);
  const actor = await getActor();
  if (actor) redirect(returnTo ?? homePathOf(actor.role));
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <span className="text-lg font-semibold text-brand-900">{t('common.appName')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-12">
        <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
          <h1 className="text-2xl font-semibold text-slate-900">{t('signIn.title')}</h1>
          <p className="mt-2 text-sm text-slate-600">{t('signIn.intro')}</p>
          <SignInForm returnTo={returnTo} />
        </div>
      </main>
    </div>
  );
}
