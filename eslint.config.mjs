// @ts-check
// ESLint flat config: eslint:recommended + typescript-eslint's recommendedTypeChecked for the
// TypeScript (lib/, __tests__/), eslint:recommended + the syntax-only typescript-eslint rules for
// the JavaScript (bench/, scripts/, bin/, examples/, the CommonJS children of __tests__/native/,
// the root config files). Formatting is Prettier's job: eslint-config-prettier comes last and
// switches off every rule that could fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'build/',
    'build-asan/',
    'coverage/',
    'prebuilds/',
    'docs/',
    '__tests__/fixtures/',
    'native/', // C++ (clang-format); nothing for ESLint in there
  ]),
  {
    linterOptions: {
      // A stale `eslint-disable` comment is an error: the ones in lib/ must stay justified.
      reportUnusedDisableDirectives: 'error',
      reportUnusedInlineConfigs: 'error',
    },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,

  // TypeScript: type information from tsconfig.eslint.json (tsconfig.json + __tests__/, no emit).
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Async correctness beyond the recommended set (no-floating-promises, no-misused-promises,
      // await-thenable, require-await are already in it): keep `return await` inside try/catch so the
      // catch/finally sees the rejection.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      // Flags calls of APIs marked @deprecated (Node's, ours).
      '@typescript-eslint/no-deprecated': 'error',
    },
  },

  // Tests read JSON fixtures and reports (JSON.parse gives `any`) and compare them with expect();
  // typing every fixture buys nothing, so the `any`-propagation rules stay on for lib/ only.
  {
    files: ['__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // JavaScript: no type information, Node globals.
  {
    files: ['**/*.{js,cjs,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
    rules: {
      'no-var': 'error',
      'no-throw-literal': 'error', // TS has @typescript-eslint/only-throw-error (type-aware)
    },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    // Plain CommonJS scripts (bench/, scripts/, bin/, jest configs): require() is how they import.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Everywhere.
  {
    rules: {
      eqeqeq: 'error',
      // `let [digits, carry] = ...` where only one is reassigned stays a `let`.
      'prefer-const': ['error', { destructuring: 'all' }],
      'no-template-curly-in-string': 'error',
      'no-self-compare': 'error',
      'array-callback-return': 'error',
      radix: 'error',
      'no-eval': 'error',
    },
  },

  prettier,
);
