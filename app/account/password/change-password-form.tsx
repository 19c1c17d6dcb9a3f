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
import { changePasswordSchemaFor, maxPasswordLength, type ChangePasswordInput } from '@/lib/auth/schemas';
import { changePasswordAction } from '@/lib/account/actions';

/**
 * Changing the password ends every session, this one included, so the form signs the user in again with
 * the new password (a normal, audited sign-in) and then goes to their start page.
 */
export function ChangePasswordForm({ email, minLength }: { email: string; /** 8 with two-step sign-in on, else 15. */ minLength: number }) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordSchemaFor(minLength)), defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' } });
  const message = (key: string | undefined) => (key ? t(key, { min: String(minLength), max: String(maxPasswordLength) }) : undefined);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await changePasswordAction(values);
    if (!result.ok) {
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages[0]) setError(path as FieldPath<ChangePasswordInput>, { message: messages[0] });
      }
      setFailure(result.message);
      return;
    }
    const signedIn = await signIn('credentials', { email, password: values.newPassword, redirect: false });
    if (signedIn?.ok && !signedIn.error) {
      router.replace('/');
      router.refresh();
    } else {
      router.replace('/sign-in');
    }
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-6">
      {failure && <Alert title={t('password.errorHeading')}>{t(failure)}</Alert>}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField label={t('password.currentPassword')} type="password" autoComplete="current-password" error={message(errors.currentPassword?.message)} {...register('currentPassword')} />
      <TextField
        label={t('password.newPassword')}
        hint={t('password.rules', { min: String(minLength), max: String(maxPasswordLength) })}
        type="password"
        autoComplete="new-password"
        error={message(errors.newPassword?.message)}
        {...register('newPassword')}
      />
      <TextField label={t('password.confirmPassword')} type="password" autoComplete="new-password" error={message(errors.confirmPassword?.message)} {...register('confirmPassword')} />
      <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {isSubmitting ? t('password.submitting') : t('password.submit')}
      </button>
    </form>
  );
}
