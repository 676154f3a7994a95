import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import { setupToUrl, type LintSetup, type Preset } from './eslint-options.js';

const HELP = `Usage: resilint [options] [paths...]

Finds resilience gaps (calls with no timeout, failures that escape, retries without backoff, ...)
in JavaScript and TypeScript files. Paths default to the current directory.

Options:
  --format <stylish|json|sarif>   output format (default: stylish); sarif is SARIF 2.1.0 for code scanning
  --preset <recommended|strict|all>
                                  which Resilint rules to run (default: recommended)
  --use-eslint-config             lint with the project's own eslint.config.* instead of a preset
  --concurrency <n|auto|off>      lint in n worker threads (ESLint's multithreaded linting; default: off)
  -h, --help                      show this help
  -v, --version                   show the version

Exit codes: 0 no errors, 1 errors found, 2 bad usage or configuration.
node_modules, dist, build, out, coverage, .d.ts files and tests (*.test.*, *.spec.*, test/, tests/,
__tests__/, e2e/) are not linted.
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
}

function parseInvocation(argv: string[], cwd: string): Invocation | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        preset: { type: 'string', default: 'recommended' },
        'use-eslint-config': { type: 'boolean', default: false },
        concurrency: { type: 'string', default: 'off' },
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
  return {
    format: values.format as Format,
    setup: { cwd, preset: values.preset as Preset, useEslintConfig: values['use-eslint-config'], concurrency: parseConcurrency(values.concurrency) },
    patterns: positionals.length > 0 ? positionals : ['.'],
  };
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
    const eslint = await ESLint.fromOptionsModule(setupToUrl(new URL('./options-module.js', import.meta.url), invocation.setup));
    const linted = await eslint.lintFiles(invocation.patterns);
    const results = invocation.setup.useEslintConfig ? linted : linted.map(onlyResilintProblems);
    io.stdout(await format(eslint, results, invocation.format));
    if (invocation.format === 'stylish' && results.every((result) => result.messages.length === 0)) {
      io.stdout(`No resilience gaps found in ${results.length} file${results.length === 1 ? '' : 's'}.\n`);
    }
    return results.some((result) => result.errorCount > 0) ? 1 : 0;
  } catch (error) {
    // configuration problems: no files matched, a broken eslint.config.*, invalid settings or rule options
    const message = (error as Error).message;
    if (invocation.setup.useEslintConfig && /Could not find config file/.test(message)) {
      io.stderr(`resilint: --use-eslint-config found no eslint.config.* in ${invocation.setup.cwd} or above. Add one, or drop the option to lint with Resilint's recommended config.\n`);
    } else {
      io.stderr(`resilint: ${message}\n`);
    }
    return 2;
  }
}

/**
 * Without the project's config, its `eslint-disable` comments name rules of plugins this run does not load, which
 * ESLint reports as "Definition for rule ... was not found". Keep Resilint's findings and parse errors only.
 */
function onlyResilintProblems(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter((message) => message.fatal || message.ruleId?.startsWith('resilint/'));
  if (messages.length === result.messages.length) return result;
  const count = (severity: number, fixable = false) =>
    messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
  return {
    ...result,
    messages,
    errorCount: count(2),
    warningCount: count(1),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    fatalErrorCount: messages.filter((message) => message.fatal).length,
  };
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
