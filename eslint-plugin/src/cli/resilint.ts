import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import { NO_FILE_SETTINGS, whyNotLinted } from '../project/file-roles.js';
import { rules } from '../rules/index.js';
import { setupToUrl, type LintSetup, type Preset } from './eslint-options.js';
import { fixFiles, suggestionKinds, type FixRequest } from './fix-command.js';
import { onlyLintedFiles, projectPromotesFiles, withoutPackageSkipped } from './project-roles.js';
import { resultCounts } from './result-counts.js';
import { DEFAULT_SUPPRESSIONS_FILE, withSuppressions, type SuppressionRequest } from './suppressions.js';
import { liftBlanketLineDisables } from './blanket-line-disables.js';
import { givenFolders, skippedByPath, skippedSummary } from './skipped-files.js';
import { lintPastEslintEnvComments } from './eslint-env-comments.js';

const HELP = `Usage: resilint [options] [paths...]
       resilint fix --rule <rule> [--suggestion <kind>] [--dry-run] [options] [paths...]

Finds resilience gaps (calls with no timeout, failures that escape, retries without backoff, ...)
in JavaScript and TypeScript files. Paths default to the current directory.

Options:
  --format <stylish|json|sarif>   output format (default: stylish); sarif is SARIF 2.1.0 for code scanning
  --preset <recommended|strict|all>
                                  which Resilint rules to run (default: recommended)
  --use-eslint-config             lint with the project's own eslint.config.* instead of a preset
                                  (only Resilint's rules run; other plugins' rules and comments are ignored)
  --all-files                     also lint tests, examples, templates, scripts, tooling, benchmarks and
                                  generated code
  --ignore-pattern <glob>         skip these files too (relative to the working directory; repeatable)
  --concurrency <n|auto|off>      lint in n worker threads (ESLint's multithreaded linting; default: off)
  -h, --help                      show this help
  -v, --version                   show the version

Adopting Resilint in an existing code base (ESLint's bulk suppressions, same file and format):
  --suppress-all                  record every finding of today in eslint-suppressions.json; later runs
                                  fail only on new ones
  --suppress-rule <rule>          the same for one rule's findings (repeatable)
  --prune-suppressions            drop the entries of findings that are gone
  --suppressions-location <file>  the suppressions file (default: eslint-suppressions.json in the
                                  working directory)
  --pass-on-unpruned-suppressions do not fail when entries are left for findings that are gone

Applying one kind of fix everywhere (resilint fix):
  --rule <rule>                   the rule whose findings to fix, e.g. require-timeout
  --suggestion <kind>             which of its suggestions, e.g. native-timeout or wrap-in-timeout
                                  (default: the first each finding offers, the most local one)
  --dry-run                       print the changes as a diff instead of writing them
  Findings are fixed one at a time, re-linting after each; an edit that does not resolve its finding
  is not made, and the findings left are listed. Exit code 1 when any is left.

Exit codes: 0 no errors, 1 errors found (or left by fix), 2 bad usage or configuration. A file that
does not parse is listed as a warning (File not linted) and fails the run only with --use-eslint-config.

Lints .js, .jsx, .mjs, .cjs, .ts, .tsx, .mts and .cts files, and the <script> blocks of .vue and
.svelte components. Never lints node_modules, build output (dist, build, out, .next, ...), coverage
or .d.ts files. Unless --all-files is given, lints product code only, skipping:
  tests       *.test.*, *.spec.*, *_test.*, test/, tests/, __tests__/, __e2etests__/, __mocks__/, e2e/,
              __e2e__/, *-e2e-*/, *-tests/, testing/, test-harness/, test-utils/, cypress/, playwright/, testcafe/, and test suites
              by their code (describe('...', it('...', test('...'), and modules only tests import
  examples    examples/, example/, samples/, sample/, *-examples/
  templates   what a tool copies into its users' projects: *-templates/, *-template-dir/, templates/ and
              template/ at the root or in packages/*/, folders with index.js.ejs or package.json.ejs,
              JavaScript a TypeScript package leaves out of its rootDir
  scripts     scripts/, .scripts/, script/ outside src/, migrations/, seeds/, seeders/, seed.*, seed-*.*,
              and folders of files that the package's npm scripts run
  tooling     tools/, tooling/, .github/, .husky/, .storybook/, *.config.*, gulpfile.*, ...
  benchmarks  benchmarks/, benchmark/, bench/, load-testing/, *.bench.*
  generated   generated/, __generated__/, *.gen.*, *.generated.*, *_pb.*, *.min.js, minified code,
              and files whose header says @generated or DO NOT EDIT
Folders are matched below the paths given: 'resilint scripts' lints the scripts.
`;

