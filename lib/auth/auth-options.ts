import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { RequestContext } from '@/lib/audit/request-context';
import { loadActor } from './load-actor';
import { authenticate } from './sign-in';

/** Idle timeout: a session not used for this long ends (the token is re-issued on use). */
export const sessionIdleSeconds = 30 * 60;
/** Absolute lifetime from sign-in, however active the session. */
export const sessionMaxLifetimeSeconds = 12 * 60 * 60;

declare module 'next-auth' {
  interface Session {
    userId: string;
    sessionVersion: number;
    signedInAt: number;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    userId?: string;
    sessionVersion?: number;
    signedInAt?: number;
  }
}

/** next-auth hands `authorize` the request's headers as a plain object, not Next's `headers()`. */
function requestContextOf(headers: Record<string, unknown> | undefined): RequestContext {
  const header = (name: string) => {
    const value = headers?.[name];
    return typeof value === 'string' && value ? value : null;
  };
  return { ipAddress: header('x-forwarded-for') ?? header('x-real-ip'), userAgent: header('user-agent') };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: sessionIdleSeconds, updateAge: 60 },
  jwt: { maxAge: sessionIdleSeconds },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'CaseBridge',
      credentials: { email: { type: 'email' }, password: { type: 'password' }, code: { type: 'text' } },
      async authorize(credentials, request) {
        const result = await authenticate(
          { email: credentials?.email, password: credentials?.password, code: credentials?.code },
          requestContextOf(request?.headers as Record<string, unknown> | undefined),
        );
        // next-auth passes a thrown message to the client as `error`; the sign-in form maps it to a sentence
        // (`throttled:<seconds>` carries when to retry).
        if (!result.ok) throw new Error(result.reason === 'throttled' ? `throttled:${result.retryAfterSeconds ?? 60}` : result.reason);
        return { id: result.userId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (!token.userId || token.sessionVersion === undefined) return;
      const actor = await loadActor(token.userId, token.sessionVersion);
      await recordAudit(getDb(), {
        actor,
        action: 'auth.sign_out',
        entityType: 'user',
        entityId: token.userId,
      });
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 1;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      session.userId = token.userId ?? '';
      session.sessionVersion = token.sessionVersion ?? 0;
      session.signedInAt = token.signedInAt ?? 0;
      return session;
    },
  },
};
