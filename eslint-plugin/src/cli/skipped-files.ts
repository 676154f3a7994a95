import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Minimatch } from 'minimatch';
import { isStorybookStory, roleFromPath, type FileSelection } from '../project/file-roles.js';
import { MATCH_OPTIONS, NO_FILE_SETTINGS, type FileRole } from '../project/file-settings.js';
import { walkLintedFiles } from '../project/linted-files.js';

/**
 * How many source files a default run left out for what their path says they are (tests, examples, scripts...), for
 * the summary to name what the run chose: a reviewer reading "no gaps in 107 files" of a folder of 162 should know
 * the other 55 were not read, and how to read them. Counted by walking the folders given the way the run reads them
 * (dependencies, build output, `.eslintignore` and `--ignore-pattern` left out), up to `MAX_ENTRIES` entries.
 */

const MAX_ENTRIES = 200_000;

export interface SkippedFiles {
  readonly total: number;
  readonly byRole: ReadonlyMap<FileRole, number>;
}

/**
 * The files skipped by their path below `folders` (absolute), with `root` the folder the run lints from; undefined when
 * a folder cannot be read or the walk would be too long to be worth it.
 */
export function skippedByPath(root: string, folders: readonly string[], ignorePatterns: readonly string[]): SkippedFiles | undefined {
  const ignored = ignorePatterns.map((pattern) => new Minimatch(pattern.replace(/\/$/, ''), MATCH_OPTIONS));
  const ignoredWithin = ignorePatterns.map((pattern) => new Minimatch(`${pattern.replace(/\/$/, '')}/**`, MATCH_OPTIONS));
  const isExcluded = (path: string): boolean => ignored.some((matcher) => matcher.match(path)) || ignoredWithin.some((matcher) => matcher.match(path));
  const byRole = new Map<FileRole, number>();
  let total = 0;
  // every file a run with --all-files reads, less those a default run reads too
  const every: FileSelection = { allFiles: true, files: NO_FILE_SETTINGS, root };
  const ended = walkLintedFiles(folders, { root, selection: every, isExcluded, unreadable: 'stop', maxEntries: MAX_ENTRIES }, (path, inRoot) => {
    // (a Storybook story known by its package's dependencies, not its name: `src/stories/Configure.tsx`)
    const byPath = roleFromPath(inRoot);
    const role = byPath === 'product' && isStorybookStory(path) ? 'example' : byPath;
    if (role === 'product') return;
    total++;
    byRole.set(role, (byRole.get(role) ?? 0) + 1);
  });
  return ended === 'complete' ? { total, byRole } : undefined;
}

/** The folders a run was given, when every path given is one (a file or a glob names its own selection). */
export function givenFolders(cwd: string, patterns: readonly string[]): string[] | undefined {
  const paths = (patterns.length === 0 ? ['.'] : patterns).map((pattern) => resolve(cwd, pattern));
  return paths.every(isDirectory) ? paths : undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const ROLE_PLURALS: Record<FileRole, string> = {
  product: 'product files', test: 'tests', example: 'examples', template: 'templates', docs: 'documentation files', script: 'scripts',
  tooling: 'tooling files', benchmark: 'benchmarks', generated: 'generated files',
};

/** "Skipped 55 files that are not product code by their path (40 tests, 15 examples); pass --all-files to lint them." */
export function skippedSummary(skipped: SkippedFiles): string | undefined {
  if (skipped.total === 0) return undefined;
  const parts = [...skipped.byRole].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([role, count]) => `${count} ${count === 1 ? ROLE_PLURALS[role].replace(/s$/, '') : ROLE_PLURALS[role]}`);
  const files = `${skipped.total} file${skipped.total === 1 ? '' : 's'}`;
  return `Skipped ${files} that ${skipped.total === 1 ? 'is' : 'are'} not product code by ${skipped.total === 1 ? 'its' : 'their'} path (${parts.join(', ')}); pass --all-files to lint ${skipped.total === 1 ? 'it' : 'them'}.`;
}
