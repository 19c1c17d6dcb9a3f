'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useId, useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * Shows an invitation link the only time it exists in clear (the database keeps its hash). The link is built
 * from the address the admin is using, which is the one the invited person must reach too.
 */
export function InvitationLinkNotice({ title, name, token, expiresAt }: { title: string; name: string; token: string; expiresAt: Date }) {
  const t = useTranslations();
  const format = useFormatter();
  const titleId = useId();
  const linkId = useId();
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => '');
  const link = `${origin}/invite/${token}`;
  return (
    <section role="status" aria-labelledby={titleId} className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-6 text-green-950">
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div>
        <p id={linkId} className="text-sm font-medium">
          {t('admin.invitationLinkLabel')}
        </p>
        <output aria-labelledby={linkId} className="mt-1 block select-all break-all rounded-md border border-green-400 bg-white px-3 py-2 font-mono text-sm">
          {link}
        </output>
      </div>
      <p className="text-sm">{t('admin.invitationLinkHelp', { name, time: format.dateTime(new Date(expiresAt), { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
    </section>
  );
}
