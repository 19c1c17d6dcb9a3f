import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { lookUpInvitation } from '@/lib/invitations/commands';
import { invitationTokenSchema } from '@/lib/invitations/schemas';
import { AcceptInvitationForm } from './accept-invitation-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('invitation');
  // The token stays out of the title (and so out of history menus and bookmarks' names).
  return { title: t('title'), referrer: 'no-referrer' };
}

/**
 * Where an invited person chooses their password. Public: the token is the credential. Every link that does
 * not work — unknown, used, expired, revoked, deactivated account — gets the same message.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const parsed = invitationTokenSchema.safeParse(token);
  const invitation = parsed.success ? await lookUpInvitation(parsed.data) : null;
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <span className="text-lg font-semibold text-brand-900">{t('common.appName')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-12">
        <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
          {invitation && parsed.success ? (
            <>
              <h1 className="text-2xl font-semibold text-slate-900">{t('invitation.title')}</h1>
              <p className="text-sm text-slate-600">{t('invitation.intro', { name: invitation.name, email: invitation.email })}</p>
              <AcceptInvitationForm token={parsed.data} email={invitation.email} />
            </>
          ) : (
            <>
              <h1 className="text-2xl font-semibold text-slate-900">{t('invitation.invalidTitle')}</h1>
              <p className="text-sm text-slate-700">{t('invitation.invalid')}</p>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
