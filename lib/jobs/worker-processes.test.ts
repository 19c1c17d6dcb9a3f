import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createCase } from '@/lib/cases/commands';
import { env } from '@/lib/env';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { startTestSmtpServer, type TestSmtpServer } from '@/lib/testing/smtp-server';
import { withTestDatabase } from '@/lib/testing/test-database';

// Several `npm run worker` processes on one PostgreSQL server, as production may run them: every message of a
// committed change still goes out exactly once per recipient. The embedded database has one process by design,
// so this runs where DATABASE_URL is set (`npm test` runs the suite on both).
const { handle } = withTestDatabase();
const onServer = Boolean(env().DATABASE_URL);

const root = path.resolve(import.meta.dirname, '../..');
let smtp: TestSmtpServer;
const workers: ChildProcess[] = [];

/** Starts `npm run worker`'s script and resolves once it says its workers run. */
function startWorkerProcess(serverUrl: string, smtpUrl: string): Promise<ChildProcess> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
    cwd: root,
    // A launcher, like scripts/test-all.mjs: the worker inherits this process's environment (PATH, NODE_ENV …).
    // eslint-disable-next-line no-restricted-properties -- passed on whole, validated by the worker's own env()
    env: { ...process.env, DATABASE_URL: serverUrl, SMTP_URL: smtpUrl, NEXTAUTH_URL: 'https://casebridge.example' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('job workers running')) resolve(child);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
  });
}

function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe.skipIf(!onServer)('two worker processes on one PostgreSQL server', () => {
  let officer: Actor;
  const addresses: string[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const serverUrl = handle().serverUrl!;
    await Promise.all([startWorkerProcess(serverUrl, smtp.url), startWorkerProcess(serverUrl, smtp.url)]);
    const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
    officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
    const dutyAddress = `duty-${Date.now()}@cn-embassy.example`;
    const china = await createOrganisation({ kind: 'embassy', countryCode: 'CN', dutyEmailAddresses: [dutyAddress] });
    for (let index = 0; index < 2; index++) addresses.push((await createUser({ role: 'embassy_liaison', organisationId: china.id })).email);
    addresses.push(dutyAddress);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map(stopWorkerProcess));
    await smtp?.close();
  });

  it('sends exactly one message per recipient of each committed intake, and nothing for a rolled-back one', async () => {
    // 999 passes the TypeScript type but not the database's age check: that intake rolls back.
    await expect(createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN', approximateAge: '999' })] }))).rejects.toThrow();
    const references: string[] = [];
    for (let index = 0; index < 6; index++) {
      references.push((await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' })] }))).referenceNumber);
    }
    const expected = references.length * addresses.length;
    await vi.waitFor(() => expect(smtp.received.length).toBe(expected), { timeout: 60_000, interval: 250 });
    // Both processes had every chance to send a second copy; none arrives.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(smtp.received).toHaveLength(expected);
    const sent = smtp.received.map((mail) => `${mail.envelopeTo.join(',')} ${references.find((reference) => mail.parsed.subject?.includes(reference))}`);
    expect(new Set(sent).size).toBe(expected);
    for (const address of addresses) expect(smtp.received.filter((mail) => mail.envelopeTo.includes(address))).toHaveLength(references.length);
  }, 120_000);
});
