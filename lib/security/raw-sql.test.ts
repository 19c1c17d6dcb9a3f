import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * SQL is only ever built with drizzle's query builder and its sql`` template, which sends every value as a
 * parameter. These tests keep it that way: the lint rules in eslint.config.mjs refuse every spelling of
 * sql.raw and postgres.js's unsafe(), and no application source uses either.
 */
describe('raw SQL', () => {
  it('is refused by the lint rules in every spelling', async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const probe = [
      "import { sql } from 'drizzle-orm';",
      'export const viaRaw = (input: string) => sql.raw(input);',
      "export const viaIndex = (input: string) => sql['raw'](input);",
      'const { raw } = sql;',
      'export const viaDestructuring = raw;',
      'export const viaUnsafe = (client: { unsafe(query: string): void }, input: string) => client.unsafe(`select ${input}`);',
    ].join('\n');
    const [result] = await eslint.lintText(probe, { filePath: path.join(process.cwd(), 'lib/cases/probe.ts') });
    const lines = (result?.messages ?? []).filter((message) => message.severity === 2 && /restricted/.test(message.ruleId ?? '')).map((message) => message.line);
    expect(lines.sort()).toEqual([2, 3, 4, 6]);

    const [renamed] = await eslint.lintText("import { sql as q } from 'drizzle-orm';\nexport const viaAlias = (input: string) => q.raw(input);", {
      filePath: path.join(process.cwd(), 'app/probe.ts'),
    });
    expect(renamed?.messages.some((message) => message.ruleId === 'no-restricted-syntax' && message.line === 1)).toBe(true);
  }, 60_000);

  it('appears nowhere in the application source', () => {
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return ['migrations', 'testing', 'node_modules'].includes(entry.name) ? [] : walk(full);
        return /\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
      });
    const offenders = ['app', 'components', 'db', 'lib']
      .flatMap((dir) => walk(path.join(process.cwd(), dir)))
      .filter((file) => /\bsql\s*(\.\s*raw|\[\s*['"]raw['"]\s*\])|\.unsafe\s*\(/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(process.cwd(), file));
    expect(offenders).toEqual([]);
  });
});
