// No `import 'server-only'`: the demo seed runs under tsx (`npm run db:seed`) and encrypts the demo admin's secret.
import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

/**
 * The secret the server already has for signing sessions: `NEXTAUTH_SECRET`, or the `.data/nextauth-secret`
 * file `npm start` creates when it is not set (the same file, read the same way, so `npm run db:seed`, the
 * workers and the server agree). Other keys are derived from it, one per purpose, so none is a second secret
 * to configure and none can stand in for another.
 */
function sessionSecret(): string {
  const fromEnvironment = env().NEXTAUTH_SECRET;
  if (fromEnvironment) return fromEnvironment;
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), '.data', 'nextauth-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  // Same as scripts/run-app.mjs: a random secret kept under .data, so a seed before the first start works.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const derivedKeys = new Map<string, { secret: string; key: Buffer }>();

/** A 256-bit key for one purpose (HKDF-SHA256 over the session secret); it changes when the secret does. */
export function keyDerivedFromSessionSecret(purpose: string): Buffer {
  const secret = sessionSecret();
  const cached = derivedKeys.get(purpose);
  if (cached?.secret === secret) return cached.key;
  const key = Buffer.from(hkdfSync('sha256', secret, 'casebridge', purpose, 32));
  derivedKeys.set(purpose, { secret, key });
  return key;
}
