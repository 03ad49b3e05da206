import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NO_ELECTRON = { name: 'electron', message: 'electron/core, electron/server and shared/ run in plain Node; put Electron adapters in electron/main.' };
const NO_REQUIRE_ELECTRON = { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: 'No electron in core.' };

/** Where git is run and parsed: nowhere else. */
const GIT_OWNER = ['electron/core/git/**/*.ts'];
/** Test set-ups may script git directly to build the repositories they test against. */
const GIT_SCRIPTS = ['electron/**/*.test.ts', 'electron/core/testing/**/*.ts', 'electron/core/**/testing/**/*.ts'];
const GIT_RUNNER_IS_PRIVATE = {
  group: ['**/git/execGit', '**/git/execGit.ts'],
  message: 'Only electron/core/git/ runs git: call its command modules (status, worktreeList, revParse, log, …) instead.',
};
/** The plan grammar's owner: only electron/core/plans/ reads or edits markdown; workflows call its API. */
const PLAN_OWNER = ['electron/core/plans/**/*.ts'];
const PLAN_GRAMMAR_IS_PRIVATE = {
  group: ['**/plans/planIndex', '**/plans/markdown', '**/plans/tableEdit', '**/plans/sectionEdit', '**/plans/lines', '**/plans/tableColumns', '**/plans/mergeOrderNotation', '**/plans/issueRefs', 'mdast-util-*', 'micromark*'],
  message: 'Only electron/core/plans/ reads and writes the plan grammar: call parsePlan / planSessions / planWriter / dispatchTableEdit instead.',
};
// A git process started by hand (spawn/execFile('git', …)) bypasses the git owner, its limit and its parsers.
const NO_GIT_PROCESS = [
  {
    selector: "CallExpression[callee.name=/^(spawn|spawnSync|execFile|execFileSync|exec|execSync|fork)$/][arguments.0.value=/^git(\\s|$)/]",
    message: 'Only electron/core/git/ runs git: call its command modules instead.',
  },
  {
    selector: "CallExpression[callee.property.name=/^(spawn|spawnSync|execFile|execFileSync|exec|execSync)$/][arguments.0.value=/^git(\\s|$)/]",
    message: 'Only electron/core/git/ runs git: call its command modules instead.',
  },
];

export default tseslint.config(
  { ignores: ['.tsbuild/**', 'out/**', 'dist/**', 'node_modules/**', 'e2e/artifacts/**', 'test-results/**', 'bench/results/**', 'scripts/*.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // no-restricted-imports / no-restricted-syntax: a later config object's options REPLACE an earlier
  // one's for the same file, so every object below states the whole list that applies to its files.
  {
    // The engine must run in plain Node: importing electron here would try to download it. Git is
    // run and parsed only by electron/core/git/ (one module per command, one runner, one limit).
    files: ['electron/core/**/*.ts', 'electron/server/**/*.ts', 'shared/**/*.ts'],
    ignores: [...GIT_OWNER, ...GIT_SCRIPTS, ...PLAN_OWNER],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON], patterns: [GIT_RUNNER_IS_PRIVATE, PLAN_GRAMMAR_IS_PRIVATE] }],
      'no-restricted-syntax': ['error', NO_REQUIRE_ELECTRON, ...NO_GIT_PROCESS],
    },
  },
  {
    // The plan grammar's owner may use markdown; it still runs no git of its own.
    files: PLAN_OWNER,
    ignores: GIT_SCRIPTS,
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON], patterns: [GIT_RUNNER_IS_PRIVATE] }],
      'no-restricted-syntax': ['error', NO_REQUIRE_ELECTRON, ...NO_GIT_PROCESS],
    },
  },
  {
    // The git owner itself, and test set-ups that script git to build fixture repositories.
    files: [...GIT_OWNER, ...GIT_SCRIPTS],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }],
      'no-restricted-syntax': ['error', NO_REQUIRE_ELECTRON],
    },
  },
  {
    // Electron adapters and the UI may use electron and child_process (platform actions), never git.
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [GIT_RUNNER_IS_PRIVATE, PLAN_GRAMMAR_IS_PRIVATE] }],
      'no-restricted-syntax': ['error', ...NO_GIT_PROCESS],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
