import { z } from 'zod';

/**
 * Every variable CaseBridge reads, parsed by one schema (README, Architecture, "Configuration in one module"). It is parsed on first use,
 * never at import time: `next build` imports the app's modules and must not need the run-time configuration.
 * `scripts/prepare-embedded-database.ts` reads it before `npm start` builds or serves, so a wrong value stops
 * the start with a message instead of failing on some later request.
 */

// Empty counts as unset, as `VAR= npm start` means it in a shell.
const blankAsUnset = <Schema extends z.ZodType>(schema: Schema) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const isPostgresUrl = (value: string) => URL.canParse(value) && ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
const isHttpUrl = (value: string) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
const isSmtpUrl = (value: string) => URL.canParse(value) && ['smtp:', 'smtps:'].includes(new URL(value).protocol) && new URL(value).hostname !== '';
const emailAddress = z.email();
/** `no-reply@example.org` or `CaseBridge <no-reply@example.org>`, as a From header holds it. */
const isMailbox = (value: string) => emailAddress.safeParse(/^[^<>]*<([^<>]+)>$/.exec(value.trim())?.[1] ?? value.trim()).success;

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * One security contact as RFC 9116 wants it, a URI: an e-mail address becomes `mailto:`, a web page must be
 * `https:` (the RFC's rule), a phone number is `tel:`. Anything else is null.
 */
function securityContactUri(value: string): string | null {
  if (emailAddress.safeParse(value).success) return `mailto:${value}`;
  if (!URL.canParse(value)) return null;
  const { protocol } = new URL(value);
  if (protocol === 'mailto:') return emailAddress.safeParse(value.slice('mailto:'.length)).success ? value : null;
  return protocol === 'https:' || protocol === 'tel:' ? value : null;
}

const securityContactFormat = 'must be e-mail addresses or https://, mailto: or tel: URIs, separated by commas';

/** Unset SECURITY_CONTACT: a demo address; a real deployment names its own (README, configuration). */
export const demoSecurityContact = 'mailto:security@casebridge.localhost';
/** Unset SECURITY_TXT_EXPIRES: this many days after the configuration was read (the start), a demo value. */
export const demoSecurityTxtDays = 180;
const dayMs = 24 * 60 * 60 * 1000;

// Built per parse: whether SECURITY_TXT_EXPIRES is in the past depends on the moment of reading.
const schemaAt = (now: Date) =>
  z
    .object({
      NODE_ENV: blankAsUnset(z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('production')),
      /** Unset: the embedded PGlite database in CASEBRIDGE_DATA_DIR. */
      DATABASE_URL: blankAsUnset(z.string().refine(isPostgresUrl, 'must be a postgres:// or postgresql:// URL').optional()),
      /** Relative to the working directory, which `npm start` makes the project folder. */
      CASEBRIDGE_DATA_DIR: blankAsUnset(z.string().default('.data/pglite')),
      /** Unset: `.data/nextauth-secret`, created by `npm start` (or by the first seed) — see lib/auth/session-secret.ts. */
      NEXTAUTH_SECRET: blankAsUnset(z.string().trim().min(1, 'must not be blank').optional()),
      /** Read by next-auth itself; `npm start` sets http://localhost:$PORT when it is unset. */
      NEXTAUTH_URL: blankAsUnset(z.string().refine(isHttpUrl, 'must be an http:// or https:// URL').optional()),
      /** Unset: silent under vitest, info otherwise. */
      LOG_LEVEL: blankAsUnset(z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).optional()),
      CASEBRIDGE_SEED_DEMO: blankAsUnset(z.enum(['true', 'false'], { error: 'must be true or false' }).default('true')),
      /**
       * Whether the app server also runs the job workers (instrumentation.ts). `false` for app instances behind a proxy
       * that leave the work to `npm run worker` processes (PostgreSQL only: the embedded database has one process).
       */
      CASEBRIDGE_WORKERS: blankAsUnset(z.enum(['true', 'false'], { error: 'must be true or false' }).default('true')),
      /** Unset: nothing leaves the machine; every e-mail is stored for /admin/outbox (lib/mail/send.ts). */
      SMTP_URL: blankAsUnset(z.string().refine(isSmtpUrl, 'must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.org:587').optional()),
      MAIL_FROM: blankAsUnset(z.string().refine(isMailbox, 'must be an e-mail address, optionally with a name: CaseBridge <no-reply@example.org>').default('CaseBridge <no-reply@casebridge.localhost>')),
      PORT: blankAsUnset(z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(1, 'must be a port number').max(65535, 'must be a port number').default(3000)),
      /**
       * `1`: webhook endpoints may also be `http://127.0.0.1` or `http://localhost` (tests and demos with a local
       * receiver). Unset: every endpoint must be `https` to a public address (lib/webhooks/url-safety.ts).
       */
      WEBHOOKS_ALLOW_LOOPBACK_HTTP: blankAsUnset(z.enum(['1', '0'], { error: 'must be 1 or 0' }).default('0')),
      /** Who reads vulnerability reports, for /.well-known/security.txt (RFC 9116): one or more, comma-separated. */
      SECURITY_CONTACT: blankAsUnset(
        z
          .string()
          .transform((value, context) => {
            const uris = value.split(',').map((part) => securityContactUri(part.trim()));
            if (uris.every((uri): uri is string => uri !== null)) return uris;
            context.addIssue({ code: 'custom', message: securityContactFormat });
            return z.NEVER;
          })
          .optional(),
      ),
      /**
       * When security.txt stops being true; a date alone means its start in UTC. A date in the past is refused
       * rather than served: the file would tell researchers that its contact is stale (RFC 9116 §2.5.5), and a
       * warning in a log is easily missed. (One that passes while the app runs is logged, lib/security/security-txt.ts.)
       */
      SECURITY_TXT_EXPIRES: blankAsUnset(
        z
          .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be a date (2027-06-30) or a date and time with its zone (2027-06-30T12:00:00+07:00)' })
          .transform((value) => new Date(value))
          .refine((expires) => expires > now, 'is in the past: security.txt would tell researchers its contact is stale; set a date less than a year ahead')
          .optional(),
      ),
    })
    .transform(({ LOG_LEVEL, CASEBRIDGE_SEED_DEMO, CASEBRIDGE_WORKERS, SECURITY_CONTACT, SECURITY_TXT_EXPIRES, WEBHOOKS_ALLOW_LOOPBACK_HTTP, ...rest }) => ({
      ...rest,
      WEBHOOKS_ALLOW_LOOPBACK_HTTP: WEBHOOKS_ALLOW_LOOPBACK_HTTP === '1',
      LOG_LEVEL: LOG_LEVEL ?? (rest.NODE_ENV === 'test' ? 'silent' : 'info'),
      CASEBRIDGE_SEED_DEMO: CASEBRIDGE_SEED_DEMO === 'true',
      CASEBRIDGE_WORKERS: CASEBRIDGE_WORKERS === 'true',
      SECURITY_CONTACT: SECURITY_CONTACT ?? [demoSecurityContact],
      SECURITY_TXT_EXPIRES: SECURITY_TXT_EXPIRES ?? new Date(now.getTime() + demoSecurityTxtDays * dayMs),
    }));

export type Env = z.output<ReturnType<typeof schemaAt>>;

/** Variables whose value may hold a password or key: a message shows at most their scheme. */
const secretBearing = new Set(['DATABASE_URL', 'NEXTAUTH_SECRET', 'SMTP_URL']);

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

function shown(variable: string, value: unknown): string {
  if (value === undefined) return '';
  const text = String(value);
  if (!secretBearing.has(variable)) return ` (got ${JSON.stringify(text)})`;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0];
  return scheme ? ` (got "${scheme}…")` : '';
}

/** Parses a set of variables as of `now`; throws a ConfigurationError naming each wrong one. */
export function parseEnv(source: Record<string, string | undefined>, now = new Date()): Env {
  const result = schemaAt(now).safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const variable = String(issue.path[0]);
    return `CaseBridge configuration: ${variable} ${issue.message}${shown(variable, source[variable])}`;
  });
  throw new ConfigurationError(lines.join('\n'));
}

let parsed: Env | undefined;

/** The process's configuration, parsed from its environment on first use. */
export function env(): Env {
  // The one place that reads process.env (the ESLint rule exempts this file).
  parsed ??= parseEnv(process.env);
  return parsed;
}
