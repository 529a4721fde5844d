import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdktf.out/',
      'dist/',
      'lib/',
      '.cache/',
      'coverage/',
      'reports/',
      'plans/',
      '.stryker-tmp/',
      'bench/out/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The provider packages' root index loads ~1,300 namespaces (seconds and ~540 MB per
      // process). Import each resource from its own module path instead.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message: "Import by deep path: '@cdktf/provider-aws/lib/<resource>'.",
            },
            {
              name: '@cdktf/provider-random',
              message: "Import by deep path: '@cdktf/provider-random/lib/<resource>'.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
