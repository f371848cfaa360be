// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'fixtures/'] },
  eslint.configs.recommended,
  tseslint.configs.strict,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // With noUncheckedIndexedAccess every index is typed as possibly missing; `!` marks the ones the code has
      // just made sure of (a match group that matched, an index below the length), which the checker cannot follow.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `const { dropped: _, ...kept } = value` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests walk JSON whose shape belongs to others (SARIF logs, GitHub's OpenAPI description, request bodies,
    // PostgreSQL parse trees) and check it field by field; typing it all would only restate the checks.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Formatting is Prettier's (npm run format:check): no lint rule argues with it.
  prettier,
);
