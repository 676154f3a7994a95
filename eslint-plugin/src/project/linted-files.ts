import { readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { isSkippedFolder, whyNotLinted, type FileSelection } from './file-roles.js';

/** Modules, and Vue and Svelte components (their `<script>` blocks), as the CLI lints them. */
export const LINTED_EXTENSIONS: ReadonlySet<string> = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.vue', '.svelte']);

export interface LintedFileWalk {
  /** The folder the run lints from: paths are judged relative to it. */
  readonly root: string;
  readonly selection: FileSelection;
  /** Files and folders left out besides the selection's (`--ignore-pattern`, the editor's `resilint.exclude`), by their path relative to `root`. */
  readonly isExcluded?: (relativePath: string) => boolean;
  /** An unreadable folder ends the walk (`'stop'`), or holds nothing to lint (`'skip'`: removed meanwhile, no permission). */
  readonly unreadable: 'stop' | 'skip';
  /** Past this many folder entries the walk ends, so a folder holding a whole disk cannot stall it. */
  readonly maxEntries?: number;
}

/**
 * Every source file below `folders` that the CLI lints with this selection, folders in name order, handed to `visit`
 * (with its path relative to the root) until it returns false. The one definition of the files a run reads, shared by
 * the CLI's summary and the editor's "Lint the whole workspace": folders no file of which is linted (dependencies,
 * build output, tests by their path...) are not entered. Says how the walk ended.
 */
export function walkLintedFiles(
  folders: readonly string[],
  walk: LintedFileWalk,
  visit: (path: string, relativePath: string) => boolean | void,
): 'complete' | 'stopped' | 'unreadable' | 'too many entries' {
  const isExcluded = walk.isExcluded ?? (() => false);
  let entries = 0;
  const pending = [...folders];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    let listed;
    try {
      listed = readdirSync(directory, { withFileTypes: true });
    } catch {
      if (walk.unreadable === 'stop') return 'unreadable';
      continue;
    }
    entries += listed.length;
    if (walk.maxEntries !== undefined && entries > walk.maxEntries) return 'too many entries';
    for (const entry of listed.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, entry.name);
      const inRoot = relative(walk.root, path).split('\\').join('/');
      if (isExcluded(inRoot)) continue;
      if (entry.isDirectory()) {
        if (!isSkippedFolder(inRoot, walk.selection)) pending.push(path);
      } else if (entry.isFile() && LINTED_EXTENSIONS.has(extname(entry.name)) && whyNotLinted(inRoot, walk.selection) === undefined) {
        if (visit(path, inRoot) === false) return 'stopped';
      }
    }
  }
  return 'complete';
}
