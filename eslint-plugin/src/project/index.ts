import { forgetSharedSetUps } from '../libraries/package-set-ups.js';
import { forgetFileSystem, readProjectFile, setEditorText } from './files.js';
import { forgetImporterRoles } from './importer-roles.js';
import { forgetProcessWideBounds } from './global-dispatcher.js';
import { forgetImporters } from './importers.js';
import { clearResolutionCaches } from './resolution.js';
import { forgetAllModules, forgetModule } from './summaries.js';
import { isTestRunnerConfig } from './test-runner-configs.js';

/**
 * What an editor tells the project model, so the summaries stay warm and right while files change (the language
 * server calls these). Every function returns the linted files and modules whose findings may have changed.
 */
export const projectModel = {
  /** A document is open with this text (or closed: undefined), which wins over the disk's for its summary. */
  documentChanged(path: string, text: string | undefined): ReadonlySet<string> {
    const before = readProjectFile(path);
    setEditorText(path, text);
    // Opened with the disk's text, or closed after an undo: nothing another file sees has changed.
    if (readProjectFile(path) === before) return new Set();
    forgetImporterRoles();
    forgetSharedSetUps();
    return forgetModule(path);
  },
  /** A file changed, appeared or disappeared on disk. */
  fileChanged(path: string): ReadonlySet<string> {
    forgetFileSystem();
    forgetImporters();
    forgetImporterRoles();
    forgetProcessWideBounds();
    forgetSharedSetUps();
    // How every import resolves, or which role a file has (an Nx project.json, a test runner's config naming its
    // set-up files), may have changed: start afresh.
    if (/(?:^|[\\/])(?:tsconfig[^\\/]*|jsconfig|package|project)\.json$|pnpm-workspace\.yaml$/.test(path) || isTestRunnerConfig(path)) {
      clearResolutionCaches();
      forgetAllModules();
      return new Set(['*']);
    }
    clearResolutionCaches();
    return forgetModule(path);
  },
};
