import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PublicPageShell } from '@/components/shell/public-page-shell';
import { unsubscribeSchema } from '@/lib/account/schemas';
import { verifyUnsubscribeToken } from '@/lib/mail/unsubscribe';
import { UnsubscribeForm } from './unsubscribe-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('unsubscribe');
  // The token stays out of referrers and search engines.
  return { title: t('title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

/**
 * Where an unsubscribe link from an e-mail leads a person: what the link would turn off, and a button that does
 * it. Opening the page changes nothing (mail scanners open links); it names no one, since whoever holds the link
 * may not be its owner. Public: the signed token is the credential.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const parsed = unsubscribeSchema.safeParse({ token });
  const target = parsed.success ? verifyUnsubscribeToken(parsed.data.token) : null;
  const t = await getTranslations();
  return (
    <PublicPageShell>
          {target && parsed.success ? (
            <>
              <h1 className="text-2xl font-semibold text-slate-900">{t('unsubscribe.question', { preference: target.preference })}</h1>
              <p className="text-sm text-slate-700">{t('unsubscribe.explanation')}</p>
              <p className="text-sm text-slate-600">{t('account.mail.alwaysSent')}</p>
              <UnsubscribeForm token={parsed.data.token} />
            </>
          ) : (
            <>
              <h1 className="text-2xl font-semibold text-slate-900">{t('unsubscribe.invalidTitle')}</h1>
              <p className="text-sm text-slate-700">{t('unsubscribe.invalidLink')}</p>
            </>
          )}
          <Link href="/account" className="inline-block text-sm font-medium text-brand-700 underline">
            {t('unsubscribe.account')}
          </Link>
    </PublicPageShell>
  );
}
