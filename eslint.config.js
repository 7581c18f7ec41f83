// ESLint's recommended rules for every JS file of the project, with the
// globals of where each runs. Checked by scripts/lint.sh (part of npm test).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['build/', 'dist/', 'site/', 'node_modules/', 'test-output/', 'tests/runtimes/**/dist/'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // The page, the module's browser entry and pages/workers used by the tests run in browsers.
  {
    files: ['web/**/*.js', 'src/js/**/*.js', 'tests/runtimes/fixtures/**/*.js', 'tests/runtimes/vite-*/**/*.js', 'scripts/bench/page.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  // Node scripts that hand functions to page.evaluate(), which run in the page.
  {
    files: ['tests/browser/**/*.mjs', 'tests/runtimes/*.mjs', 'scripts/page-perf.mjs', 'scripts/bench-browser.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  { files: ['web/sw.js'], languageOptions: { globals: globals.serviceworker } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
];
