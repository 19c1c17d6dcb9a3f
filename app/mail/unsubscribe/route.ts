import { unsubscribeFromMail } from '@/lib/account/commands';
import { unsubscribeSchema } from '@/lib/account/schemas';
import { inEveryLanguage } from '@/lib/mail/render';
import { runPublicRoute } from '@/lib/run-action';

export const dynamic = 'force-dynamic';

/**
 * The address in every List-Unsubscribe header (lib/mail/unsubscribe.ts). A POST is RFC 8058's one-click: the mail
 * client sends it, without a session, when the reader chooses "unsubscribe", and the signed token in the URL says
 * whose setting to turn off. A GET is a person opening the link (or a scanner fetching it): it only leads to the
 * page that explains and asks, because a link opened must never change anything.
 *
 * Both live in this one route handler because Next.js allows no page beside a route handler in one folder; the
 * page is at /mail/unsubscribe/confirm.
 */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return new Response(null, {
    status: 303,
    headers: { Location: `/mail/unsubscribe/confirm?token=${encodeURIComponent(token)}`, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });
}

// The body RFC 8058 clients send (`List-Unsubscribe=One-Click`) is not required: the signed token is what counts.
export async function POST(request: Request) {
  const plainText = (body: string, status: number) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  return runPublicRoute(
    request,
    unsubscribeSchema,
    async (input) => {
      await unsubscribeFromMail(input, 'one_click');
      return plainText(inEveryLanguage('unsubscribe.done'), 200);
    },
    { respondToFailure: (_failure, status) => plainText(inEveryLanguage(status === 400 ? 'unsubscribe.invalidLink' : 'errors.unexpected'), status) },
  );
}
