import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const unsafeSql = { property: 'unsafe', message: 'Runs a string as SQL: use drizzle and the sql`` template.' };
const processEnv = { object: 'process', property: 'env', message: 'Read configuration through env() from lib/env.ts, which validates it.' };

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { dropped, ...kept } = row` is how a field is left out of a view.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true }],
      // SQL built from strings defeats parameterisation; every query goes through drizzle's sql`` tag.
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='sql'][property.name='raw']",
          message: 'sql.raw is banned: use the sql`` template so values stay parameters.',
        },
        // The same ban, not evaded by another spelling: sql['raw'], const { raw } = sql, or renaming the import.
        {
          selector: "MemberExpression[object.name='sql'][property.value='raw']",
          message: 'sql.raw is banned: use the sql`` template so values stay parameters.',
        },
        {
          selector: "VariableDeclarator[init.name='sql'] > ObjectPattern > Property[key.name='raw']",
          message: 'sql.raw is banned: use the sql`` template so values stay parameters.',
        },
        {
          selector: "ImportSpecifier[imported.name='sql'][local.name!='sql']",
          message: "Import drizzle's sql under its own name, so the sql.raw ban applies.",
        },
      ],
    },
  },
  {
    // postgres.js's unsafe() runs a string as SQL. The app never needs it; test set-up and scripts that create
    // databases by generated name are outside these folders.
    // Configuration is parsed and validated once, in lib/env.ts; a direct process.env read would skip that.
    files: ['app/**', 'components/**', 'db/**', 'lib/**', 'proxy.ts'],
    ignores: ['lib/testing/**', 'lib/env.ts'],
    rules: {
      'no-restricted-properties': ['error', unsafeSql, processEnv],
    },
  },
  {
    files: ['lib/env.ts'],
    rules: { 'no-restricted-properties': ['error', unsafeSql] },
  },
  {
    // The demo-data generators import the domain, never the other way round: the app bundle stays free of them.
    // Tests may use the demo seed as a fixture.
    files: ['app/**', 'components/**', 'db/**', 'lib/**', 'proxy.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/demo-data/*', '**/demo-data/*'], message: 'demo-data/ is run by scripts, never imported by the app.' }] }],
    },
  },
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bench/*.local.*'] },
];

export default config;
