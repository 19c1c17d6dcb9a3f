import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { Panel } from '@/components/ui/panel';
import { MailPreferencesForm } from './mail-preferences-form';
import { SignOutEverywhereButton } from './sign-out-everywhere-button';
import { getMailPreferences } from '@/lib/account/queries';
import { can } from '@/lib/auth/permissions';
import { requireAccess } from '@/lib/auth/session';
import { localizedName } from '@/lib/i18n/localized-name';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account');
  return { title: t('title') };
}

export default async function AccountPage() {
  const actor = await requireAccess('update:account:own');
  // Only the roles that receive e-mail they may turn off have settings (lib/mail/preferences.ts); the others see none.
  const [t, locale, mailPreferences] = await Promise.all([getTranslations(), getLocale(), can(actor, 'update:mail-preferences:own') ? getMailPreferences(actor) : null]);
  const profile = [
    ['name', actor.name],
    ['email', actor.email],
    ['role', t(`roles.${actor.role}`)],
    ['organisation', localizedName(actor.organisationName, locale)],
  ] as const;
  return (
    <div className="max-w-2xl space-y-8">
      <h1 className="text-2xl font-semibold">{t('account.title')}</h1>
      <Panel id="profile" title={t('account.profile')}>
        <dl className="mt-4 grid grid-cols-3 gap-x-4 gap-y-2 text-sm">
          {profile.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-slate-600">{t(`account.${key}`)}</dt>
              <dd className="col-span-2">{value}</dd>
            </div>
          ))}
        </dl>
      </Panel>
      <Panel id="language" title={t('account.languageHeading')}>
        <p className="mb-4 mt-1 text-sm text-slate-600">{t('account.languageHelp')}</p>
        <LanguageSwitcher />
      </Panel>
      {mailPreferences && (
        <Panel id="mail" title={t('account.mail.heading')}>
          <p className="mt-1 text-sm text-slate-600">{t('account.mail.help')}</p>
          <p className="mt-2 text-sm text-slate-600">{t('account.mail.alwaysSent')}</p>
          <MailPreferencesForm current={mailPreferences} side={actor.organisationKind === 'embassy' ? 'embassy' : 'police'} />
        </Panel>
      )}
      <Panel id="password" title={t('account.passwordHeading')}>
        <p className="mb-4 mt-1 text-sm text-slate-600">{t('account.passwordHelp')}</p>
        <Link href="/account/password" className="rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50">
          {t('account.changePassword')}
        </Link>
      </Panel>
      <Panel id="two-factor" title={t('twoFactor.title')}>
        <p className="mb-4 mt-1 text-sm text-slate-600">{actor.hasSecondFactor ? t('account.twoFactorOn') : t('account.twoFactorOff')}</p>
        <Link href="/account/two-factor" className="rounded-md border border-brand-600 px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50">
          {actor.hasSecondFactor ? t('account.manageTwoFactor') : t('account.setUpTwoFactor')}
        </Link>
      </Panel>
      <Panel id="sessions" title={t('account.sessionsHeading')}>
        <p className="mb-4 mt-1 text-sm text-slate-600">{t('account.sessionsHelp')}</p>
        <SignOutEverywhereButton />
      </Panel>
    </div>
  );
}