const FORMATS = ['stylish', 'json', 'sarif'] as const;
const PRESETS = ['recommended', 'strict', 'all'] as const;
type Format = (typeof FORMATS)[number];

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

class UsageError extends Error {}

interface Invocation {
  format: Format;
  setup: LintSetup;
  patterns: string[];
  suppressions: SuppressionRequest;
  /** `resilint fix ...` */
  fix: FixRequest | undefined;
}

function parseInvocation(argv: string[], cwd: string): Invocation | 'help' | 'version' {
  const fixing = argv[0] === 'fix';
  let parsed;
  try {
    parsed = parseArgs({
      args: fixing ? argv.slice(1) : argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        preset: { type: 'string', default: 'recommended' },
        'use-eslint-config': { type: 'boolean', default: false },
        'all-files': { type: 'boolean', default: false },
        'ignore-pattern': { type: 'string', multiple: true, default: [] },
        concurrency: { type: 'string', default: 'off' },
        'suppress-all': { type: 'boolean', default: false },
        'suppress-rule': { type: 'string', multiple: true, default: [] },
        'prune-suppressions': { type: 'boolean', default: false },
        'suppressions-location': { type: 'string' },
        'pass-on-unpruned-suppressions': { type: 'boolean', default: false },
        rule: { type: 'string' },
        suggestion: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  if (!(FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`Unknown format '${values.format}'. Use one of: ${FORMATS.join(', ')}.`);
  }
  if (!(PRESETS as readonly string[]).includes(values.preset)) {
    throw new UsageError(`Unknown preset '${values.preset}'. Use one of: ${PRESETS.join(', ')}.`);
  }
  if (values['use-eslint-config'] && values.preset !== 'recommended') {
    throw new UsageError('--preset and --use-eslint-config exclude each other: the project config decides which rules run.');
  }
  const ignorePatterns = values['ignore-pattern'];
  const emptyPattern = ignorePatterns.find((pattern) => pattern.trim() === '');
  if (emptyPattern !== undefined) throw new UsageError("--ignore-pattern needs a glob such as 'src/legacy/**'.");
  const requested = positionals.length > 0 ? positionals : ['.'];
  const folder = lintedFolder(cwd, requested, values['use-eslint-config']);
  return {
    format: values.format as Format,
    setup: {
      cwd: folder,
      preset: values.preset as Preset,
      useEslintConfig: values['use-eslint-config'],
      concurrency: parseConcurrency(values.concurrency),
      allFiles: values['all-files'],
      ignorePatterns: ignorePatterns.flatMap((pattern) => fromFolder(pattern, cwd, folder)),
    },
    patterns: requested.map((pattern) => relative(folder, resolve(cwd, pattern)) || '.'),
    suppressions: suppressionRequest(values),
    fix: fixRequest(fixing, values),
  };
}

/** `resilint fix`'s options, checked against the rule's own suggestions. */
function fixRequest(fixing: boolean, values: { rule?: string | undefined; suggestion?: string | undefined; 'dry-run': boolean; 'suppress-all': boolean; 'suppress-rule': string[]; 'prune-suppressions': boolean }): FixRequest | undefined {
  if (!fixing) {
    const stray = values.rule !== undefined ? '--rule' : values.suggestion !== undefined ? '--suggestion' : values['dry-run'] ? '--dry-run' : undefined;
    if (stray) throw new UsageError(`${stray} belongs to the fix command: resilint fix --rule <rule> [--suggestion <kind>] [--dry-run].`);
    return undefined;
  }
  if (values['suppress-all'] || values['suppress-rule'].length > 0 || values['prune-suppressions']) {
    throw new UsageError('resilint fix changes code; record or prune suppressions in a run of its own.');
  }
  if (values.rule === undefined) throw new UsageError(`resilint fix needs --rule <rule>, one of: ${Object.keys(rules).join(', ')}.`);
  const name = values.rule.replace(/^resilint\//, '');
  const rule = (rules as Record<string, { meta: { messages?: Record<string, string> } } | undefined>)[name];
  if (!rule) throw new UsageError(`Unknown rule '${values.rule}' for --rule. Use one of: ${Object.keys(rules).join(', ')}.`);
  const kinds = suggestionKinds(rule.meta.messages);
  if (kinds.length === 0) throw new UsageError(`${name} offers no suggestions to apply.`);
  if (values.suggestion !== undefined && !kinds.includes(values.suggestion)) {
    throw new UsageError(`${name} has no '${values.suggestion}' suggestion. Use one of: ${kinds.join(', ')}.`);
  }
  return { ruleId: `resilint/${name}`, kind: values.suggestion, dryRun: values['dry-run'] };
}

/** The bulk-suppression options, with ESLint's rules for combining them. */
function suppressionRequest(values: {
  'suppress-all': boolean;
  'suppress-rule': string[];
  'prune-suppressions': boolean;
  'suppressions-location'?: string | undefined;
  'pass-on-unpruned-suppressions': boolean;
}): SuppressionRequest {
  const suppressAll = values['suppress-all'];
  const suppressRules = values['suppress-rule'].map((rule) => (rule.startsWith('resilint/') ? rule : `resilint/${rule}`));
  const prune = values['prune-suppressions'];
  if ([suppressAll, suppressRules.length > 0, prune].filter(Boolean).length > 1) {
    throw new UsageError('--suppress-all, --suppress-rule and --prune-suppressions exclude each other: record findings, or prune the file, in one run.');
  }
  const unknown = suppressRules.find((rule) => !(rule.slice('resilint/'.length) in rules));
  if (unknown !== undefined) {
    throw new UsageError(`Unknown rule '${unknown}' for --suppress-rule. Use one of: ${Object.keys(rules).join(', ')}.`);
  }
  const location = values['suppressions-location'];
  if (location !== undefined && location.trim() === '') throw new UsageError('--suppressions-location needs a file path such as eslint-suppressions.json.');
  return {
    location: location ?? DEFAULT_SUPPRESSIONS_FILE,
    locationGiven: location !== undefined,
    suppress: suppressAll ? 'all' : suppressRules.length > 0 ? suppressRules : undefined,
    prune,
    passOnUnpruned: values['pass-on-unpruned-suppressions'],
  };
}

/** What a default run left out by path, said in the summary (not with the project's own config, whose ignores decide). */
function skippedByDefault({ setup, patterns }: Invocation): string | undefined {
  if (setup.allFiles || setup.useEslintConfig || setup.rolesFromProject) return undefined;
  const folders = givenFolders(setup.cwd, patterns);
  const skipped = folders && skippedByPath(setup.cwd, folders, setup.ignorePatterns);
  return skipped && skippedSummary(skipped);
}

/**
 * The folder ESLint runs in: the deepest folder holding every path given, so a path outside the working directory
 * (`resilint ../service`) is linted rather than ignored, and the skipped folders are matched below the paths given
 * (`resilint scripts` lints the scripts). With the project's own config, never below the working directory, where
 * that config's globs start.
 */
function lintedFolder(cwd: string, patterns: readonly string[], useEslintConfig: boolean): string {
  const folders = patterns.map((pattern) => {
    let path = resolve(cwd, globFreePrefix(pattern));
    // a path that does not exist is ESLint's to report ("No files matching ..."), from the nearest folder that does
    while (!existsSync(path) && dirname(path) !== path) path = dirname(path);
    return isDirectory(path) ? path : dirname(path);
  });
  return commonAncestor(useEslintConfig ? [cwd, ...folders] : folders);
}

/**
 * An `--ignore-pattern` as written from the working directory, made relative to the folder ESLint runs in; one
 * that starts with `**` means any depth either way, and one that lies outside the folder skips nothing there.
 */
function fromFolder(pattern: string, cwd: string, folder: string): string[] {
  if (pattern.startsWith('**') || cwd === folder) return [pattern];
  const moved = relative(folder, resolve(cwd, pattern)).split(sep).join('/');
  return moved === '' || moved.startsWith('..') ? [] : [moved];
}

/** `src/**\/*.ts` → `src`: the part of a pattern before its first glob character. */
function globFreePrefix(pattern: string): string {
  const segments = pattern.split(/[\\/]/);
  const firstGlob = segments.findIndex((segment) => /[*?[\]{}!]/.test(segment));
  return firstGlob === -1 ? pattern : segments.slice(0, firstGlob).join('/') || '.';
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function commonAncestor(paths: readonly string[]): string {
  let ancestor = paths[0]!;
  for (const path of paths.slice(1)) {
    while (ancestor !== dirname(ancestor) && path !== ancestor && !path.startsWith(ancestor.endsWith(sep) ? ancestor : `${ancestor}${sep}`)) {
      ancestor = dirname(ancestor);
    }
  }
  return isAbsolute(ancestor) ? ancestor : resolve(ancestor);
}

function parseConcurrency(value: string): LintSetup['concurrency'] {
  if (value === 'auto' || value === 'off') return value;
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  throw new UsageError(`Invalid --concurrency '${value}'. Use a positive whole number of threads, 'auto' or 'off'.`);
}

/** Runs the CLI and returns its exit code; never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  let invocation;
  try {
    invocation = parseInvocation(argv, io.cwd);
  } catch (error) {
    io.stderr(`resilint: ${(error as Error).message}\nRun 'resilint --help' for usage.\n`);
    return 2;
  }
  if (invocation === 'help') {
    io.stdout(HELP);
    return 0;
  }
  const packageJson = createRequire(import.meta.url)('../../package.json') as { version: string };
  if (invocation === 'version') {
    io.stdout(`${packageJson.version}\n`);
    return 0;
  }
  try {
    const { setup } = invocation;
    if (setup.useEslintConfig && !setup.allFiles) setup.rolesFromProject = await projectPromotesFiles(setup.cwd);
    const makeEslint = () => ESLint.fromOptionsModule(setupToUrl(new URL('./options-module.js', import.meta.url), setup));
    const eslint = await (setup.useEslintConfig ? makeEslint() : withoutEslintIgnoreWarning(makeEslint));
    const lintedPastEnv = await lintPastEslintEnvComments(eslint, await eslint.lintFiles(invocation.patterns));
    // with the project's own config, Resilint is one of its linters and the project's comments are meant for it
    const everyLinted = setup.useEslintConfig ? lintedPastEnv : await liftBlanketLineDisables(lintedPastEnv);
    const sources = withoutPackageSkipped(everyLinted, setup.cwd, invocation.patterns, setup.allFiles);
    const linted = setup.rolesFromProject ? await onlyLintedFiles(eslint, sources, setup.cwd, invocation.patterns) : sources;
    if (invocation.fix) {
      const report = await fixFiles(eslint, linted, invocation.fix, io.cwd);
      io.stdout(report.output);
      return report.complete ? 0 : 1;
    }
    const resilintOnly = linted.map((result) => onlyResilintProblems(result, setup));
    const suppression = await withSuppressions(resilintOnly, invocation.suppressions, io.cwd);
    const results = suppression?.results ?? resilintOnly;
    io.stdout(await format(eslint, results, invocation.format));
    if (invocation.format === 'stylish') {
      const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
      const known = suppression?.suppressed
        ? `${suppression.suppressed} known finding${suppression.suppressed === 1 ? '' : 's'} left out, as ${invocation.suppressions.location} records.`
        : undefined;
      if (results.every((result) => result.messages.length === 0)) {
        io.stdout(known ? `No new resilience gaps found in ${files}; ${known}\n` : `No resilience gaps found in ${files}.\n`);
      } else if (known) {
        io.stdout(`${known}\n`);
      }
      const skipped = skippedByDefault(invocation);
      if (skipped) io.stdout(`${skipped}\n`);
    }
    const unusedFiles = Object.keys(suppression?.unused ?? {});
    if (unusedFiles.length > 0 && !invocation.suppressions.passOnUnpruned) {
      io.stderr(
        `resilint: ${invocation.suppressions.location} still records findings that are gone (in ${unusedFiles.slice(0, 3).join(', ')}${unusedFiles.length > 3 ? ', ...' : ''}). ` +
          'Run again with --prune-suppressions to shrink it, or pass --pass-on-unpruned-suppressions to allow it.\n',
      );
      return 2;
    }
    return results.some((result) => result.errorCount > 0) ? 1 : 0;
  } catch (error) {
    // configuration problems: no files matched, a broken eslint.config.* or suppressions file, invalid settings or rule options
    const message = (error as Error).message;
    if (invocation.setup.useEslintConfig && /Could not find config file/.test(message)) {
      io.stderr(`resilint: --use-eslint-config found no eslint.config.* in ${invocation.setup.cwd} or above. Add one, or drop the option to lint with Resilint's recommended config.\n`);
    } else {
      io.stderr(`resilint: ${allIgnoredMessage(message, invocation) ?? message}\n`);
    }
    return 2;
  }
}

/**
 * A Resilint run fails on Resilint's findings only. The project's `eslint-disable` comments name rules of plugins
 * this run does not load or run, which ESLint reports as "Definition for rule ... was not found", and its own config
 * may report problems of its own: keep Resilint's findings and parse errors only.
 *
 * Without the project's config, Resilint chose the parser, so a file it cannot parse is a file it could not lint, not
 * a gap in the code: it is reported as a warning that says so and does not fail the run, as Semgrep and CodeQL report
 * the files they could not read apart from their findings. With the project's config, its parser's error stays one.
 */
function onlyResilintProblems(result: ESLint.LintResult, setup: LintSetup): ESLint.LintResult {
  const messages = result.messages
    .filter((message) => message.fatal || message.ruleId?.startsWith('resilint/') || isIgnoredNotice(message) || isNotLintedNotice(message))
    .map((message) => {
      if (isIgnoredNotice(message)) return { ...message, message: skippedFileNotice(relative(setup.cwd, result.filePath), setup.cwd) };
      if (message.fatal && !setup.useEslintConfig) return notParsedNotice(message);
      return message;
    });
  if (messages.length === result.messages.length && messages.every((message, index) => message === result.messages[index])) return result;
  return { ...result, messages, ...resultCounts(messages) };
}

/** A parse error as a notice like the other "File not linted" ones: a warning, no longer fatal to the run. */
function notParsedNotice({ fatal: _fatal, ...parseError }: ESLint.LintResult['messages'][number]): ESLint.LintResult['messages'][number] {
  const reason = parseError.message.replace(/^Parsing error: /, '');
  return {
    ...parseError,
    severity: 1,
    message:
      `File not linted: it does not parse as JavaScript, JSX or TypeScript (${reason}). ` +
      "If your compiler takes its syntax, --use-eslint-config lints it with your ESLint config's parser.",
  };
}

/** ESLint's warning for a file named on the command line that its ignores skip. */
function isIgnoredNotice(message: ESLint.LintResult['messages'][number]): boolean {
  return !message.ruleId && !message.fatal && message.severity === 1 && message.message.startsWith('File ignored');
}

/**
 * ESLint warns, on stderr, that it no longer reads a `.eslintignore` it finds: a run with Resilint's own config reads
 * that file itself (project/ignore-file.ts), so the warning would only mislead.
 */
async function withoutEslintIgnoreWarning<T>(make: () => Promise<T>): Promise<T> {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const [kind] = rest;
    const type = typeof kind === 'string' ? kind : (kind as { type?: string } | undefined)?.type;
    if (type !== 'ESLintIgnoreWarning') Reflect.apply(emitWarning, process, [warning, ...rest]);
  }) as typeof process.emitWarning;
  try {
    return await make();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** The notice `onlyLintedFiles` gives a file named on the command line that the project's file roles skip. */
function isNotLintedNotice(message: ESLint.LintResult['messages'][number]): boolean {
  return !message.ruleId && !message.fatal && message.severity === 1 && message.message.startsWith('File not linted');
}

/** The same warning in Resilint's words: ESLint's names options this command does not have. */
function skippedFileNotice(relativePath: string, root: string): string {
  const reason = whyNotLinted(relativePath, { allFiles: false, files: NO_FILE_SETTINGS, root });
  if (!reason) return 'File not linted: it matches an --ignore-pattern.';
  return `File not linted: ${reason}.${reason.includes('by its path') ? ' Pass --all-files to lint it.' : ''}`;
}

/**
 * ESLint's "All files matched by 'e2e/' are ignored." for a folder named on the command line, with Resilint's reason
 * when the folder's path gives its files a role a default run skips: the user learns why and what to pass.
 */
function allIgnoredMessage(message: string, invocation: Invocation): string | undefined {
  const { setup } = invocation;
  const pattern = /^All files matched by '(.+)' are ignored\.$/.exec(message)?.[1];
  if (pattern === undefined || setup.allFiles) return undefined;
  const folder = relative(setup.cwd, resolve(setup.cwd, pattern));
  const reason = whyNotLinted(`${folder === '' ? '.' : folder}/index.ts`, { allFiles: false, files: NO_FILE_SETTINGS });
  const role = reason && /^it is (.+) by its path$/.exec(reason)?.[1];
  if (role) return `${message.slice(0, -1)}: by its path it is ${role}, which Resilint skips by default. Pass --all-files to lint it.`;
  // every file below it has such a role (a folder holding only a test app): say which, as a default run's summary does
  const skipped = skippedByDefault(invocation);
  return skipped ? `${message.slice(0, -1)}. ${skipped}` : undefined;
}

async function format(eslint: ESLint, results: ESLint.LintResult[], name: Format): Promise<string> {
  if (name === 'sarif') {
    // The SARIF formatter is a dependency of this package, not of the project being linted: load it from here.
    const sarif = createRequire(import.meta.url)('@microsoft/eslint-formatter-sarif') as (results: ESLint.LintResult[], data: unknown) => string;
    const output = sarif(results, { rulesMeta: eslint.getRulesMetaForResults(results) });
    return `${output}\n`;
  }
  const formatter = await eslint.loadFormatter(name);
  const output = await formatter.format(results);
  return output === '' || output.endsWith('\n') ? output : `${output}\n`;
}
