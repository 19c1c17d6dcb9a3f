import { describe, expect, it } from 'vitest';
import { ConfigurationError, demoSecurityContact, parseEnv } from './env';

// The moment the configuration is read: SECURITY_TXT_EXPIRES is judged against it.
const now = new Date('2026-05-01T08:00:00Z');

function messageOf(source: Record<string, string>): string {
  try {
    parseEnv(source, now);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('fills in the defaults when nothing is set', () => {
    expect(parseEnv({}, now)).toEqual({
      NODE_ENV: 'production',
      CASEBRIDGE_DATA_DIR: '.data/pglite',
      PORT: 3000,
      MAIL_FROM: 'CaseBridge <no-reply@casebridge.localhost>',
      LOG_LEVEL: 'info',
      CASEBRIDGE_SEED_DEMO: true,
      CASEBRIDGE_WORKERS: true,
      WEBHOOKS_ALLOW_LOOPBACK_HTTP: false,
      SECURITY_CONTACT: ['mailto:security@casebridge.localhost'],
      // 180 days after the start: a demo's file that stays valid but is plainly not a reviewed one.
      SECURITY_TXT_EXPIRES: new Date('2026-10-28T08:00:00Z'),
    });
  });

  it('parses a valid configuration, treating empty values as unset', () => {
    expect(
      parseEnv(
        {
          NODE_ENV: 'test',
          DATABASE_URL: 'postgres://casebridge:pw@db.internal:5432/casebridge',
          CASEBRIDGE_DATA_DIR: '',
          NEXTAUTH_SECRET: ' a-long-random-secret ',
          NEXTAUTH_URL: 'https://casebridge.example',
          CASEBRIDGE_SEED_DEMO: 'false',
          CASEBRIDGE_WORKERS: 'false',
          WEBHOOKS_ALLOW_LOOPBACK_HTTP: '1',
          PORT: '3400',
          SMTP_URL: 'smtps://casebridge:pw@mail.example.org:465',
          MAIL_FROM: 'no-reply@casebridge.example',
          SECURITY_CONTACT: 'security@casebridge.example',
          SECURITY_TXT_EXPIRES: '2027-03-31T23:59:59+07:00',
          UNRELATED: 'ignored',
        },
        now,
      ),
    ).toEqual({
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://casebridge:pw@db.internal:5432/casebridge',
      CASEBRIDGE_DATA_DIR: '.data/pglite',
      NEXTAUTH_SECRET: 'a-long-random-secret',
      NEXTAUTH_URL: 'https://casebridge.example',
      LOG_LEVEL: 'silent',
      CASEBRIDGE_SEED_DEMO: false,
      CASEBRIDGE_WORKERS: false,
      WEBHOOKS_ALLOW_LOOPBACK_HTTP: true,
      PORT: 3400,
      SMTP_URL: 'smtps://casebridge:pw@mail.example.org:465',
      MAIL_FROM: 'no-reply@casebridge.example',
      SECURITY_CONTACT: ['mailto:security@casebridge.example'],
      SECURITY_TXT_EXPIRES: new Date('2027-03-31T16:59:59Z'),
    });
    expect(parseEnv({ DATABASE_URL: 'postgresql://localhost/cb', LOG_LEVEL: 'debug' }, now)).toMatchObject({ LOG_LEVEL: 'debug' });
  });

  it('names a DATABASE_URL that is not PostgreSQL, without showing its password', () => {
    const message = messageOf({ DATABASE_URL: 'mysql://root:hunter2@db/casebridge' });
    expect(message).toBe('CaseBridge configuration: DATABASE_URL must be a postgres:// or postgresql:// URL (got "mysql://…")');
    expect(messageOf({ DATABASE_URL: 'not a url' })).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
  });

  it('names a LOG_LEVEL that pino does not know', () => {
    expect(messageOf({ LOG_LEVEL: 'verbose' })).toBe(
      'CaseBridge configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    );
  });

  it('names an SMTP_URL that is not SMTP, without showing its password, and a MAIL_FROM that is no address', () => {
    expect(messageOf({ SMTP_URL: 'https://user:hunter2@mail.example.org' })).toBe(
      'CaseBridge configuration: SMTP_URL must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.org:587 (got "https://…")',
    );
    expect(messageOf({ MAIL_FROM: 'CaseBridge <no-reply>' })).toBe(
      'CaseBridge configuration: MAIL_FROM must be an e-mail address, optionally with a name: CaseBridge <no-reply@example.org> (got "CaseBridge <no-reply>")',
    );
    expect(parseEnv({ MAIL_FROM: 'Embassy desk <desk@casebridge.example>' }, now)).toMatchObject({ MAIL_FROM: 'Embassy desk <desk@casebridge.example>' });
  });

  it('names a CASEBRIDGE_WORKERS that is not true or false', () => {
    expect(messageOf({ CASEBRIDGE_WORKERS: 'off' })).toBe('CaseBridge configuration: CASEBRIDGE_WORKERS must be true or false (got "off")');
  });

  it('names a CASEBRIDGE_SEED_DEMO that is not true or false', () => {
    expect(messageOf({ CASEBRIDGE_SEED_DEMO: 'no' })).toBe('CaseBridge configuration: CASEBRIDGE_SEED_DEMO must be true or false (got "no")');
  });

  it('takes several security contacts, each as a URI: an address becomes mailto:, web pages must be https', () => {
    expect(parseEnv({ SECURITY_CONTACT: 'cert@police.example, https://police.example/report ,tel:+855-23-000-000, mailto:desk@police.example' }, now).SECURITY_CONTACT).toEqual([
      'mailto:cert@police.example',
      'https://police.example/report',
      'tel:+855-23-000-000',
      'mailto:desk@police.example',
    ]);
    expect(parseEnv({ SECURITY_CONTACT: '' }, now).SECURITY_CONTACT).toEqual([demoSecurityContact]);
    const refusal = 'CaseBridge configuration: SECURITY_CONTACT must be e-mail addresses or https://, mailto: or tel: URIs, separated by commas';
    expect(messageOf({ SECURITY_CONTACT: 'http://police.example/report' })).toBe(`${refusal} (got "http://police.example/report")`);
    expect(messageOf({ SECURITY_CONTACT: 'cert@police.example, the duty officer' })).toBe(`${refusal} (got "cert@police.example, the duty officer")`);
    expect(messageOf({ SECURITY_CONTACT: 'mailto:not-an-address' })).toBe(`${refusal} (got "mailto:not-an-address")`);
    expect(messageOf({ SECURITY_CONTACT: 'cert@police.example,' })).toBe(`${refusal} (got "cert@police.example,")`);
  });

  it('reads SECURITY_TXT_EXPIRES as a date (its start in UTC) or a date and time with its zone', () => {
    expect(parseEnv({ SECURITY_TXT_EXPIRES: '2026-12-31' }, now).SECURITY_TXT_EXPIRES).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(parseEnv({ SECURITY_TXT_EXPIRES: '2026-12-31T12:00:00Z' }, now).SECURITY_TXT_EXPIRES).toEqual(new Date('2026-12-31T12:00:00Z'));
    expect(messageOf({ SECURITY_TXT_EXPIRES: 'next spring' })).toBe(
      'CaseBridge configuration: SECURITY_TXT_EXPIRES must be a date (2027-06-30) or a date and time with its zone (2027-06-30T12:00:00+07:00) (got "next spring")',
    );
    // Without a zone the moment depends on the server's clock setting: refused.
    expect(messageOf({ SECURITY_TXT_EXPIRES: '2026-12-31T12:00:00' })).toContain('SECURITY_TXT_EXPIRES must be a date');
  });

  it('refuses a SECURITY_TXT_EXPIRES that has passed, saying why', () => {
    const message = 'is in the past: security.txt would tell researchers its contact is stale; set a date less than a year ahead';
    expect(messageOf({ SECURITY_TXT_EXPIRES: '2026-04-30' })).toBe(`CaseBridge configuration: SECURITY_TXT_EXPIRES ${message} (got "2026-04-30")`);
    expect(messageOf({ SECURITY_TXT_EXPIRES: now.toISOString() })).toContain(`SECURITY_TXT_EXPIRES ${message}`);
    expect(parseEnv({ SECURITY_TXT_EXPIRES: '2026-05-01T08:00:01Z' }, now).SECURITY_TXT_EXPIRES).toEqual(new Date('2026-05-01T08:00:01Z'));
  });

  it('names every wrong variable at once', () => {
    const lines = messageOf({ PORT: '99999', NODE_ENV: 'staging', NEXTAUTH_URL: 'localhost:3000' }).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'CaseBridge configuration: PORT must be a port number (got "99999")',
        'CaseBridge configuration: NODE_ENV must be development, production or test (got "staging")',
        'CaseBridge configuration: NEXTAUTH_URL must be an http:// or https:// URL (got "localhost:3000")',
      ]),
    );
    expect(lines).toHaveLength(3);
  });
});
