import type { ESLint, Linter } from 'eslint';
import { configs } from '../index.js';
import { EVERY_FILE_IS_PRODUCT, NEVER_LINTED, skippedRoleGlobs } from '../project/file-roles.js';
import { ignoreFileGlobs } from '../project/ignore-file.js';
import { jsFileParser } from './js-file-parser.js';
import { COMPONENT_FILES, componentScripts } from './component-scripts.js';

export type Preset = keyof typeof configs;

export interface LintSetup {
  /** The folder being linted: ESLint's cwd, which the ignore globs are relative to. */
  cwd: string;
  preset: Preset;
  useEslintConfig: boolean;
  concurrency: number | 'auto' | 'off';
  /** Lint examples, templates, scripts, tooling, benchmarks, generated code and tests too (`--all-files`). */
  allFiles: boolean;
  /** `--ignore-pattern` globs, relative to `cwd`. */
  ignorePatterns: string[];
  /**
   * The project's config makes files product code by `settings.resilint.files.roles` (cli/project-roles.ts): the path
   * roles are not ignores then, and the run chooses the linted files itself, with each file's roles.
   */
  rolesFromProject?: boolean;
}

/**
 * The files a run skips: never dependencies, build output or declarations, nor what the project's `.eslintignore`
 * lists (with the project's own config, that config decides); by default also every file that is not product code by
 * its path (project/file-roles.ts, the same definition the editor uses).
 */
export function ignoredFiles(setup: Pick<LintSetup, 'cwd' | 'useEslintConfig' | 'allFiles' | 'ignorePatterns' | 'rolesFromProject'>): string[] {
  return [
    ...NEVER_LINTED,
    ...(setup.useEslintConfig ? [] : ignoreFileGlobs(setup.cwd)),
    ...(setup.allFiles || setup.rolesFromProject ? [] : skippedRoleGlobs()),
    ...setup.ignorePatterns,
  ];
}

const LINTED_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** A Resilint run fails on Resilint's findings: the project's other rules are not run at all. */
const onlyResilintRules = ({ ruleId }: { ruleId: string }): boolean => ruleId.startsWith('resilint/');

/**
 * ESLint options for one CLI run. Without the project's own config, Resilint's preset is the whole config
 * (`overrideConfigFile: true`); with it, the project's eslint.config.* decides and only the ignores are added.
 * Either way only Resilint's rules run, and the project's disable comments for other rules are not reported.
 */
export function eslintOptions(setup: LintSetup): ESLint.Options {
  const ignores = { name: 'resilint/cli-ignores', ignores: ignoredFiles(setup) };
  // The project's own disable comments are for its own rules, not for this run.
  const linterOptions = { name: 'resilint/cli-linter-options', linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } } as const;
  const common = { cwd: setup.cwd, concurrency: setup.concurrency, ruleFilter: onlyResilintRules };
  // With --all-files the rules also lint what the code says is a test, a script or generated.
  const everyFile = setup.allFiles ? [{ name: 'resilint/cli-all-files', settings: { resilint: { files: { roles: EVERY_FILE_IS_PRODUCT } } } }] : [];
  if (setup.useEslintConfig) {
    return { ...common, overrideConfig: [linterOptions, ignores, ...everyFile] };
  }
  return {
    ...common,
    overrideConfigFile: true,
    overrideConfig: [
      { name: 'resilint/cli-files', files: [...LINTED_FILES, ...COMPONENT_FILES] },
      { name: 'resilint/cli-components', files: COMPONENT_FILES, processor: componentScripts },
      linterOptions,
      // React code is often written in .js files; JSX cannot be mistaken for plain JavaScript, so it costs nothing to accept
      { name: 'resilint/cli-jsx', files: ['**/*.jsx', '**/*.js'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
      // A .js file Node runs as CommonJS may `return` at its top level; one written in TypeScript is read as such, and
      // what a Babel-compiled front end writes that the standard does not is read past (js-file-parser.ts)
      { name: 'resilint/cli-js-files', files: ['**/*.js', '**/*.jsx'], languageOptions: { parser: jsFileParser } },
      ...(configs[setup.preset] as unknown as Linter.Config[]),
      ...everyFile,
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
    allFiles: query.get('allFiles') === 'true',
    ignorePatterns: query.getAll('ignorePattern'),
    rolesFromProject: query.get('rolesFromProject') === 'true',
  };
}

export function setupToUrl(moduleUrl: URL, setup: LintSetup): URL {
  const url = new URL(moduleUrl);
  const query = new URLSearchParams({
    cwd: setup.cwd,
    preset: setup.preset,
    useEslintConfig: String(setup.useEslintConfig),
    concurrency: String(setup.concurrency),
    allFiles: String(setup.allFiles),
    rolesFromProject: String(setup.rolesFromProject === true),
  });
  for (const pattern of setup.ignorePatterns) query.append('ignorePattern', pattern);
  url.search = query.toString();
  return url;
}
