import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { lookUpInvitation } from '@/lib/invitations/commands';
import { invitationTokenSchema } from '@/lib/invitations/schemas';
import { AcceptInvitationForm } from './accept-invitation-form';

export const dynamic = 'force-dynamic';

interface PageProps {
  params: Promise<{ token: string }>;
}

/** Who the link is for, or null when it does not work: looked up once per request, for the title and the page. */
const lookUp = cache(async (token: string) => {
  const parsed = invitationTokenSchema.safeParse(token);
  return parsed.success ? { token: parsed.data, invitation: await lookUpInvitation(parsed.data) } : { token: null, invitation: null };
});

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const [{ invitation }, t] = await Promise.all([params.then(({ token }) => lookUp(token)), getTranslations('invitation')]);
  // The token stays out of the title (and so out of history menus and bookmarks' names).
  return { title: invitation ? t('title') : t('invalidTitle'), referrer: 'no-referrer' };
}

/**
 * Where an invited person chooses their password. Public: the token is the credential. Every link that does
 * not work — unknown, used, expired, revoked, deactivated account — gets the same message.
 */
export default async function InvitationPage({ params }: PageProps) {
  const { token, invitation } = await lookUp((await params).token);
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <span className="text-lg font-semibold text-brand-900">{t('common.appName')}</span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-12">
        <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
          {invitation && token ? (
            <>
              <h1 className="text-2xl font-semibold text-slate-900">{t('invitation.title')}</h1>
              <p className="text-sm text-slate-600">{t('invitation.intro', { name: invitation.name, email: invitation.email })}</p>
              <AcceptInvitationForm token={token} email={invitation.email} />
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
