import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const allow = (...tags) => tags.map((tag) => `type:${tag}`);

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '**/.nx/**', 'scripts/**/*.js', 'jest.config.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // An app is a leaf: nothing imports it, and it never imports another app.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: allow('contracts', 'domain', 'adapter') },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: allow('contracts', 'domain', 'adapter') },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: allow('domain') },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: allow('contracts') },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: allow('contracts', 'domain', 'adapter') },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: allow('testing', 'tool', 'contracts', 'domain', 'adapter') },
            // Tools run the system from outside (the chaos run): the testing library's helpers, never an app.
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: allow('testing', 'contracts', 'domain', 'adapter') },
          ],
        },
      ],
    },
  },
  {
    // Tests, and the fixtures only tests import, may use the testing library's helpers.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.fixture.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: '*', onlyDependOnLibsWithTags: allow('contracts', 'domain', 'adapter', 'testing', 'tool') },
          ],
        },
      ],
    },
  },
];
