import { isAbsolute } from 'node:path';
import { readProjectFile } from '../project/files.js';
import { importersOf } from '../project/importers.js';
import { inPublishedPackage } from '../project/package-info.js';

// A promise a module starts once and exports for its importers to await (`export const font = fetch(...).then((r) =>
// r.arrayBuffer())`, loaded once and shared by every request): its failure goes to each importer that awaits it, and is
// theirs to handle, as a function's failure is its callers'. See no-unprotected-call's docs for where the line is.

/**
 * Whether the exported binding `name` of `file` is taken by the modules that import it: one names it (`import { font }
 * from './fonts'`, `fonts.font` through a namespace), re-exports the module's bindings (`export * from './fonts'`: a
 * barrel, whose importers take it), or the package is published (its users import it). When the project's importers
 * cannot be known (too large a project, a file outside one), it is taken as kept. A promise no module imports is kept
 * by nobody: its failure is an unhandled rejection.
 */
export function importersTakeExport(file: string, name: string): boolean {
  if (!isAbsolute(file) || inPublishedPackage(file)) return true;
  const importers = importersOf(file);
  if (importers === undefined) return true;
  const named = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  return importers.some(({ file: importer }) => {
    const text = readProjectFile(importer);
    return text !== undefined && (named.test(text) || REEXPORT_ALL.test(text));
  });
}

const REEXPORT_ALL = /^\s*export\s+\*\s+(?:as\s+[\w$]+\s+)?from\s/m;
