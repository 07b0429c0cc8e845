// One lint policy for every project: typescript-eslint's recommended rules plus Nx module
// boundaries (apps never import apps; libs never import apps; see STYLE tags in package.json).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.local/**', '**/generated/**/*.js', '**/jest.config.js', 'jest.preset.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { '@nx': nx },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:contract'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contract'] },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'], bannedExternalImports: ['knex', 'pg', 'kafkajs', '@nestjs/*'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:platform', 'type:contract'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:platform', 'type:contract'] },
          ],
        },
      ],
    },
  },
  {
    // Only libs/events may talk to Kafka, so the client can be swapped in one place.
    files: ['apps/**/*.ts', 'libs/service-kit/**/*.ts', 'libs/schemas/**/*.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'kafkajs', message: 'Only libs/events may import kafkajs.' }] }],
    },
  },
  {
    // Domain code is pure TypeScript.
    files: ['apps/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'knex', 'pg', 'kafkajs', '@backbone/events'] }],
    },
  },
);
