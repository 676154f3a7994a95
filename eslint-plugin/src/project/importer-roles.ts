import { isAbsolute } from 'node:path';
import { fileRole, hasRoleOverride, importerRunsInBrowser, type FileSettings } from './file-roles.js';
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
  browserAnswers.clear();
}

/**
 * Whether a module of a full-stack app is a part of its pages: every product module importing it (one at least)
 * runs in the browser (trigger.dev's `components/dashboard-agent/settled-transcript.ts`, a helper only the chat
 * component imports, fetching the route's own action). Tests importing it do not count either way.
 */
export function importedOnlyByBrowserCode(file: string, settings: FileSettings): boolean {
  if (!isAbsolute(file)) return false;
  const key = `${file}\0${settingsKey(settings)}`;
  let answer = browserAnswers.get(key);
  if (answer === undefined) {
    answer = everyProductImporterInBrowser(file, settings);
    if (browserAnswers.size >= MAX_BROWSER_ANSWERS) browserAnswers.clear();
    browserAnswers.set(key, answer);
  }
  return answer;
}

const MAX_BROWSER_ANSWERS = 20_000;
const browserAnswers = new Map<string, boolean>();
const settingsIds = new WeakMap<FileSettings, number>();
let nextSettingsId = 0;

function settingsKey(settings: FileSettings): number {
  let id = settingsIds.get(settings);
  if (id === undefined) {
    id = nextSettingsId++;
    settingsIds.set(settings, id);
  }
  return id;
}

function everyProductImporterInBrowser(file: string, settings: FileSettings): boolean {
  const importers = importersOf(file);
  if (!importers) return false;
  const product = importers.flatMap(({ file: importer, relativePath }) => {
    const text = readProjectFile(importer);
    return text !== undefined && fileRole({ path: importer, relativePath, text }, settings) === 'product' ? [{ importer, text }] : [];
  });
  return product.length > 0 && product.every(({ importer, text }) => importerRunsInBrowser(importer, text, settings));
}
