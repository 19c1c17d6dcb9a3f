'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import type { ActionFailure, ActionResult } from '@/lib/action-result';
import { resetUserPasswordAction, setUserActiveAction } from '@/lib/directory/actions';

/** Deactivate or reactivate a member, or give them a new one-time password: what an organisation administrator may do. */
export function MemberActions({ id, name, version, isActive, isSelf }: { id: string; name: string; version: number; isActive: boolean; isSelf: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const [asking, setAsking] = useState<'active' | 'reset' | null>(null);
  if (isSelf) return null;
  async function run<T>(perform: () => Promise<ActionResult<T>>, onData?: (data: T) => void) {
    setFailure(null);
    setAsking(null);
    const result = await perform();
    if (!result.ok) return setFailure(result);
    onData?.(result.data);
    router.refresh();
  }
  const confirm = (kind: 'active' | 'reset', label: string, perform: () => Promise<void>) =>
    asking === kind ? (
      <span className="flex gap-2">
        <button type="button" className="rounded bg-red-700 px-3 py-1 text-sm text-white" onClick={perform}>
          {t('organisationAdmin.confirm', { action: label, name })}
        </button>
        <button type="button" className="text-sm underline" onClick={() => setAsking(null)}>
          {t('admin.cancel')}
        </button>
      </span>
    ) : (
      <button type="button" className="text-sm underline" onClick={() => setAsking(kind)}>
        {label}
      </button>
    );
  return (
    <div className="space-y-1">
      {failure && <ActionFailureAlert failure={failure} title={t('admin.errors.heading')} conflictTitle={t('admin.errors.conflictHeading')} />}
      {oneTimePassword && (
        <Alert tone="success" title={t('organisationAdmin.oneTimePassword')}>
          <code className="font-mono">{oneTimePassword}</code>
        </Alert>
      )}
      <div className="flex flex-wrap gap-3">
        {confirm('active', isActive ? t('organisationAdmin.deactivate') : t('organisationAdmin.reactivate'), () => run(() => setUserActiveAction({ id, version, isActive: !isActive })))}
        {isActive && confirm('reset', t('organisationAdmin.resetPassword'), () => run(() => resetUserPasswordAction({ id, version }), (data) => setOneTimePassword(data.oneTimePassword)))}
      </div>
    </div>
  );
}
