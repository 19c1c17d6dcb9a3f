'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { reissueInvitationAction, revokeInvitationAction } from '@/lib/invitations/actions';
import { AdminFailureAlert } from './admin-failure-alert';
import { Alert } from '@/components/ui/alert';
import type { EmailedInvitation, InvitationState, IssuedInvitation } from '@/lib/invitations/commands';
import type { ActionFailure } from '@/lib/action-result';
import { ConfirmAction } from './confirm-action';
import { InvitationEmailedNotice } from './invitation-emailed-notice';
import { InvitationLinkNotice } from './invitation-link-notice';

interface UserInvitationActionsProps {
  id: string;
  name: string;
  email: string;
  version: number;
  isActive: boolean;
  isSelf: boolean;
  /** An account signed in to before gets its e-mailed link as a password reset. */
  hasSignedIn: boolean;
  state: InvitationState;
  at: Date | null;
}

const stateMessage = { open: 'admin.invitationOpen', used: 'admin.invitationUsed', expired: 'admin.invitationExpired', revoked: 'admin.invitationRevoked' } as const;

/**
 * The account's latest invitation link, and issuing a new one — shown here to pass on, or e-mailed to the account's
 * address — or revoking the open one (each confirmed and audited).
 */
export function UserInvitationActions({ id, name, email, version, isActive, isSelf, hasSignedIn, state, at }: UserInvitationActionsProps) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const [emailed, setEmailed] = useState<EmailedInvitation | null>(null);
  const time = at ? format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short' }) : '';

  const issue = async (sendByEmail: boolean) => {
    setFailure(null);
    setDone(null);
    setIssued(null);
    setEmailed(null);
    const result = await reissueInvitationAction({ id, version, sendByEmail });
    if (!result.ok) return setFailure(result);
    if ('emailed' in result.data) setEmailed(result.data.emailed);
    else setIssued(result.data.shown);
    router.refresh();
  };

  return (
    <div className="space-y-4">
      <p className="text-sm">{state === 'none' ? t('admin.invitationNone') : t(stateMessage[state], { time })}</p>
      {failure && <AdminFailureAlert failure={failure} />}
      {issued && <InvitationLinkNotice title={t('admin.invitationIssued')} name={name} token={issued.token} expiresAt={issued.expiresAt} />}
      {emailed && <InvitationEmailedNotice title={t(emailed.kind === 'password_reset' ? 'admin.passwordResetEmailedTitle' : 'admin.invitationEmailedTitle')} emailed={emailed} />}
      {done && <Alert tone="success" title={done} />}
      {!isSelf && isActive && (
        <div className="flex flex-wrap items-start gap-3">
          <div className="space-y-2">
            <p className="text-sm text-slate-600">{t('admin.issueInvitationHelp')}</p>
            <div className="flex flex-wrap gap-3">
              <ConfirmAction label={t('admin.issueInvitation')} question={t('admin.issueInvitationQuestion', { name })} onConfirm={() => issue(false)} />
              <ConfirmAction
                label={t(hasSignedIn ? 'admin.emailPasswordReset' : 'admin.emailInvitation')}
                question={t('admin.emailInvitationQuestion', { name, address: email })}
                onConfirm={() => issue(true)}
              />
            </div>
            <p className="text-sm text-slate-600">{t('admin.emailInvitationHelp', { address: email })}</p>
          </div>
          {state === 'open' && (
            <ConfirmAction
              label={t('admin.revokeInvitation')}
              question={t('admin.revokeInvitationQuestion', { name })}
              tone="danger"
              onConfirm={async () => {
                setFailure(null);
                setIssued(null);
                setEmailed(null);
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
