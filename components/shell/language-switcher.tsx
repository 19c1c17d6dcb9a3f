'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import { changeLocaleAction } from '@/lib/account/actions';
import { locales } from '@/lib/i18n/locales';

export function LanguageSwitcher() {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const id = useId();
  return (
    <div className="flex items-center gap-2" data-print="hide">
      <label htmlFor={id} className="text-sm text-slate-700">
        {t('common.language')}
      </label>
      <select
        id={id}
        value={locale}
        disabled={isPending}
        aria-busy={isPending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            const result = await changeLocaleAction({ locale: next });
            if (result.ok) router.refresh();
          });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {locales.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`languages.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
