'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';

/** Shows a one-time password the only time it exists in clear; it is never stored or shown again. */
export function OneTimePasswordNotice({ title, name, oneTimePassword }: { title: string; name: string; oneTimePassword: string }) {
  const t = useTranslations();
  const titleId = useId();
  const passwordId = useId();
  return (
    <section role="status" aria-labelledby={titleId} className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-6 text-green-950">
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div>
        <p id={passwordId} className="text-sm font-medium">
          {t('admin.oneTimePasswordLabel')}
        </p>
        <output aria-labelledby={passwordId} className="mt-1 inline-block select-all rounded-md border border-green-400 bg-white px-3 py-2 font-mono text-lg tracking-wider">
          {oneTimePassword}
        </output>
      </div>
      <p className="text-sm">{t('admin.oneTimePasswordHelp', { name })}</p>
    </section>
  );
}
