import fs from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, type Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { actorFor, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';

// Every server action as the browser calls it, with Next's session and request stubbed.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/session', () => ({ getActor: async () => session.actor }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined, set: vi.fn(), delete: vi.fn() }),
  headers: async () => new Headers({ 'x-forwarded-for': '192.0.2.10' }),
}));

withTestDatabase();

/** Every module of app/ and lib/ whose first statement is 'use server': all its exports are callable actions. */
function serverActionModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && /^\s*['"]use server['"]/.test(fs.readFileSync(full, 'utf8'))) found.push(path.relative(process.cwd(), full));
    }
  };
  walk(path.join(process.cwd(), 'app'));
  walk(path.join(process.cwd(), 'lib'));
  return found.sort();
}

/**
 * Actions that are part of finishing the pending step, grant nothing (the language cookie), or don't act for
 * the session at all (accepting an invitation, unsubscribing: the link's token is the credential).
 */
const allowedWhilePending = new Set([
  'lib/account/actions.ts#changePasswordAction',
  'lib/account/actions.ts#signOutEverywhereAction',
  'lib/account/actions.ts#changeLocaleAction',
  'lib/account/actions.ts#unsubscribeAction',
  'lib/invitations/actions.ts#acceptInvitationAction',
]);

/** The role that may otherwise use a module's actions, so the refusal can only come from the pending step. */
function roleFor(file: string): Role {
  if (file.startsWith('lib/directory/') || file.startsWith('lib/invitations/')) return 'admin';
  if (file.startsWith('lib/notifications/')) return 'embassy_liaison';
  return 'police_supervisor';
}

const modules = serverActionModules();
const pendingActors = new Map<Role, Actor>();

async function auditSize() {
  const [row] = await getDb().select({ total: count() }).from(auditLog);
  return row?.total ?? 0;
}

describe('server actions while a one-time password must be changed', () => {
  beforeAll(async () => {
    for (const role of ['admin', 'embassy_liaison', 'police_supervisor'] as const) {
      pendingActors.set(role, await actorFor(await createUser({ role, mustChangePassword: true })));
    }
  });

  it('finds the action modules to check', () => {
    expect(modules).toEqual(expect.arrayContaining(['lib/account/actions.ts', 'lib/cases/actions.ts', 'lib/cooperation/actions.ts', 'lib/directory/actions.ts', 'lib/disclosure/actions.ts', 'lib/invitations/actions.ts', 'lib/notifications/actions.ts']));
  });

  for (const file of modules) {
    it(`refuses every action of ${file} but the password change, signing out and the language`, async () => {
      const actions = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<string, unknown>;
      const names = Object.keys(actions).filter((name) => typeof actions[name] === 'function');
      expect(names.length, `exports of ${file}`).toBeGreaterThan(0);
      session.actor = pendingActors.get(roleFor(file)) ?? null;
      for (const name of names) {
        if (allowedWhilePending.has(`${file}#${name}`)) continue;
        const before = await auditSize();
        const result = await (actions[name] as (input: unknown) => Promise<unknown>)({});
        expect(result, `${file}#${name}`).toEqual({ ok: false, kind: 'refused', message: 'errors.passwordChangeRequired' });
        expect(await auditSize(), `${file}#${name} wrote nothing`).toBe(before);
      }
    });
  }

  it('still lets the user change the password, sign out everywhere and switch language', async () => {
    const { changePasswordAction, changeLocaleAction, signOutEverywhereAction } = await import('@/lib/account/actions');
    session.actor = pendingActors.get('police_supervisor') ?? null;
    // Past the gate: the empty form is refused field by field, not as a pending step.
    expect(await changePasswordAction({})).toMatchObject({ ok: false, message: 'errors.invalid' });
    expect(await changeLocaleAction({ locale: 'km' })).toEqual({ ok: true, data: undefined });
    expect(await signOutEverywhereAction()).toEqual({ ok: true, data: undefined });
  });

  it('lets the same user act once the password is their own', async () => {
    const { addCaseNoteAction } = await import('@/lib/cases/actions');
    const ready = await actorFor(await createUser({ role: 'police_supervisor' }));
    session.actor = ready;
    expect(await addCaseNoteAction({})).toMatchObject({ ok: false, message: 'errors.invalid' });
    session.actor = null;
    expect(await addCaseNoteAction({})).toEqual({ ok: false, kind: 'refused', message: 'errors.signedOut' });
  });

  it('answers the route handlers with "not found"', async () => {
    const { GET: exportSummary } = await import('@/app/summaries/export/route');
    const { GET: exportAudit } = await import('@/app/admin/audit/export/route');
    const { GET: live } = await import('@/app/api/live/route');
    const { NextRequest } = await import('next/server');
    session.actor = await actorFor(await createUser({ role: 'ministry_analyst', mustChangePassword: true }));
    expect((await exportSummary(new NextRequest('http://localhost/summaries/export?table=crimeTypes&months=12'))).status).toBe(404);
    session.actor = pendingActors.get('admin') ?? null;
    expect((await exportAudit(new Request('http://localhost/admin/audit/export'))).status).toBe(404);
    session.actor = pendingActors.get('embassy_liaison') ?? null;
    expect((await live(new Request('http://localhost/api/live'))).status).toBe(404);
  });
});
