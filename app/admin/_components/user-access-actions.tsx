'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { resetUserPasswordAction, resetUserSecondFactorAction, setUserActiveAction, unlockUserAction } from '@/lib/directory/actions';
import { AdminFailureAlert } from './admin-failure-alert';
import { Alert } from '@/components/ui/alert';
import type { ActionResult } from '@/lib/action-result';
import type { ActionFailure } from '@/lib/action-result';
import { ConfirmAction } from './confirm-action';
import { OneTimePasswordNotice } from './one-time-password-notice';

interface UserAccessActionsProps {
  id: string;
  name: string;
  version: number;
  isActive: boolean;
  isLocked: boolean;
  isSelf: boolean;
  /** Two-step sign-in is on (or being set up): the admin may reset it. */
  hasSecondFactor?: boolean;
}

/** Deactivate or reactivate, unlock, reset the password: each a confirmed, audited action on one account. */
export function UserAccessActions({ id, name, version, isActive, isLocked, isSelf, hasSecondFactor = false }: UserAccessActionsProps) {
  const t = useTranslations();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);

  async function run<T>(perform: () => Promise<ActionResult<T>>, success: string, onData?: (data: T) => void) {
    setFailure(null);
    setDone(null);
    setOneTimePassword(null);
    const result = await perform();
    if (!result.ok) return setFailure(result);
    onData?.(result.data);
    setDone(success);
    router.refresh();
  }

  if (isSelf) return <p className="text-sm text-slate-600">{t('admin.validation.notYourself')}</p>;
  return (
    <div className="space-y-4">
      {failure && <AdminFailureAlert failure={failure} />}
      {oneTimePassword ? (
        <OneTimePasswordNotice title={t('admin.passwordReset')} name={name} oneTimePassword={oneTimePassword} />
      ) : (
        done && <Alert tone="success" title={done} />
      )}
      <div className="space-y-2">
        <p className="text-sm text-slate-600">{t('admin.deactivateUserHelp')}</p>
        <ConfirmAction
          label={isActive ? t('admin.deactivateUser') : t('admin.reactivateUser')}
          question={isActive ? t('admin.deactivateUserQuestion', { name }) : t('admin.reactivateUserQuestion', { name })}
          tone={isActive ? 'danger' : 'normal'}
          onConfirm={() => run(() => setUserActiveAction({ id, version, isActive: !isActive }), isActive ? t('admin.userDeactivated') : t('admin.userReactivated'))}
        />
      </div>
      <div className="space-y-2">
        <p className="text-sm text-slate-600">{isLocked ? t('admin.unlockHelp') : t('admin.notLocked')}</p>
        {isLocked && <ConfirmAction label={t('admin.unlockUser')} question={t('admin.unlockQuestion', { name })} onConfirm={() => run(() => unlockUserAction({ id, version }), t('admin.userUnlocked'))} />}
      </div>
      <div className="space-y-2">
        <p className="text-sm text-slate-600">{t('admin.resetPasswordHelp')}</p>
        <ConfirmAction
          label={t('admin.resetPassword')}
          question={t('admin.resetPasswordQuestion', { name })}
          tone="danger"
          onConfirm={() => run(() => resetUserPasswordAction({ id, version }), t('admin.passwordReset'), (data) => setOneTimePassword(data.oneTimePassword))}
        />
      </div>
      <div className="space-y-2">
        <p className="text-sm text-slate-600">{hasSecondFactor ? t('admin.resetSecondFactorHelp') : t('admin.noSecondFactor')}</p>
        {hasSecondFactor && (
          <ConfirmAction
            label={t('admin.resetSecondFactor')}
            question={t('admin.resetSecondFactorQuestion', { name })}
            tone="danger"
            onConfirm={() => run(() => resetUserSecondFactorAction({ id, version }), t('admin.secondFactorReset'))}
          />
        )}
      </div>
    </div>
  );
}
