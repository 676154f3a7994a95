import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

export const LINTED_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'out', 'build', 'coverage', 'bower_components']);

/**
 * The JavaScript and TypeScript files of a folder, skipping dependencies, build output and hidden folders.
 * Stops at `limit` files so a folder holding a whole disk cannot stall the server.
 */
export function sourceFiles(folder: string, limit: number): { files: string[]; truncated: boolean } {
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
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) pending.push(join(directory, entry.name));
      } else if (entry.isFile() && LINTED_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
        if (files.length === limit) return { files, truncated: true };
        files.push(join(directory, entry.name));
      }
    }
  }
  return { files, truncated: false };
}
