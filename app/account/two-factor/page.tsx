import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { getSecondFactorStatus } from '@/lib/account/two-factor';
import { homePathOf } from '@/lib/auth/permissions';
import { mustSetUpSecondFactor } from '@/lib/auth/second-factor-policy';
import { requireAccess } from '@/lib/auth/session';
import { SecondFactorSetupForm } from './second-factor-setup-form';
import { TurnOffSecondFactorForm } from './turn-off-second-factor-form';
import { pageTitle } from '@/lib/i18n/page-title';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: pageTitle(t('twoFactor.title'), t('nav.account')) };
}

/** Two-step sign-in: set it up (QR code and key, confirmed with a code), or see it is on and turn it off. */
export default async function TwoFactorPage() {
  const actor = await requireAccess('update:account:own', { allowPendingSecondFactor: true });
  const [status, t, format] = await Promise.all([getSecondFactorStatus(actor), getTranslations(), getFormatter()]);
  const isForced = mustSetUpSecondFactor(actor);
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">{t('twoFactor.title')}</h1>
      {isForced && (
        <Alert tone="success" title={t('twoFactor.requiredHeading')}>
          {actor.role === 'admin' ? t('twoFactor.requiredForAdmins') : t('twoFactor.requiredByOrganisation')}
        </Alert>
      )}
      <p className="text-sm text-slate-700">{t('twoFactor.intro')}</p>
      {status.enabledAt ? (
        <section aria-labelledby="two-factor-on" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
          <h2 id="two-factor-on" className="text-lg font-semibold">
            {t('twoFactor.onHeading')}
          </h2>
          <p className="text-sm">{t('twoFactor.onSince', { time: format.dateTime(status.enabledAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
          {status.isRequired ? <p className="text-sm text-slate-600">{t('twoFactor.requiredCannotTurnOff')}</p> : <TurnOffSecondFactorForm />}
        </section>
      ) : (
        <SecondFactorSetupForm homePath={isForced ? homePathOf(actor.role) : null} />
      )}
      {!isForced && (
        <p className="text-sm">
          <Link href="/account" className="text-brand-700 underline">
            {t('twoFactor.backToAccount')}
          </Link>
        </p>
      )}
    </div>
  );
}
