import { LINTED_EXTENSIONS, walkLintedFiles, type FileSelection } from 'eslint-plugin-resilint/file-roles';

export { LINTED_EXTENSIONS };

/**
 * The JavaScript, TypeScript, Vue and Svelte files of a folder that the `resilint` CLI would lint there: the same walk
 * as the CLI's (eslint-plugin's project/linted-files.ts), so "Lint the whole workspace" reports what the CLI reports,
 * less the files and folders `isExcluded` (by their path relative to `folder`: `resilint.exclude`).
 * Stops at `limit` files so a folder holding a whole disk cannot stall the server.
 */
export function sourceFiles(
  folder: string,
  limit: number,
  selection: FileSelection,
  isExcluded: (relativePath: string) => boolean = () => false,
): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  const ended = walkLintedFiles([folder], { root: folder, selection, isExcluded, unreadable: 'skip' }, (path) => {
    if (files.length === limit) return false;
    files.push(path);
    return true;
  });
  return { files, truncated: ended === 'stopped' };
}
