import { dirname, isAbsolute, join, sep } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { LONG_RUNNING, runsItselfAtTopLevel } from './entry-scripts.js';
import { environmentIsDeclared, fileEnvironment, importerRunsInBrowser, importsFrontEnd, isFullStackServerPath } from './file-environment.js';
import { fileRole, hasRoleOverride } from './file-roles.js';
import type { FileRole, FileSettings } from './file-settings.js';
import { projectFileExists, readProjectFile } from './files.js';
import { importersOf, loadedByComputedPath } from './importers.js';
import { inPublishedPackage, isNamedByPackage, isRunByHand } from './package-info.js';

/**
 * Whether a module of product code by its path and text is used only outside product code: every module importing it
 * is a test, a script, an example, a documentation site, tooling or a benchmark (novu's `workflows-v2/clients/novu-base-client.ts`, a REST
 * client under `src/` that only `*.e2e.ts` files import). Its findings would be fixed in code nobody ships. A module
 * nothing imports stays product (an entry point), unless the package's npm scripts run it by hand (`"ingest": "tsx
 * src/ingest.ts"`: a one-off script by another name); so does one the user gave a role, one whose importers cannot be
 * told, and any module of a published package (not `private`, naming its `main` or `exports`), whose users import it too.
 * Followed two imports up (a barrel, a client only test clients use), never through or to a module a framework
 * loads by its place or name (a route only tests import is still loaded by the app); answered once per module and settings.
 */
export function usedOnlyOutsideProduct(file: string, settings: FileSettings): boolean {
  // a published package's modules are imported by its users too, whom the index cannot see
  if (!isAbsolute(file) || hasRoleOverride(file, settings) || inPublishedPackage(file)) return false;
  let answers = answersBySettings.get(settings);
  if (!answers) {
    if (answersBySettings.size >= MAX_SETTINGS) answersBySettings.clear();
    answers = new Map();
    answersBySettings.set(settings, answers);
  }
  return onlyOutsideProduct(file, settings, answers, 0);
}

/**
 * Places and names of modules a framework or a runtime loads without a product module importing them: Remix,
 * SvelteKit and Next.js `routes/` and `pages/`, oclif-style `commands/`, serverless `handlers/` and `functions/`,
 * NestJS controllers and modules, entry files (`main`, `index`, `server`, `worker`, `app`, `cli`).
 */
const FRAMEWORK_FOLDER = /\/(?:routes|pages|commands|handlers|functions|lambdas?|controllers)\//;
/** Entries by their name alone: a framework loads what a module under its folders exports, never one exporting nothing. */
const ENTRY_NAME = /\.(?:controller|module|handler|route|routes|resolver|gateway|command|job|worker)\.[cm]?[jt]sx?$|\/(?:main|index|server|worker|app|cli)\.[cm]?[jt]sx?$/;
const FRAMEWORK_ENTRY = new RegExp(`${FRAMEWORK_FOLDER.source}|${ENTRY_NAME.source}`);
const MAX_HOPS = 2;
/** Roles of code nobody ships; generated code (a registry of integrations) is shipped, so its imports count as product use. */
const OUTSIDE_PRODUCT = new Set<FileRole>(['test', 'example', 'template', 'docs', 'script', 'tooling', 'benchmark']);

/**
 * A framework entry by its place or name (by its name only, with `byName`); an `index.*` only at a package's top
 * (`src/`, `lib/`, beside package.json), else a barrel.
 */
function isFrameworkEntry(file: string, byName = false): boolean {
  const path = file.split(sep).join('/');
  if (!(byName ? ENTRY_NAME : FRAMEWORK_ENTRY).test(path)) return false;
  if (!/\/index\.[cm]?[jt]sx?$/.test(path) || (!byName && FRAMEWORK_FOLDER.test(path))) return true;
  const folder = dirname(file);
  return /[\\/](?:src|lib)$/.test(folder) || projectFileExists(join(folder, 'package.json'));
}

/** Configurations seen at once (a language server lints with a few). */
const MAX_SETTINGS = 8;
const answersBySettings = new Map<FileSettings, Map<string, boolean>>();

