import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/auth/actor';
import { can, type Permission } from '@/lib/auth/permissions';
import { localizedName } from '@/lib/i18n/localized-name';
import { unreadBadgeCap } from '@/lib/notifications/embassy-queries';
import { LanguageSwitcher } from './language-switcher';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';

/** Every link a role may follow; a link is shown only to roles holding its permission. */
const navigation: { href: string; labelKey: string; permission: Permission; exact?: boolean }[] = [
  { href: '/police', labelKey: 'policeHome', permission: 'view:area:police', exact: true },
  { href: '/police/cases', labelKey: 'cases', permission: 'read:case:own-province' },
  { href: '/police/cases/new', labelKey: 'newCase', permission: 'create:case:own-province', exact: true },
  { href: '/embassy', labelKey: 'embassyHome', permission: 'view:area:embassy' },
  { href: '/summaries', labelKey: 'summariesHome', permission: 'view:area:summaries', exact: true },
  { href: '/summaries/cases', labelKey: 'cases', permission: 'read:case:all-provinces' },
  { href: '/admin', labelKey: 'adminHome', permission: 'view:area:admin', exact: true },
  { href: '/admin/users', labelKey: 'adminUsers', permission: 'manage:directory:all' },
  { href: '/admin/audit', labelKey: 'adminAudit', permission: 'read:audit:all' },
  { href: '/admin/outbox', labelKey: 'adminOutbox', permission: 'read:mail:all' },
  { href: '/admin/jobs', labelKey: 'adminJobs', permission: 'read:jobs:all' },
  { href: '/admin/missions', labelKey: 'adminMissions', permission: 'manage:directory:all' },
  { href: '/admin/consular-rules', labelKey: 'adminConsularRules', permission: 'manage:directory:all' },
  { href: '/organisation', labelKey: 'organisationHome', permission: 'view:area:organisation', exact: true },
  { href: '/account', labelKey: 'account', permission: 'update:account:own' },
];

interface AppShellProps {
  actor: Actor;
  /** The embassy's unread count (`countUnreadForEmbassy`), shown on its navigation link; left out for other roles. */
  unread?: number;
  children: React.ReactNode;
}

export async function AppShell({ actor, unread = 0, children }: AppShellProps) {
  const t = await getTranslations();
  const locale = await getLocale();
  const links = navigation.filter((item) => can(actor, item.permission));
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <div>
            <Link href="/" className="text-lg font-semibold text-brand-900">
              {t('common.appName')}
            </Link>
            <p className="text-sm text-slate-600">{localizedName(actor.organisationName, locale)}</p>
          </div>
          <div className="flex flex-wrap items-center gap-4" aria-label={t('common.userMenu')} role="group">
            <p className="text-sm text-slate-700">
              {t('common.signedInAs', { name: actor.name })} · {t(`roles.${actor.role}`)}
            </p>
            <LanguageSwitcher />
            <SignOutButton />
          </div>
        </div>
        <nav aria-label={t('common.mainNavigation')} className="mx-auto max-w-7xl px-6">
          <ul className="flex gap-1">
            {links.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} exact={item.exact}>
                  {t(`nav.${item.labelKey}`)}
                  {item.href === '/embassy' && unread > 0 && (
                    <span className="ml-1.5 rounded-full bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                      <span aria-hidden="true">{unread >= unreadBadgeCap ? `${unreadBadgeCap - 1}+` : unread}</span>
                      <span className="sr-only">
                        {unread >= unreadBadgeCap ? t('nav.unreadCountMany', { count: unreadBadgeCap - 1 }) : t('nav.unreadCount', { count: unread })}
                      </span>
                    </span>
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-6 py-8">
        {children}
      </main>
    </div>
  );
}
