'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { createUserAction, updateUserAction } from '@/lib/directory/actions';
import { AdminFailureAlert } from './admin-failure-alert';
import { AdminFormActions } from './form-actions';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { roleFitsOrganisation, roles } from '@/lib/auth/roles';
import { createUserSchema, userCredentials, type CreateUserInput, type UserCredential } from '@/lib/directory/schemas';
import { invitationLifetimeHours } from '@/lib/invitations/schemas';
import { locales } from '@/lib/i18n/locales';
import type { ActionFailure } from '@/lib/action-result';
import type { EmailedInvitation } from '@/lib/invitations/commands';
import { InvitationEmailedNotice } from './invitation-emailed-notice';
import { InvitationLinkNotice } from './invitation-link-notice';
import { OneTimePasswordNotice } from './one-time-password-notice';
import type { OrganisationKind } from '@/db/schema';

const credentialLabels = {
  one_time_password: { label: 'admin.credentialOneTimePassword', hint: 'admin.credentialOneTimePasswordHint' },
  invitation: { label: 'admin.credentialInvitation', hint: 'admin.credentialInvitationHint' },
  emailed_invitation: { label: 'admin.credentialEmailedInvitation', hint: 'admin.credentialEmailedInvitationHint' },
} as const satisfies Record<UserCredential, { label: string; hint: string }>;

interface UserFormProps {
  values: CreateUserInput;
  organisations: { id: string; name: string; kind: OrganisationKind; isActive: boolean }[];
  /** Present when editing: the account and the version the admin loaded. */
  existing?: { id: string; version: number };
}

export function UserForm({ values, organisations, existing }: UserFormProps) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const [created, setCreated] = useState<{ id: string; name: string; oneTimePassword?: string; invitation?: { token: string; expiresAt: Date }; emailed?: EmailedInvitation } | null>(
    null,
  );
  const {
    control,
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateUserInput>({ resolver: zodResolver(createUserSchema), values });
  const organisationId = useWatch({ control, name: 'organisationId' });
  const organisationKind = organisations.find((organisation) => organisation.id === organisationId)?.kind;
  // Only roles that fit the chosen organisation are offered; the server checks the same rule.
  const roleOptions = roles.filter((role) => !organisationKind || roleFitsOrganisation(role, organisationKind));
  const message = (key: string | undefined) => (key ? t(key) : undefined);

  const onSubmit = handleSubmit(async (input) => {
    setFailure(null);
    setIsSaved(false);
    if (existing) {
      const result = await updateUserAction({ ...input, ...existing });
      if (result.ok) {
        setIsSaved(true);
        router.refresh();
        return;
      }
      showFailure(result);
    } else {
      const result = await createUserAction(input);
      if (result.ok) {
        const { data } = result;
        const account = { id: data.id, name: input.name };
        if (data.credential === 'invitation') setCreated({ ...account, invitation: data.invitation });
        else if (data.credential === 'emailed_invitation') setCreated({ ...account, emailed: data.emailed });
        else setCreated({ ...account, oneTimePassword: data.oneTimePassword });
        return;
      }
      showFailure(result);
    }
  });

  function showFailure(result: ActionFailure) {
    for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (messages[0]) setError(path as FieldPath<CreateUserInput>, { message: messages[0] });
    }
    setFailure(result);
  }

  if (created) {
    return (
      <div className="space-y-4">
        {created.emailed ? (
          <InvitationEmailedNotice title={t('admin.userCreated')} emailed={created.emailed} />
        ) : created.invitation ? (
          <InvitationLinkNotice title={t('admin.userCreated')} name={created.name} token={created.invitation.token} expiresAt={created.invitation.expiresAt} />
        ) : (
          <OneTimePasswordNotice title={t('admin.userCreated')} name={created.name} oneTimePassword={created.oneTimePassword ?? ''} />
        )}
        <div className="flex flex-wrap gap-4">
          <Link href={`/admin/users/${created.id}`} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
            {t('admin.openUser')}
          </Link>
          <button
            type="button"
            onClick={() => {
              setCreated(null);
              reset(values);
            }}
            className="text-sm font-medium text-slate-700 underline"
          >
            {t('admin.createAnother')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      {failure && <AdminFailureAlert failure={failure} />}
      {isSaved && <Alert tone="success" title={t('admin.saved')} />}
      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <legend className="px-1 text-lg font-semibold">{t('admin.userDetails')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('admin.name')} maxLength={200} autoComplete="off" error={message(errors.name?.message)} {...register('name')} />
          <TextField label={t('admin.email')} type="email" maxLength={254} autoComplete="off" error={message(errors.email?.message)} {...register('email')} />
          <SelectField
            label={t('admin.organisation')}
            options={[
              { value: '', label: t('admin.chooseOrganisation') },
              ...organisations
                .filter((organisation) => organisation.isActive || organisation.id === values.organisationId)
                .map((organisation) => ({ value: organisation.id, label: `${organisation.name} (${t(`organisationKinds.${organisation.kind}`)})` })),
            ]}
            error={message(errors.organisationId?.message)}
            {...register('organisationId')}
          />
          <SelectField
            label={t('admin.role')}
            hint={t('admin.roleHint')}
            options={roleOptions.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            error={message(errors.role?.message)}
            {...register('role')}
          />
          <SelectField
            label={t('admin.language')}
            options={locales.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }))}
            error={message(errors.preferredLocale?.message)}
            {...register('preferredLocale')}
          />
        </div>
        {existing && <p className="text-sm text-slate-600">{t('admin.sessionsEndHint')}</p>}
      </fieldset>
      {!existing && (
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
          <legend className="px-1 text-lg font-semibold">{t('admin.credentialLegend')}</legend>
          {userCredentials.map((credential) => {
            const hintId = `credential-${credential}-hint`;
            return (
              <div key={credential} className="flex items-start gap-3">
                <input
                  type="radio"
                  id={`credential-${credential}`}
                  value={credential}
                  aria-describedby={hintId}
                  className="mt-1 h-4 w-4 accent-brand-600"
                  {...register('credential')}
                />
                <div>
                  <label htmlFor={`credential-${credential}`} className="font-medium">
                    {t(credentialLabels[credential].label)}
                  </label>
                  <p id={hintId} className="text-sm text-slate-600">
                    {t(credentialLabels[credential].hint, { hours: invitationLifetimeHours })}
                  </p>
                </div>
              </div>
            );
          })}
          {errors.credential?.message && (
            <p role="alert" className="text-sm text-red-700">
              {t(errors.credential.message)}
            </p>
          )}
        </fieldset>
      )}
      <AdminFormActions submitLabel={existing ? t('admin.saveChanges') : t('admin.createUser')} cancelHref="/admin/users" isSubmitting={isSubmitting} isHydrated={isHydrated} />
    </form>
  );
}