function onlyOutsideProduct(file: string, settings: FileSettings, answers: Map<string, boolean>, hops: number): boolean {
  const cached = answers.get(file);
  if (cached !== undefined) return cached;
  answers.set(file, false); // an import cycle is product code until shown otherwise
  const importers = importersOf(file);
  // a file the package's npm scripts run by hand that no module imports: a script, wherever it sits
  if (hops === 0 && importers !== undefined && importers.length === 0 && isRunByHand(file)) {
    answers.set(file, true);
    return true;
  }
  // a module a framework loads by its place or name (a route, a page, a command, a controller), or the program by a
  // path it computes, and one its package names (`bin`, `main`), have no product importer by design: tests importing
  // them say nothing
  const answer = importers !== undefined && importers.length > 0 && !isFrameworkEntry(file) && !loadedByComputedPath(file) && !isNamedByPackage(file)
    && importers.every(({ file: importer, relativePath }) =>
      OUTSIDE_PRODUCT.has(fileRole({ path: importer, relativePath, text: readProjectFile(importer) }, settings))
      || (hops < MAX_HOPS && !inPublishedPackage(importer) && onlyOutsideProduct(importer, settings, answers, hops + 1)));
  answers.set(file, answer);
  return answer;
}

/**
 * Whether a module is a script kept among the sources (vendure's `stellate-plugin/src/write.mjs`, a `main()` pushing
 * a CDN's configuration, beside a published plugin that ships only `lib/`): it runs itself when loaded (a `main()` of
 * its own, an immediately invoked function, a top-level `await`) and exports nothing, no module of the project
 * imports it, its package does not name it as what it ships or starts (`bin`, `main`, `exports`, a `start` or
 * `worker` script's file: a package's command is product code), it is not named like an entry (`main.*`,
 * `index.*`, `server.*`...), not a page's code, and starts nothing that keeps running (a server, a timer, a worker).
 * A script that fails should exit non-zero, which an unhandled rejection does; one that hangs is stopped by the
 * person running it. Asked when a rule first reports in the file.
 */
export function isUnshippedEntryScript(file: string, program: TSESTree.Program, text: string, settings: FileSettings): boolean {
  // under `commands/` an oclif command exports its class; erxes' `src/commands/migrateTags.ts` exports nothing and runs
  if (!isAbsolute(file) || hasRoleOverride(file, settings) || isFrameworkEntry(file, true) || isNamedByPackage(file)) return false;
  if (!runsItselfAtTopLevel(program) || LONG_RUNNING.test(text) || fileEnvironment(file, text, settings) === 'browser') return false;
  // a text with no file behind it (a snippet, an unsaved buffer) is no module of the project the index could see
  return projectFileExists(file) && importersOf(file)?.length === 0;
}

