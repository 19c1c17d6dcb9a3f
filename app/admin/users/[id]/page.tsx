import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { UserAccessActions } from '@/app/admin/_components/user-access-actions';
import { UserForm } from '@/app/admin/_components/user-form';
import { UserInvitationActions } from '@/app/admin/_components/user-invitation-actions';
import type { Actor } from '@/lib/auth/actor';
import { orNotFound } from '@/lib/run-action';
import { requireAccess } from '@/lib/auth/session';
import { getUserForAdmin, listOrganisationOptions } from '@/lib/directory/queries';
import { localizedName } from '@/lib/i18n/localized-name';
import { pageTitle } from '@/lib/i18n/page-title';
import { getInvitationStatus } from '@/lib/invitations/commands';
import { Panel } from '@/components/ui/panel';

interface PageProps {
  params: Promise<{ id: string }>;
}

/** Read once per request, for the title and the page (React's cache; the actor is the request's own). */
const loadUser = cache(async (actor: Actor, id: string) => orNotFound(getUserForAdmin(actor, id)));

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const actor = await requireAccess('view:area:admin');
  const [user, t] = await Promise.all([params.then(({ id }) => loadUser(actor, id)), getTranslations('nav')]);
  return { title: pageTitle(user.name, t('adminUsers')) };
}

export default async function AdminUserPage({ params }: PageProps) {
  const actor = await requireAccess('view:area:admin');
  const { id } = await params;
  const [user, organisations, t, format, locale] = await Promise.all([loadUser(actor, id), listOrganisationOptions(actor), getTranslations(), getFormatter(), getLocale()]);
  const invitation = await getInvitationStatus(actor, user.id);
  const dateTime = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' }) : t('common.never'));
  const facts = [
    [t('admin.email'), user.email],
    [t('admin.role'), t(`roles.${user.role}`)],
    [t('admin.organisation'), localizedName(user.organisation.names, locale)],
    [t('admin.status'), user.isActive ? t('admin.active') : t('admin.inactive')],
    [t('admin.lockedHeading'), user.isLocked && user.lockedUntil ? t('admin.lockedUntil', { time: dateTime(user.lockedUntil) }) : t('admin.notLockedShort')],
    [t('admin.failedSignIns'), format.number(user.failedSignInCount)],
    [t('admin.lastSignIn'), dateTime(user.lastSignInAt)],
    [t('admin.passwordChangedAt'), `${dateTime(user.passwordChangedAt)}${user.mustChangePassword ? ` · ${t('admin.mustChangePassword')}` : ''}`],
    [t('admin.secondFactor'), user.secondFactorEnabledAt ? t('admin.secondFactorOnSince', { time: dateTime(user.secondFactorEnabledAt) }) : t('admin.secondFactorOff')],
    [t('admin.createdAt'), dateTime(user.createdAt)],
  ] as const;
  return (
    <div className="max-w-3xl space-y-8">
      <div className="space-y-1">
        <p className="text-sm">
          <Link href="/admin/users" className="text-brand-700 underline">
            {t('admin.usersTitle')}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{user.name}</h1>
      </div>
      <Panel id="summary" title={t('admin.summary')}>
        <dl className="mt-4 grid grid-cols-3 gap-x-4 gap-y-2 text-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className="col-span-2">{value}</dd>
            </div>
          ))}
        </dl>
      </Panel>
      <UserForm
        existing={{ id: user.id, version: user.version }}
        organisations={organisations.map((organisation) => ({ id: organisation.id, kind: organisation.kind, isActive: organisation.isActive, name: localizedName(organisation.names, locale) }))}
        values={{ name: user.name, email: user.email, role: user.role, organisationId: user.organisation.id, preferredLocale: user.preferredLocale, credential: 'one_time_password' }}
      />
      <section aria-labelledby="access" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="access" className="text-lg font-semibold">
          {t('admin.actionsHeading')}
        </h2>
        <UserAccessActions id={user.id} name={user.name} version={user.version} isActive={user.isActive} isLocked={user.isLocked} isSelf={user.id === actor.userId} hasSecondFactor={user.secondFactorEnabledAt !== null} />
      </section>
      <section aria-labelledby="invitation" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="invitation" className="text-lg font-semibold">
          {t('admin.invitationHeading')}
        </h2>
        <UserInvitationActions
          id={user.id}
          name={user.name}
          email={user.email}
          version={user.version}
          isActive={user.isActive}
          isSelf={user.id === actor.userId}
          hasSignedIn={user.lastSignInAt !== null}
          state={invitation.state}
          at={invitation.at}
        />
      </section>
    </div>
  );
}
