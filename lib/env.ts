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

const schema = z
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
  })
  .transform(({ LOG_LEVEL, CASEBRIDGE_SEED_DEMO, CASEBRIDGE_WORKERS, ...rest }) => ({
    ...rest,
    LOG_LEVEL: LOG_LEVEL ?? (rest.NODE_ENV === 'test' ? 'silent' : 'info'),
    CASEBRIDGE_SEED_DEMO: CASEBRIDGE_SEED_DEMO === 'true',
    CASEBRIDGE_WORKERS: CASEBRIDGE_WORKERS === 'true',
  }));

export type Env = z.output<typeof schema>;

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

/** Parses a set of variables; throws a ConfigurationError naming each wrong one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
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
