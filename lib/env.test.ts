import { describe, expect, it } from 'vitest';
import { ConfigurationError, parseEnv } from './env';

function messageOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('configuration', () => {
  it('fills in the defaults when nothing is set', () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: 'production',
      CASEBRIDGE_DATA_DIR: '.data/pglite',
      PORT: 3000,
      MAIL_FROM: 'CaseBridge <no-reply@casebridge.localhost>',
      LOG_LEVEL: 'info',
      CASEBRIDGE_SEED_DEMO: true,
      CASEBRIDGE_WORKERS: true,
    });
  });

  it('parses a valid configuration, treating empty values as unset', () => {
    expect(
      parseEnv({
        NODE_ENV: 'test',
        DATABASE_URL: 'postgres://casebridge:pw@db.internal:5432/casebridge',
        CASEBRIDGE_DATA_DIR: '',
        NEXTAUTH_SECRET: ' a-long-random-secret ',
        NEXTAUTH_URL: 'https://casebridge.example',
        CASEBRIDGE_SEED_DEMO: 'false',
        CASEBRIDGE_WORKERS: 'false',
        PORT: '3400',
        SMTP_URL: 'smtps://casebridge:pw@mail.example.org:465',
        MAIL_FROM: 'no-reply@casebridge.example',
        UNRELATED: 'ignored',
      }),
    ).toEqual({
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://casebridge:pw@db.internal:5432/casebridge',
      CASEBRIDGE_DATA_DIR: '.data/pglite',
      NEXTAUTH_SECRET: 'a-long-random-secret',
      NEXTAUTH_URL: 'https://casebridge.example',
      LOG_LEVEL: 'silent',
      CASEBRIDGE_SEED_DEMO: false,
      CASEBRIDGE_WORKERS: false,
      PORT: 3400,
      SMTP_URL: 'smtps://casebridge:pw@mail.example.org:465',
      MAIL_FROM: 'no-reply@casebridge.example',
    });
    expect(parseEnv({ DATABASE_URL: 'postgresql://localhost/cb', LOG_LEVEL: 'debug' })).toMatchObject({ LOG_LEVEL: 'debug' });
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
    expect(parseEnv({ MAIL_FROM: 'Embassy desk <desk@casebridge.example>' })).toMatchObject({ MAIL_FROM: 'Embassy desk <desk@casebridge.example>' });
  });

  it('names a CASEBRIDGE_WORKERS that is not true or false', () => {
    expect(messageOf({ CASEBRIDGE_WORKERS: 'off' })).toBe('CaseBridge configuration: CASEBRIDGE_WORKERS must be true or false (got "off")');
  });

  it('names a CASEBRIDGE_SEED_DEMO that is not true or false', () => {
    expect(messageOf({ CASEBRIDGE_SEED_DEMO: 'no' })).toBe('CaseBridge configuration: CASEBRIDGE_SEED_DEMO must be true or false (got "no")');
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
