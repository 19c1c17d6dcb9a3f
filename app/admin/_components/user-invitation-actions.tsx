'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { reissueInvitationAction, revokeInvitationAction } from '@/lib/invitations/actions';
import { AdminFailureAlert } from './admin-failure-alert';
import { Alert } from '@/components/ui/alert';
import type { InvitationState } from '@/lib/invitations/commands';
import type { ActionFailure } from '@/lib/action-result';
import { ConfirmAction } from './confirm-action';
import { InvitationLinkNotice } from './invitation-link-notice';

interface UserInvitationActionsProps {
  id: string;
  name: string;
  version: number;
  isActive: boolean;
  isSelf: boolean;
  state: InvitationState;
  at: Date | null;
}

const stateMessage = { open: 'admin.invitationOpen', used: 'admin.invitationUsed', expired: 'admin.invitationExpired', revoked: 'admin.invitationRevoked' } as const;

/** The account's latest invitation link, and issuing a new one or revoking the open one (both confirmed and audited). */
export function UserInvitationActions({ id, name, version, isActive, isSelf, state, at }: UserInvitationActionsProps) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ token: string; expiresAt: Date } | null>(null);
  const time = at ? format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short' }) : '';

  return (
    <div className="space-y-4">
      <p className="text-sm">{state === 'none' ? t('admin.invitationNone') : t(stateMessage[state], { time })}</p>
      {failure && <AdminFailureAlert failure={failure} />}
      {issued ? <InvitationLinkNotice title={t('admin.invitationIssued')} name={name} token={issued.token} expiresAt={issued.expiresAt} /> : done && <Alert tone="success" title={done} />}
      {!isSelf && isActive && (
        <div className="flex flex-wrap items-start gap-3">
          <div className="space-y-2">
            <p className="text-sm text-slate-600">{t('admin.issueInvitationHelp')}</p>
            <ConfirmAction
              label={t('admin.issueInvitation')}
              question={t('admin.issueInvitationQuestion', { name })}
              onConfirm={async () => {
                setFailure(null);
                setDone(null);
                setIssued(null);
                const result = await reissueInvitationAction({ id, version });
                if (!result.ok) return setFailure(result);
                setIssued({ token: result.data.token, expiresAt: result.data.expiresAt });
                router.refresh();
              }}
            />
          </div>
          {state === 'open' && (
            <ConfirmAction
              label={t('admin.revokeInvitation')}
              question={t('admin.revokeInvitationQuestion', { name })}
              tone="danger"
              onConfirm={async () => {
                setFailure(null);
                setIssued(null);
                const result = await revokeInvitationAction({ id, version });
                if (!result.ok) return setFailure(result);
                setDone(t('admin.invitationRevokedDone'));
                router.refresh();
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
