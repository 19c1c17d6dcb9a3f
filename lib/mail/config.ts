import { env } from '@/lib/env';

/** What sending needs from the configuration; passed in by tests, which point it at their own SMTP server. */
export interface MailConfig {
  /** Unset: nothing leaves the machine, every message is stored for /admin/outbox. */
  smtpUrl: string | undefined;
  /** The From header (MAIL_FROM). */
  from: string;
  /** The public address of CaseBridge for links in messages, without a trailing slash. */
  baseUrl: string;
}

export function mailConfig(): MailConfig {
  const { SMTP_URL, MAIL_FROM, NEXTAUTH_URL, PORT } = env();
  // NEXTAUTH_URL is the address users sign in at; `npm start` sets it, so the fallback only serves a bare `next dev`.
  return { smtpUrl: SMTP_URL, from: MAIL_FROM, baseUrl: (NEXTAUTH_URL ?? `http://localhost:${PORT}`).replace(/\/+$/, '') };
}
