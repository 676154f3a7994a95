import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { isAssemblyScriptSource, isStorybookStory, NO_FILE_SETTINGS, parseFileSettings, whyNotLinted, type FileSettings } from '../project/file-roles.js';
import { resultCounts } from './result-counts.js';

/** Files whose config the project's settings are read from, one for each kind of source a config's `files` may name. */
const PROBES = ['index.ts', 'index.js', 'index.tsx', 'index.jsx', 'index.mts', 'index.mjs', 'index.cts', 'index.cjs'];

/**
 * Whether the project's own ESLint config (`--use-eslint-config`) makes some files product code through
 * `settings.resilint.files.roles` (`'scripts/release/**': 'product'`). Those may lie in folders the path roles skip,
 * which ESLint's ignores cannot give back (a file inside an ignored folder stays ignored): the run then leaves the
 * path roles out of the ignores and chooses the linted files itself (`onlyLintedFiles`), as the editor does. Read from
 * the config of a file at the root of each kind: settings under a narrower `files` are not seen here.
 */
export async function projectPromotesFiles(cwd: string): Promise<boolean> {
  const eslint = new ESLint({ cwd });
  for (const probe of PROBES) {
    let config: { settings?: Record<string, unknown> } | undefined;
    try {
      config = (await eslint.calculateConfigForFile(join(cwd, probe))) as typeof config;
    } catch {
      return false; // a config that does not load: the run itself says why
    }
    if (Object.values(fileSettingsOf(config).roles).includes('product')) return true;
  }
  return false;
}

/**
 * The results of the files the CLI and the editor lint (project/file-roles.ts `whyNotLinted`), each judged with the
 * file roles its own config gives: the definition the editor applies to an open file and to the workspace lint. A
 * file named on the command line that is not linted keeps a notice saying why, as ESLint's ignores give.
 */
export async function onlyLintedFiles(eslint: ESLint, results: readonly ESLint.LintResult[], folder: string, named: readonly string[]): Promise<ESLint.LintResult[]> {
  const kept: ESLint.LintResult[] = [];
  for (const result of results) {
    const path = relative(folder, result.filePath);
    const config = (await eslint.calculateConfigForFile(result.filePath)) as { settings?: Record<string, unknown> } | undefined;
    const reason = whyNotLinted(path, { allFiles: false, files: fileSettingsOf(config) });
    if (reason === undefined) kept.push(result);
    else if (named.includes(path)) kept.push(notLinted(result, reason));
  }
  return kept;
}

/**
 * The results less those of files their package says are not linted, which ESLint's globs take: AssemblyScript sources
 * (not JavaScript, left out as a type declaration is) and, unless every file is linted, Storybook's stories
 * (project/file-roles.ts). One named on the command line keeps a notice saying why.
 */
export function withoutPackageSkipped(results: readonly ESLint.LintResult[], folder: string, named: readonly string[], allFiles: boolean): ESLint.LintResult[] {
  return results.flatMap((result) => {
    if (!isAssemblyScriptSource(result.filePath) && (allFiles || !isStorybookStory(result.filePath))) return [result];
    const path = relative(folder, result.filePath);
    return named.includes(path) ? [notLinted(result, whyNotLinted(path, { allFiles, files: NO_FILE_SETTINGS, root: folder })!)] : [];
  });
}

function notLinted(result: ESLint.LintResult, reason: string): ESLint.LintResult {
  const messages = [{ ruleId: null, severity: 1 as const, message: `File not linted: ${reason}.`, line: 0, column: 0 }];
  return { ...result, messages, suppressedMessages: [], ...resultCounts(messages) };
}

/** `settings.resilint.files` of a computed config; none when it is missing or invalid (the rules report that). */
function fileSettingsOf(config: { settings?: Record<string, unknown> } | undefined): FileSettings {
  const resilint = config?.settings?.['resilint'];
  const files = typeof resilint === 'object' && resilint !== null ? (resilint as Record<string, unknown>)['files'] : undefined;
  if (files === undefined) return NO_FILE_SETTINGS;
  try {
    return parseFileSettings(files, (key, problem) => {
      throw new Error(`${key} ${problem}`);
    });
  } catch {
    return NO_FILE_SETTINGS;
  }
}
