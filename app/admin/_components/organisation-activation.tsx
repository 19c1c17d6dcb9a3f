'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { setOrganisationActiveAction } from '@/lib/directory/actions';
import { AdminFailureAlert } from './admin-failure-alert';
import { Alert } from '@/components/ui/alert';
import type { ActionFailure } from '@/lib/action-result';
import { ConfirmAction } from './confirm-action';

export function OrganisationActivation({ id, version, isActive }: { id: string; version: number; isActive: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {failure && <AdminFailureAlert failure={failure} />}
      {done && <Alert tone="success" title={done} />}
      <p className="text-sm text-slate-600">{t('admin.deactivateOrganisationHelp')}</p>
      <ConfirmAction
        label={isActive ? t('admin.deactivateOrganisation') : t('admin.reactivateOrganisation')}
        question={isActive ? t('admin.deactivateOrganisationQuestion') : t('admin.reactivateOrganisationQuestion')}
        tone={isActive ? 'danger' : 'normal'}
        onConfirm={async () => {
          setFailure(null);
          setDone(null);
          const result = await setOrganisationActiveAction({ id, version, isActive: !isActive });
          if (!result.ok) return setFailure(result);
          setDone(isActive ? t('admin.organisationDeactivated') : t('admin.organisationReactivated'));
          router.refresh();
        }}
      />
    </div>
  );
}
