'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { maxPasswordLength, minPasswordLength } from '@/lib/auth/schemas';
import { acceptInvitationSchema, type AcceptInvitationInput } from '@/lib/invitations/schemas';
import { acceptInvitationAction } from '@/lib/invitations/actions';

/**
 * Sets the password, then signs in with it (a normal, audited sign-in under the usual limits) and goes to the
 * user's start page; if that sign-in is refused, the sign-in page takes over.
 */
export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<AcceptInvitationInput>({ resolver: zodResolver(acceptInvitationSchema), defaultValues: { token, newPassword: '', confirmPassword: '' } });
  const message = (key: string | undefined) => (key ? t(key, { min: String(minPasswordLength), max: String(maxPasswordLength) }) : undefined);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await acceptInvitationAction(values);
    if (!result.ok) {
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages[0]) setError(path as FieldPath<AcceptInvitationInput>, { message: messages[0] });
      }
      setFailure(result.message);
      return;
    }
    const signedIn = await signIn('credentials', { email: result.data.email, password: values.newPassword, redirect: false });
    if (signedIn?.ok && !signedIn.error) {
      router.replace('/');
      router.refresh();
    } else {
      router.replace('/sign-in');
    }
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5">
      {failure && <Alert title={failure === 'invitation.invalid' ? t('invitation.invalidTitle') : t('password.errorHeading')}>{t(failure)}</Alert>}
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <input type="hidden" {...register('token')} />
      <TextField
        label={t('password.newPassword')}
        hint={t('password.rules', { min: String(minPasswordLength), max: String(maxPasswordLength) })}
        type="password"
        autoComplete="new-password"
        autoFocus
        error={message(errors.newPassword?.message)}
        {...register('newPassword')}
      />
      <TextField label={t('password.confirmPassword')} type="password" autoComplete="new-password" error={message(errors.confirmPassword?.message)} {...register('confirmPassword')} />
      <button type="submit" disabled={isSubmitting || !isHydrated} className="w-full rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {isSubmitting ? t('invitation.submitting') : t('invitation.submit')}
      </button>
    </form>
  );
}
