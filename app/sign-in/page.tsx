import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PublicPageShell } from '@/components/shell/public-page-shell';
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
    <PublicPageShell>
          <h1 className="text-2xl font-semibold text-slate-900">{t('signIn.title')}</h1>
          <p className="mt-2 text-sm text-slate-600">{t('signIn.intro')}</p>
          <SignInForm returnTo={returnTo} />
    </PublicPageShell>
  );
}