/** Files changed: every answer is asked again. */
export function forgetImporterRoles(): void {
  answersBySettings.clear();
  browserAnswers.clear();
  serverAnswers.clear();
  serverUseAnswers.clear();
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
    browserAnswers.set(key, false); // an import cycle proves nothing
    answer = everyProductImporterInBrowser(file, settings, 0);
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

/**
 * Every product importer runs in the browser, or is itself a helper of the pages by this same reading one or two
 * imports up (linkwarden's `lib/client/addMemberToCollection.ts`, which only components import, importing
 * `getPublicUserData` from beside it).
 */
function everyProductImporterInBrowser(file: string, settings: FileSettings, hops: number): boolean {
  const product = productImporters(file, settings);
  return product.length > 0 && product.every(({ importer, text }) => importerRunsInBrowser(importer, text, settings)
    || (hops < MAX_HOPS && undeclaredHelper(importer, text, settings) && everyProductImporterInBrowser(importer, settings, hops + 1)));
}

/** A module of the app that says nothing of where it runs: no component, no server path, no directive, no command. */
function undeclaredHelper(file: string, text: string, settings: FileSettings): boolean {
  if (/\.[cm]?[jt]sx$/.test(file) || isFullStackServerPath(file) || environmentIsDeclared(file, text, settings)) return false;
  const environment = fileEnvironment(file, text, settings);
  return environment !== 'cli' && environment !== 'browser';
}

/**
 * Whether a module a full-stack app's package would place among its pages is part of its server side: it is no
 * component (no JSX, no front-end import) and every product module importing it (one at least) is server code, by its own path or text, or by this same reading one
 * import up (langfuse's `features/support-chat/pylon/pylonClient.ts`, a help-desk vendor's client beside the
 * feature's components, imported only by the feature's tRPC router and an API route). A page's module importing
 * column definitions kept under `server/` stays a page's.
 */
export function importedOnlyByServerCode(file: string, text: string, settings: FileSettings): boolean {
  if (!isAbsolute(file)) return false;
  const key = `${file}\0${settingsKey(settings)}`;
  let answer = serverAnswers.get(key);
  if (answer === undefined) {
    serverAnswers.set(key, false); // an import cycle proves nothing
    answer = serverSideModule(file, text, settings, 0);
    if (serverAnswers.size >= MAX_BROWSER_ANSWERS) serverAnswers.clear();
    serverAnswers.set(key, answer);
  }
  return answer;
}

const serverAnswers = new Map<string, boolean>();

function serverSideModule(file: string, text: string, settings: FileSettings, hops: number): boolean {
  if (/\.[cm]?[jt]sx$/.test(file) || importsFrontEnd(text)) return false;
  const product = productImporters(file, settings);
  return product.length > 0 && product.every(({ importer, text: importerText }) => fileEnvironment(importer, importerText, settings) === 'server'
    || (hops < MAX_HOPS && (serverSideModule(importer, importerText, settings, hops + 1) || importedByServerRoute(importer, settings))));
}

/**
 * A module server code imports itself, whatever else does: saleor's CMS app keeps each provider's UI and its
 * webhook processors in one `providers-resolver.tsx`, which its pages import for the UI and its webhook routes for
 * the processors, directly or through a module only they import (its `webhooks-processors-delegator.ts`). What such
 * a module alone imports, no component itself, runs where the routes call it.
 */
function importedByServerRoute(file: string, settings: FileSettings): boolean {
  return productImporters(file, settings).some(({ importer, text }) => fileEnvironment(importer, text, settings) === 'server'
    || (!/\.[cm]?[jt]sx$/.test(importer) && !importsFrontEnd(text) && onlyServerImporters(importer, settings)));
}

function onlyServerImporters(file: string, settings: FileSettings): boolean {
  const importers = productImporters(file, settings);
  return importers.length > 0 && importers.every(({ importer, text }) => fileEnvironment(importer, text, settings) === 'server');
}

/** The product modules importing a module, with their text. */
function productImporters(file: string, settings: FileSettings): { importer: string; text: string }[] {
  return (importersOf(file) ?? []).flatMap(({ file: importer, relativePath }) => {
    const text = readProjectFile(importer);
    return text !== undefined && fileRole({ path: importer, relativePath, text }, settings) === 'product' ? [{ importer, text }] : [];
  });
}

/**
 * Whether server code imports a module, among whatever else does: some product module importing it runs on the
 * server by its own path or text (an API route, a route handler), or imports it for a module that does, one or two
 * imports up (a validation schema the routes use). Pages may import the same module for a pure helper.
 */
export function importedByServerCode(file: string, settings: FileSettings): boolean {
  if (!isAbsolute(file)) return false;
  const key = `${file}\0${settingsKey(settings)}`;
  let answer = serverUseAnswers.get(key);
  if (answer === undefined) {
    serverUseAnswers.set(key, false); // an import cycle proves nothing
    answer = someImporterOnServer(file, settings, 0);
    if (serverUseAnswers.size >= MAX_BROWSER_ANSWERS) serverUseAnswers.clear();
    serverUseAnswers.set(key, answer);
  }
  return answer;
}

const serverUseAnswers = new Map<string, boolean>();

function someImporterOnServer(file: string, settings: FileSettings, hops: number): boolean {
  return (importersOf(file) ?? []).some(({ file: importer, relativePath }) => {
    const text = readProjectFile(importer);
    if (text === undefined || fileRole({ path: importer, relativePath, text }, settings) !== 'product') return false;
    if (fileEnvironment(importer, text, settings) === 'server') return true;
    // a component or a page is no server's importer (a pages-router page's server half is read elsewhere)
    return hops < MAX_HOPS && !/\.[cm]?[jt]sx$/.test(importer) && !importsFrontEnd(text) && someImporterOnServer(importer, settings, hops + 1);
  });
}
