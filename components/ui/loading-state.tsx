import { getTranslations } from 'next-intl/server';

export async function LoadingState() {
  const t = await getTranslations('common');
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-12 text-slate-600">
      <span className="h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" aria-hidden="true" />
      {t('loading')}
    </div>
  );
}
