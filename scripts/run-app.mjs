#!/usr/bin/env node
// `npm start` / `npm run dev`: checks the configuration and prepares the embedded database
// (scripts/prepare-embedded-database.ts), builds when the build is missing or older than the sources, makes
// sure a session secret exists, then runs Next.js in the foreground. It reads process.env itself because it
// passes the environment on to those processes; they validate it through lib/env.ts.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const mode = process.argv[2] === 'dev' ? 'dev' : 'start';
const root = path.resolve(import.meta.dirname, '..');
const nextBin = path.join(root, 'node_modules', '.bin', 'next');
const tsxBin = path.join(root, 'node_modules', '.bin', 'tsx');

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
// Before the build, so a wrong variable is reported at once; it exits only once the database is closed, since
// PGlite allows one process per data directory and Next.js opens it next.
const prepare = spawnSync(tsxBin, [path.join(root, 'scripts', 'prepare-embedded-database.ts')], { cwd: root, env, stdio: 'inherit' });
if (prepare.status !== 0) process.exit(prepare.status ?? 1);

// Empty counts as unset, as in lib/env.ts.
const port = env.PORT || '3000';
env.NEXTAUTH_URL ||= `http://localhost:${port}`;
env.NEXTAUTH_SECRET ||= persistedSecret();

if (mode === 'start' && isBuildStale()) {
  console.log('CaseBridge: building the app (first start or changed sources)…');
  const build = spawnSync(nextBin, ['build'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Idle keep-alive connections stay open longer than Node's 5 s default, and longer than the 60 s idle timeout of
// common proxies and load balancers in front: otherwise the server may close a connection just as a client
// reuses it, and that request fails with ECONNRESET.
const keepAlive = mode === 'start' ? ['--keepAliveTimeout', '65000'] : [];
const server = spawn(nextBin, [mode, '--port', port, ...keepAlive], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/** A random secret kept under .data so sessions survive restarts without any setup. */
function persistedSecret() {
  const file = path.join(root, '.data', 'nextauth-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function isBuildStale() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'db', 'public', 'proxy.ts', 'instrumentation-client.ts', 'next.config.ts', 'package-lock.json'];
  return sources.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}
