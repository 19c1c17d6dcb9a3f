'use client';

import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { useHydrated } from '@/components/ui/use-hydrated';
import { signOutEverywhereAction } from '@/lib/account/actions';

/** Ends every session of the user on the server (session version), then this browser's cookie too. */
export function SignOutEverywhereButton() {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const [isRunning, setIsRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {failure && <Alert title={t('account.sessionsHeading')}>{t(failure)}</Alert>}
      <button
        type="button"
        disabled={!isHydrated || isRunning}
        onClick={async () => {
          setIsRunning(true);
          setFailure(null);
          const result = await signOutEverywhereAction();
          if (!result.ok) {
            setFailure(result.message);
            setIsRunning(false);
            return;
          }
          await signOut({ callbackUrl: '/sign-in' });
        }}
        className="rounded-md border border-red-700 px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {isRunning ? t('account.signingOutEverywhere') : t('account.signOutEverywhere')}
      </button>
    </div>
  );
}
