import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('notFoundTitle') };
}

export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-4 text-slate-600">{t('notFoundBody')}</p>
      <Link href="/" className="mt-8 inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        {t('backHome')}
      </Link>
    </main>
  );
}
