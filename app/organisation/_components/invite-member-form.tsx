'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ActionFailureAlert } from '@/components/ui/action-failure-alert';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useActionForm } from '@/components/ui/use-action-form';
import type { OrganisationKind } from '@/db/schema';
import { roleFitsOrganisation, roles } from '@/lib/auth/roles';
import { createUserAction } from '@/lib/directory/actions';
import type { CreatedUserAccount } from '@/lib/directory/commands';
import { createUserSchema, type CreateUserInput } from '@/lib/directory/schemas';
import { locales } from '@/lib/i18n/locales';

/** Invites a new member of the administrator's own organisation: CaseBridge e-mails them a link to choose a password. */
export function InviteMemberForm({ organisationId, organisationKind }: { organisationId: string; organisationKind: OrganisationKind }) {
  const t = useTranslations();
  const [invited, setInvited] = useState<string | null>(null);
  const defaults: CreateUserInput = { organisationId, name: '', email: '', role: roles.find((role) => role !== 'organisation_admin' && roleFitsOrganisation(role, organisationKind)) ?? 'organisation_admin', preferredLocale: 'en', credential: 'emailed_invitation' };
  const { form, onSubmit, failure, isSubmitting, isHydrated } = useActionForm<CreateUserInput, CreatedUserAccount>({
    resolver: zodResolver(createUserSchema),
    defaultValues: defaults,
    action: createUserAction,
    onSuccess: (_data, created) => {
      setInvited(created.getValues('email'));
      created.reset(defaults);
    },
  });
  const { errors } = form.formState;
  const message = (key: string | undefined) => (key ? t(key as never) : undefined);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="text-lg font-semibold">
        {t('organisationAdmin.invite')}
      </h2>
      {invited && <Alert tone="success" title={t('organisationAdmin.invited', { email: invited })} />}
      {failure && <ActionFailureAlert failure={failure} title={t('admin.errors.heading')} conflictTitle={t('admin.errors.conflictHeading')} />}
      <TextField label={t('organisationAdmin.name')} error={message(errors.name?.message)} {...form.register('name')} />
      <TextField label={t('organisationAdmin.email')} type="email" error={message(errors.email?.message)} {...form.register('email')} />
      <SelectField
        label={t('organisationAdmin.role')}
        error={message(errors.role?.message)}
        options={roles.filter((role) => roleFitsOrganisation(role, organisationKind)).map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        {...form.register('role')}
      />
      <SelectField
        label={t('organisationAdmin.language')}
        options={locales.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }))}
        {...form.register('preferredLocale')}
      />
      <button type="submit" disabled={!isHydrated || isSubmitting} className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
        {t('organisationAdmin.sendInvitation')}
      </button>
    </form>
  );
}
