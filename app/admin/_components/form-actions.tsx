'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';

/** The foot of an admin form: submit (disabled until the page is interactive and while saving) and cancel. */
export function AdminFormActions({ submitLabel, cancelHref, isSubmitting, isHydrated }: { submitLabel: string; cancelHref: string; isSubmitting: boolean; isHydrated: boolean }) {
  const t = useTranslations();
  return (
    <div className="flex items-center gap-4">
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {isSubmitting ? t('common.saving') : submitLabel}
      </button>
      <Link href={cancelHref} className="text-sm font-medium text-slate-700 underline">
        {t('admin.cancel')}
      </Link>
    </div>
  );
}
