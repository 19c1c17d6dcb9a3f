import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { minPasswordLengthFor } from '@/lib/auth/schemas';
import { requireAccess } from '@/lib/auth/session';
import { ChangePasswordForm } from './change-password-form';
import { pageTitle } from '@/lib/i18n/page-title';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: pageTitle(t('password.title'), t('nav.account')) };
}

export default async function ChangePasswordPage() {
  const actor = await requireAccess('update:account:own', { allowPendingPasswordChange: true });
  const t = await getTranslations();
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">{t('password.title')}</h1>
      {actor.mustChangePassword && <Alert tone="success" title={t('password.forcedHeading')}>{t('password.forcedIntro')}</Alert>}
      <p className="text-sm text-slate-700">{t('password.intro')}</p>
      <ChangePasswordForm email={actor.email} minLength={minPasswordLengthFor(actor.hasSecondFactor)} />
    </div>
  );
}
