import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { organisations, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';
import { actorFor, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { arrayParameter, prebuilt, prebuiltByShape, type Placeholders } from './prebuilt';

withTestDatabase();

const manager = alias(users, 'manager');

// A user with their organisation, a left join that may find nothing, a timestamp and the transaction's own setting:
// what the app's reads rely on, now with the SQL built once.
const selectUser = prebuilt((db, p: Placeholders<{ userId: string }>) =>
  db
    .select({
      name: users.name,
      organisationCreatedAt: organisations.createdAt,
      organisationSlug: organisations.slug,
      managerName: manager.name,
      scopedUser: sql<string>`current_setting('casebridge.user_id', true)`,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    // A user id never equals an organisation's: the join finds nothing.
    .leftJoin(manager, eq(manager.id, users.organisationId))
    .where(eq(users.id, p.userId)),
);

const selectUsersOfOrganisation = prebuiltByShape(
  (shape: { onlyActive: boolean }) => String(shape.onlyActive),
  (db, p: Placeholders<{ organisationId: string }>, shape: { onlyActive: boolean }) =>
    db
      .select({ id: users.id })
      .from(users)
      .where(shape.onlyActive ? sql`${users.organisationId} = ${p.organisationId} and ${users.isActive}` : eq(users.organisationId, p.organisationId)),
);

const selectUsersAmong = prebuilt((db, p: Placeholders<{ userIds: string }>) =>
  db.select({ id: users.id }).from(users).where(sql`${users.id} = any(${p.userIds}::uuid[])`),
);

const selectTexts = prebuilt((db, p: Placeholders<{ texts: string; userId: string }>) =>
  db.select({ texts: sql<string[]>`${p.texts}::text[]` }).from(users).where(eq(users.id, p.userId)),
);

let first: Actor;
let second: Actor;
let secondOrganisationId: string;

beforeAll(async () => {
  first = await actorFor(await createUser({ role: 'admin' }));
  secondOrganisationId = (await createOrganisation({ kind: 'platform' })).id;
  second = await actorFor(await createUser({ role: 'admin', organisationId: secondOrganisationId }));
  await createUser({ role: 'admin', organisationId: secondOrganisationId, isActive: false });
});

describe('a statement built once', () => {
  it('runs in each caller\'s own transaction with that call\'s values', async () => {
    const [firstRow] = await withActorScope(first, (tx) => selectUser(tx, { userId: first.userId }));
    const [secondRow] = await withActorScope(second, (tx) => selectUser(tx, { userId: second.userId }));
    expect(firstRow).toMatchObject({ name: first.name, managerName: null, scopedUser: first.userId });
    expect(secondRow).toMatchObject({ name: second.name, managerName: null, scopedUser: second.userId });
    expect(firstRow?.organisationCreatedAt).toBeInstanceOf(Date);
    expect(firstRow?.organisationSlug).not.toEqual(secondRow?.organisationSlug);
  });

  it('keeps one statement per shape', async () => {
    const all = await withActorScope(second, (tx) => selectUsersOfOrganisation(tx, { onlyActive: false }, { organisationId: secondOrganisationId }));
    const active = await withActorScope(second, (tx) => selectUsersOfOrganisation(tx, { onlyActive: true }, { organisationId: secondOrganisationId }));
    const allAgain = await withActorScope(first, (tx) => selectUsersOfOrganisation(tx, { onlyActive: false }, { organisationId: secondOrganisationId }));
    expect(all).toHaveLength(2);
    expect(active.map((row) => row.id)).toEqual([second.userId]);
    expect(allAgain).toHaveLength(2);
  });

  it('takes a list of any length as one array placeholder, and text with quotes and backslashes as it is', async () => {
    const among = (userIds: string[]) => withActorScope(first, (tx) => selectUsersAmong(tx, { userIds: arrayParameter(userIds) }));
    await expect(among([])).resolves.toEqual([]);
    await expect(among([first.userId])).resolves.toEqual([{ id: first.userId }]);
    const both = await among([first.userId, second.userId, first.userId]);
    expect(both.map((row) => row.id).sort()).toEqual([first.userId, second.userId].sort());
    const awkward = ['a "quoted", {braced} text', 'back\\slash', ''];
    const [row] = await withActorScope(first, (tx) => selectTexts(tx, { texts: arrayParameter(awkward), userId: first.userId }));
    expect(row?.texts).toEqual(awkward);
  });
});
