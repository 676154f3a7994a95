import type { ESLint, Linter } from 'eslint';
import { configs } from '../index.js';

export type Preset = keyof typeof configs;

export interface LintSetup {
  cwd: string;
  preset: Preset;
  useEslintConfig: boolean;
  concurrency: number | 'auto' | 'off';
}

/**
 * Files no one wants linted for resilience: dependencies, build output, coverage, declarations, and tests (a test
 * runner bounds every test and reports its failures, so timeouts and handlers there are noise).
 */
export const DEFAULT_IGNORES = [
  '**/node_modules/', '**/dist/', '**/build/', '**/out/', '**/coverage/', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts',
  '**/*.{test,spec,e2e,e2e-spec}.*', '**/__tests__/', '**/__mocks__/', '**/e2e/', '**/test/', '**/tests/',
];

const LINTED_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/**
 * ESLint options for one CLI run. Without the project's own config, Resilint's preset is the whole config
 * (`overrideConfigFile: true`); with it, the project's eslint.config.* decides and only the ignores are added.
 */
export function eslintOptions(setup: LintSetup): ESLint.Options {
  const ignores = { name: 'resilint/cli-ignores', ignores: DEFAULT_IGNORES };
  if (setup.useEslintConfig) {
    return { cwd: setup.cwd, concurrency: setup.concurrency, overrideConfig: [ignores] };
  }
  return {
    cwd: setup.cwd,
    concurrency: setup.concurrency,
    overrideConfigFile: true,
    overrideConfig: [
      { name: 'resilint/cli-files', files: LINTED_FILES },
      // The project's own disable comments are for its own config, not for this run.
      { name: 'resilint/cli-linter-options', linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } },
      { name: 'resilint/cli-jsx', files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
      ...(configs[setup.preset] as unknown as Linter.Config[]),
      ignores,
    ],
  };
}

/**
 * The same options as an options module, which is how ESLint hands non-cloneable options (our plugin object) to
 * its worker threads: every thread imports this module with the run's settings in the URL's query.
 */
export function setupFromUrl(url: string): LintSetup {
  const query = new URL(url).searchParams;
  const concurrency = query.get('concurrency') ?? 'off';
  return {
    cwd: query.get('cwd') ?? process.cwd(),
    preset: (query.get('preset') ?? 'recommended') as Preset,
    useEslintConfig: query.get('useEslintConfig') === 'true',
    concurrency: concurrency === 'auto' || concurrency === 'off' ? concurrency : Number(concurrency),
  };
}

export function setupToUrl(moduleUrl: URL, setup: LintSetup): URL {
  const url = new URL(moduleUrl);
  url.search = new URLSearchParams({
    cwd: setup.cwd,
    preset: setup.preset,
    useEslintConfig: String(setup.useEslintConfig),
    concurrency: String(setup.concurrency),
  }).toString();
  return url;
}
