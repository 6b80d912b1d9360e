// ESLint flat config (ESLint 10): type-aware linting for the whole tree.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['.scratch/', 'dist/', 'node_modules/', 'playwright-report/', 'test-results/', 'coverage/', '.vite/']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,

  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      parserOptions: {
        // Every linted file is in tsconfig.json (src, e2e, scripts, the
        // config files), so the project service finds its types.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // Unused names are errors, except those that start with `_`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `import type` for types only (matches verbatimModuleSyntax).
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      // Exhaustive `switch` over a union must not silently fall through.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },

  // Plain JavaScript (scripts/*.mjs, eslint.config.js): TypeScript checks
  // them through JSDoc (allowJs + checkJs), so `no-undef` adds nothing there.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      'no-undef': 'off',
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },

  // The React application: rules of hooks (and the React Compiler's checks).
  {
    files: ['src/app/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
);
