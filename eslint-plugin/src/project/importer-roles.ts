import { isAbsolute } from 'node:path';
import { fileRole, hasRoleOverride, type FileSettings } from './file-roles.js';
import { readProjectFile } from './files.js';
import { importersOf } from './importers.js';

/**
 * Whether a module of product code by its path and text is used only outside product code: every module importing it
 * is a test, a script, an example, tooling or a benchmark (novu's `workflows-v2/clients/novu-base-client.ts`, a REST
 * client under `src/` that only `*.e2e.ts` files import). Its findings would be fixed in code nobody ships. A module
 * nothing imports (an entry point), one the user gave a role, or one whose importers cannot be told, stays product.
 * Followed two imports up (a helper of such a client), answered once per module and settings.
 */
export function usedOnlyOutsideProduct(file: string, settings: FileSettings): boolean {
  if (!isAbsolute(file) || hasRoleOverride(file, settings)) return false;
  let answers = answersBySettings.get(settings);
  if (!answers) {
    if (answersBySettings.size >= MAX_SETTINGS) answersBySettings.clear();
    answers = new Map();
    answersBySettings.set(settings, answers);
  }
  return onlyOutsideProduct(file, settings, answers, 0);
}

const MAX_HOPS = 2;
/** Configurations seen at once (a language server lints with a few). */
const MAX_SETTINGS = 8;
const answersBySettings = new Map<FileSettings, Map<string, boolean>>();

function onlyOutsideProduct(file: string, settings: FileSettings, answers: Map<string, boolean>, hops: number): boolean {
  const cached = answers.get(file);
  if (cached !== undefined) return cached;
  answers.set(file, false); // an import cycle is product code until shown otherwise
  const importers = importersOf(file);
  const answer = importers !== undefined && importers.length > 0 && importers.every(({ file: importer, relativePath }) =>
    fileRole({ path: importer, relativePath, text: readProjectFile(importer) }, settings) !== 'product'
    || (hops < MAX_HOPS && onlyOutsideProduct(importer, settings, answers, hops + 1)));
  answers.set(file, answer);
  return answer;
}

/** Files changed: every answer is asked again. */
export function forgetImporterRoles(): void {
  answersBySettings.clear();
}
