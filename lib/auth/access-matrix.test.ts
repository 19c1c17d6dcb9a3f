import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessMatrix, actionEntries, entryKey, pageEntries, rolesAllowed, routeEntries, type HttpMethod } from './access-matrix';
import { permissionRoles } from './permissions';

const root = process.cwd();
const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    // `.well-known` is a URL of its own (RFC 8615); other dot folders are tools' and never routes.
    const isHidden = entry.name.startsWith('.') && entry.name !== '.well-known';
    if (entry.isDirectory()) return entry.name === 'node_modules' || isHidden ? [] : walk(relative);
    return [relative];
  });
}

/** `app/police/cases/(list)/page.tsx` → `/police/cases`: route groups and private folders are not in the URL. */
function urlPathOf(file: string): string {
  const segments = path.posix.dirname(file).split('/').slice(1).filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join('/')}`;
}

const sourceFiles = [...walk('app'), ...walk('lib'), ...walk('components')].filter((file) => /\.(ts|tsx|js|jsx|mjs)$/.test(file));
const appFiles = sourceFiles.filter((file) => file.startsWith('app/'));
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** A module whose first statement is the 'use server' directive: every export is a callable server action. */
function isServerActionModule(source: string): boolean {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return /^\s*['"]use server['"]/.test(withoutComments);
}

/** The names a module exports (functions, consts, and `export { a as b }` lists). */
function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm)) names.add(match[1]!);
  for (const match of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of match[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  if (/^export\s+default\b/m.test(source)) names.add('default');
  if (/^export\s+\*/m.test(source)) names.add('*');
  return [...names];
}

describe('access matrix', () => {
  it('lists every page of app/, and only those', () => {
    const pageFiles = appFiles.filter((file) => /\/page\.(tsx|ts|jsx|js)$/.test(file)).sort();
    const listed = pageEntries.map((entry) => entry.file).sort();
    expect(listed, 'pages in lib/auth/access-matrix.ts vs app/**/page.tsx').toEqual(pageFiles);
    for (const entry of pageEntries) expect(entry.path, `URL of ${entry.file}`).toBe(urlPathOf(entry.file));
  });

  it('lists every route handler of app/ with exactly the methods it exports', () => {
    const routeFiles = appFiles.filter((file) => /\/route\.(ts|tsx|js)$/.test(file)).sort();
    expect(routeEntries.map((entry) => entry.file).sort(), 'routes in lib/auth/access-matrix.ts vs app/**/route.ts').toEqual(routeFiles);
    for (const entry of routeEntries) {
      expect(entry.path, `URL of ${entry.file}`).toBe(urlPathOf(entry.file));
      const exported = exportedNames(read(entry.file)).filter((name): name is HttpMethod => (httpMethods as readonly string[]).includes(name));
      expect([...exported].sort(), `methods of ${entry.file}`).toEqual([...entry.methods].sort());
    }
  });

  it('lists every export of every server action module, and only those', () => {
    const actionModules = sourceFiles.filter((file) => isServerActionModule(read(file)));
    const exported = actionModules.flatMap((file) => exportedNames(read(file)).map((name) => `${file}#${name}`)).sort();
    const listed = actionEntries.map((entry) => `${entry.file}#${entry.name}`).sort();
    expect(listed, "server actions in lib/auth/access-matrix.ts vs exports of 'use server' modules").toEqual(exported);
  });

  it("has no inline 'use server' functions (they would be actions the matrix can't list)", () => {
    const inline = sourceFiles.filter((file) => {
      const source = read(file);
      return !isServerActionModule(source) && /^\s*['"]use server['"];?\s*$/m.test(source);
    });
    expect(inline, "move these server actions into an actions.ts module with a top-level 'use server'").toEqual([]);
  });

  it('has one entry per page, route and action', () => {
    const keys = accessMatrix.map(entryKey);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it('names only permissions that exist, and every non-public entry allows at least one role', () => {
    for (const entry of accessMatrix) {
      if (entry.access.kind !== 'permission') continue;
      for (const name of entry.access.anyOf) expect(Object.keys(permissionRoles), entryKey(entry)).toContain(name);
      expect(rolesAllowed(entry.access).length, entryKey(entry)).toBeGreaterThan(0);
    }
  });

  it('checks in the page or action source the permission the matrix names', () => {
    // The matrix is a description the tests drive; this keeps it honest about the guard each page calls.
    for (const entry of pageEntries) {
      if (entry.access.kind !== 'permission') continue;
      const source = read(entry.file);
      const guard = source.match(/requireAccess\('([^']+)'/)?.[1];
      if (guard) expect(entry.access.anyOf, `${entry.file} calls requireAccess('${guard}')`).toContain(guard);
    }
  });
});
