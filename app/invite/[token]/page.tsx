import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { PublicPageShell } from '@/components/shell/public-page-shell';
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
    <PublicPageShell>
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
    </PublicPageShell>
  );
}
