'use client';

import { useTranslations } from 'next-intl';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('common');
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">{t('errorTitle')}</h1>
      <p className="mt-4 text-slate-600">{t('errorBody')}</p>
      <button type="button" onClick={reset} className="mt-8 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        {t('tryAgain')}
      </button>
    </main>
  );
}
