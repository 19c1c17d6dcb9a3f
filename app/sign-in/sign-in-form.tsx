'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { signInSchema, type SignInInput } from '@/lib/auth/schemas';

const knownFailures = ['invalid_input', 'invalid_credentials', 'locked', 'inactive'] as const;
type FailureMessageKey = (typeof knownFailures)[number] | 'unexpected';

export function SignInForm() {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [failure, setFailure] = useState<FailureMessageKey | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: '', password: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const result = await signIn('credentials', { ...values, redirect: false });
      if (result?.ok && !result.error) {
        router.replace('/');
        router.refresh();
        return;
      }
      const code = result?.error ?? '';
      setFailure((knownFailures as readonly string[]).includes(code) ? (code as FailureMessageKey) : 'invalid_credentials');
    } catch {
      setFailure('unexpected');
    }
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 space-y-5">
      {failure && <Alert title={t('signIn.errorHeading')}>{t(`signIn.errors.${failure}`)}</Alert>}
      <TextField
        label={t('signIn.email')}
        type="email"
        autoComplete="username"
        autoFocus
        error={errors.email?.message && t(errors.email.message)}
        {...register('email')}
      />
      <TextField
        label={t('signIn.password')}
        type="password"
        autoComplete="current-password"
        error={errors.password?.message && t(errors.password.message)}
        {...register('password')}
      />
      <button
        type="submit"
        disabled={isSubmitting || !isHydrated}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {isSubmitting ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}
