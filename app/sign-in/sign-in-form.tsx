'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { signInSchema, type SignInInput } from '@/lib/auth/schemas';

const knownFailures = ['invalid_input', 'invalid_credentials', 'locked', 'inactive', 'invalid_code'] as const;
type FailureMessageKey = (typeof knownFailures)[number] | 'unexpected';
type Failure = { key: FailureMessageKey } | { key: 'throttled'; minutes: number };

/** next-auth's `error`, as lib/auth/auth-options.ts throws it: a failure reason, or `throttled:<seconds>`. */
function failureOf(code: string): Failure {
  const throttled = /^throttled:(\d{1,6})$/.exec(code);
  if (throttled) return { key: 'throttled', minutes: Math.max(1, Math.ceil(Number(throttled[1]) / 60)) };
  return { key: (knownFailures as readonly string[]).includes(code) ? (code as FailureMessageKey) : 'invalid_credentials' };
}

/** `returnTo`: a path of this site (lib/auth/return-path.ts) to go to once signed in, instead of the home page. */
export function SignInForm({ returnTo }: { returnTo: string | null }) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [failure, setFailure] = useState<Failure | null>(null);
  // Two-step sign-in: the code field appears only once the server said this password is right and a code is needed.
  const [isCodeNeeded, setIsCodeNeeded] = useState(false);
  const {
    register,
    handleSubmit,
    setFocus,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: '', password: '', code: '' } });
  // Once the code field is on the page, the cursor goes there: the next thing to type is the code.
  useEffect(() => {
    if (isCodeNeeded) setFocus('code');
  }, [isCodeNeeded, setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const result = await signIn('credentials', { ...values, redirect: false });
      if (result?.ok && !result.error) {
        router.replace(returnTo ?? '/');
        router.refresh();
        return;
      }
      if (result?.error === 'code_required') {
        setIsCodeNeeded(true);
        return;
      }
      if (result?.error === 'invalid_code') setValue('code', '');
      setFailure(failureOf(result?.error ?? ''));
    } catch {
      setFailure({ key: 'unexpected' });
    }
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 space-y-5">
      {failure && (
        <Alert title={t('signIn.errorHeading')}>
          {failure.key === 'throttled' ? t('signIn.errors.throttled', { minutes: failure.minutes }) : t(`signIn.errors.${failure.key}`)}
        </Alert>
      )}
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
      {isCodeNeeded && (
        <>
          {!failure && <Alert tone="success" title={t('signIn.codeNeededHeading')}>{t('signIn.codeNeeded')}</Alert>}
          <TextField
            label={t('signIn.code')}
            hint={t('signIn.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
            error={errors.code?.message && t(errors.code.message)}
            {...register('code')}
          />
        </>
      )}
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
