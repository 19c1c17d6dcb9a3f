import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { openPglite, openPostgres, pgliteClientOf } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { env } from '@/lib/env';
import { maintenanceUrl, pgliteTemplatePath, serverTemplateName } from './test-database';

/** Migrates one template database per run; every test file then starts from a fresh copy of it. */
export default async function setup(): Promise<() => Promise<void>> {
  const serverUrl = env().DATABASE_URL;
  if (serverUrl) {
    const admin = postgres(maintenanceUrl(serverUrl), { max: 1, onnotice: () => {} });
    const template = serverTemplateName(serverUrl);
    await admin.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    const templateUrl = new URL(serverUrl);
    templateUrl.pathname = `/${template}`;
    const handle = openPostgres(templateUrl.toString(), { max: 1 });
    await applyMigrations(handle);
    await handle.close();
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${template.replace(/_tpl$/, '')}_t_%`} or datname = ${template}`;
      for (const { datname } of leftovers) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const templatePath = pgliteTemplatePath();
  // Passed to the test workers, which vitest starts with this process's environment.
  process.env.CASEBRIDGE_TEST_TEMPLATE = templatePath;
  const handle = openPglite();
  await applyMigrations(handle);
  const dump = await pgliteClientOf(handle).dumpDataDir('none');
  fs.mkdirSync(path.dirname(templatePath), { recursive: true });
  fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  return async () => fs.rmSync(templatePath, { force: true });
}
