'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { ActionResult } from '@/lib/action-result';
import { secondFactorCodeSchema, type SecondFactorCodeInput } from '@/lib/account/schemas';
import type { SecondFactorSetup } from '@/lib/account/two-factor';
import { confirmSecondFactorSetupAction, startSecondFactorSetupAction } from '@/lib/account/actions';

type Failure = Extract<ActionResult, { ok: false }>;

/**
 * Step 1 creates a secret on the server and shows it as a QR code and as a key to type; step 2 turns
 * two-step sign-in on once a code from the app proves it holds the secret. `homePath` is set when the user
 * was sent here before anything else, so they go on to their work once it is on.
 */
export function SecondFactorSetupForm({ homePath }: { homePath: string | null }) {
  const t = useTranslations();
  const isHydrated = useHydrated();
  const router = useRouter();
  const [setup, setSetup] = useState<SecondFactorSetup | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [isOn, setIsOn] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SecondFactorCodeInput>({ resolver: zodResolver(secondFactorCodeSchema), defaultValues: { code: '' } });

  async function start() {
    setIsStarting(true);
    setFailure(null);
    const result = await startSecondFactorSetupAction();
    setIsStarting(false);
    if (!result.ok) return setFailure(result);
    setSetup(result.data);
  }

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    const result = await confirmSecondFactorSetupAction(values);
    if (!result.ok) {
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages[0]) setError(path as FieldPath<SecondFactorCodeInput>, { message: messages[0] });
      }
      setFailure(result);
      return;
    }
    setIsOn(true);
    if (homePath) router.replace(homePath);
    router.refresh();
  });

  if (isOn) return <Alert tone="success" title={t('twoFactor.turnedOn')} />;
  return (
    <section aria-labelledby="two-factor-setup" className="space-y-5 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="two-factor-setup" className="text-lg font-semibold">
        {t('twoFactor.setupHeading')}
      </h2>
      {failure && <Alert title={t('twoFactor.errorHeading')}>{t(failure.message)}</Alert>}
      {!setup ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">{t('twoFactor.setupIntro')}</p>
          <button
            type="button"
            onClick={start}
            disabled={!isHydrated || isStarting}
            className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {isStarting ? t('twoFactor.starting') : t('twoFactor.start')}
          </button>
        </div>
      ) : (
        <>
          <ol className="list-decimal space-y-4 pl-5 text-sm">
            <li className="space-y-3">
              <p>{t('twoFactor.scanStep')}</p>
              {/* The alternative text says what the image is for and where the same key is as text. */}
              {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server; nothing to optimise */}
              <img src={setup.qrCodeDataUrl} alt={t('twoFactor.qrAlt')} width={200} height={200} className="h-48 w-48 border border-slate-200" />
            </li>
            <li className="space-y-2">
              <p>{t('twoFactor.keyStep')}</p>
              <TextField
                label={t('twoFactor.setupKey')}
                hint={t('twoFactor.setupKeyHint')}
                value={setup.secret}
                readOnly
                spellCheck={false}
                autoComplete="off"
                className="max-w-md"
                onFocus={(event) => event.currentTarget.select()}
              />
            </li>
            <li>
              <p>{t('twoFactor.codeStep')}</p>
            </li>
          </ol>
          <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
            <TextField
              label={t('twoFactor.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={9}
              className="max-w-xs"
              error={errors.code?.message && t(errors.code.message)}
              {...register('code')}
            />
            <div className="flex flex-wrap items-center gap-4">
              <button type="submit" disabled={isSubmitting || !isHydrated} className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
                {isSubmitting ? t('twoFactor.turningOn') : t('twoFactor.turnOn')}
              </button>
              <button type="button" onClick={start} disabled={!isHydrated || isStarting} className="text-sm font-medium text-slate-700 underline">
                {t('twoFactor.newKey')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
