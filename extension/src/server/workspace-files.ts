import { readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { isSkippedFolder, whyNotLinted, type FileSelection } from 'eslint-plugin-resilint/file-roles';

/** Modules, and Vue and Svelte components (their `<script>` blocks), as the CLI lints them. */
export const LINTED_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.vue', '.svelte']);

/**
 * The JavaScript, TypeScript, Vue and Svelte files of a folder that the `resilint` CLI would lint there: the same definition of
 * linted files (eslint-plugin's project/file-roles.ts), so "Lint the whole workspace" reports what the CLI reports,
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
  const pending = [folder];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      continue; // unreadable (permissions, removed meanwhile): nothing to lint there
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedFolder(relative(folder, path), selection) && !isExcluded(relative(folder, path))) pending.push(path);
      } else if (entry.isFile() && LINTED_EXTENSIONS.has(extname(entry.name)) && whyNotLinted(relative(folder, path), selection) === undefined && !isExcluded(relative(folder, path))) {
        if (files.length === limit) return { files, truncated: true };
        files.push(path);
      }
    }
  }
  return { files, truncated: false };
}
