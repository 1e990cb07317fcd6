import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const KYSELY = { name: 'kysely', message: 'SQL lives in repositories (modules/<domain>/<domain>.repository.ts) and db/ only.' };
// From inside modules/<a>/: '../<b>/anything-but-index.js' is another module's private file.
const OTHER_MODULE_INTERNALS = {
  regex: '^\\.\\./[^./][^/]*/(?!index\\.js$)[^/]+$',
  message: "Use the other module's public face (../<module>/index.js); its repositories and internals are its own.",
};
// From outside the modules: 'modules/<b>/anything-but-index.js'.
const MODULE_INTERNALS = {
  regex: '(^|/)modules/[^/]+/(?!index\\.js$)[^/]+$',
  message: "Use the module's public face (modules/<module>/index.js).",
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'scratch/**', 'test-results/**', 'playwright-report/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // Module edges (docs/architecture.md): a server module is used through its index.ts, its public
  // face; its repositories and other files are its own. SQL (kysely) only in repositories and db/.
  {
    files: ['packages/server/src/modules/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.repository.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [KYSELY], patterns: [OTHER_MODULE_INTERNALS] }] },
  },
  {
    files: ['packages/server/src/modules/**/*.repository.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [OTHER_MODULE_INTERNALS] }] },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/modules/**', 'packages/server/src/db/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [KYSELY], patterns: [MODULE_INTERNALS] }] },
  },
  {
    // Benchmarks and reliability suites use the server through its testing entry, never its folders.
    files: ['bench/**/*.ts', 'reliability/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: 'packages/server/(?!src/testing\\.js$)', message: "Use packages/server/src/testing.js, the server's entry for tools outside it." },
          ],
        },
      ],
    },
  },
  {
    // Migrations see the database as it was when they were written, not as the app's types say.
    files: ['packages/server/src/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
