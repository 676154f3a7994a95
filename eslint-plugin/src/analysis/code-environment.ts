import { dirname } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { fileEnvironment, environmentIsDeclared, importsServerOnlyModule, isFullStackServerPath } from '../project/file-environment.js';
import type { Environment } from '../project/file-settings.js';
import { readProjectFile } from '../project/files.js';
import { inAppWithPages, nearestPackage } from '../project/package-info.js';
import { resolveProjectModule } from '../project/resolution.js';
import { importedByServerCode, importedOnlyByBrowserCode, importedOnlyByServerCode } from '../project/importer-roles.js';
import { readsServerSecret } from './server-secrets.js';
import { runsOnServer, SERVER_EXPORTS } from './server-functions.js';
import type { ResilintSettings } from './settings.js';

/**
 * Where the code at `node` runs. Mostly the file's environment (project/file-environment.ts), but a route module of a full-stack
 * framework holds both halves of a page: its server half (Remix/React Router `loader`, `action`; Next.js pages'
 * `getServerSideProps`) runs on the server, its components and hooks in the browser (an event handler posting to the
 * route's own action). In a `.jsx`/`.tsx` file of such an app, a call inside a component or hook is browser code and
 * a call inside a server export is server code, whatever the file's path says. A helper module of such an app (or of
 * a package holding a front end beside its own server, see `pagesWithOwnServer`) that
 * says nothing of itself runs where its importers run, when every one of them is browser code; one placed among the pages
 * that imports the server side runs on the server when every importer does; in a module server code imports too, a
 * call sending a server-only secret runs on the server (see server-secrets.ts). What declares the whole file's
 * environment (the user's `environments` setting, `'use client'`, a `.server.` name) wins.
 */
export function environmentAt(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, filename: string, settings: ResilintSettings): Environment {
  const environment = fileEnvironment(filename, sourceCode.text, settings.files, sourceCode.scopeManager);
  // a route's loader, a 'use server' function, a server function's handler, wherever the module runs
  if (environment === 'browser' && runsOnServer(node)) return 'server';
  if (environmentIsDeclared(filename, sourceCode.text, settings.files) || !inAppWithPages(filename)) return environment;
  if (JSX_FILE.test(filename)) return halfOfPage(node) ?? environment;
  const byImporters = helperEnvironment(environment, sourceCode, filename, settings);
  // A call sending the server's credentials in a module that server code imports too (papermark's `lib/domains.ts`,
  // imported by a page for `getSubdomain` and by API routes for its calls to Vercel with
  // `process.env.AUTH_BEARER_TOKEN`) runs on the server: in a page the secret is empty. A module only pages import
  // stays theirs (the variable may be one the app's config inlines for the browser).
  if (byImporters === 'browser' && isCall(node) && readsServerSecret(node, sourceCode) && importedByServerCode(filename, settings.files)) return 'server';
  return byImporters;
}

function helperEnvironment(environment: Environment, sourceCode: Readonly<TSESLint.SourceCode>, filename: string, settings: ResilintSettings): Environment {
  // a module of the front end that no component imports (yet): Vite's build-time variables are its, whoever imports it
  if (environment === 'server' && readsFrontEndBuildVariable(filename, sourceCode)) return 'browser';
  // a helper module of the app's pages: where its importers run
  if (environment !== 'browser' && environment !== 'cli' && !isFullStackServerPath(filename) && importedOnlyByBrowserCode(filename, settings.files)) return 'browser';
  // a module of the app's server side kept among its pages (a vendor's client in a feature folder): where its importers run
  if (environment === 'browser' && importedOnlyByServerCode(filename, sourceCode.text, settings.files)) return 'server';
  return environment;
}

/**
 * In a package holding a Vite front end beside its own server (see `pagesWithOwnServer`; not a full-stack framework,
 * whose server code reads `import.meta.env` too), a module that reads a `VITE_` variable of `import.meta.env`, itself
 * or through a module of the project it imports (`import { apiUrl } from '../apiConfig'`): only Vite's bundle of the
 * pages defines those, so it is the front end's, even when nothing imports it (maxun's `src/api/integration.ts`).
 * Not one importing what only Node has: that made it server code.
 */
function readsFrontEndBuildVariable(filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // asked at every call of a file: its text is searched and its imported modules read from disk once per lint, not per call
  const known = frontEndBuildReads.get(sourceCode.ast);
  if (known !== undefined) return known;
  const reads = nearestPackage(dirname(filename))?.pagesWithOwnServer === true && !importsServerOnlyModule(sourceCode.text)
    && (VITE_VARIABLE.test(sourceCode.text) || sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration
    && statement.importKind !== 'type' && statement.source.value.startsWith('.') && importedModuleReads(statement.source.value, filename)));
  frontEndBuildReads.set(sourceCode.ast, reads);
  return reads;
}

const frontEndBuildReads = new WeakMap<TSESTree.Program, boolean>();

const VITE_VARIABLE = /\bimport\.meta\.env\.VITE_\w+/;

function importedModuleReads(specifier: string, filename: string): boolean {
  const resolved = resolveProjectModule(specifier, filename);
  if (!resolved) return false;
  const text = readProjectFile(resolved);
  return text !== undefined && VITE_VARIABLE.test(text) && !importsServerOnlyModule(text);
}

function isCall(node: TSESTree.Node): node is TSESTree.CallExpression | TSESTree.NewExpression {
  return node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression;
}

const JSX_FILE = /\.[cm]?[jt]sx$/;

/** Exports a framework runs in the browser only (React Router's and Remix's client data functions). */
const BROWSER_EXPORTS = new Set(['clientLoader', 'clientAction']);
/** A React component (`PlaygroundChat`) or hook (`usePendingMessages`) by its name. */
const COMPONENT_OR_HOOK = /^(?:[A-Z]|use[A-Z])/;

/** The half of a page the node sits in, by the function around it nearest the module's top level; undefined when none says. */
function halfOfPage(node: TSESTree.Node): 'server' | 'browser' | undefined {
  let found: 'server' | 'browser' | undefined;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const name = functionName(current);
    if (name === undefined) continue;
    if (SERVER_EXPORTS.has(name) && isExported(current)) found = 'server';
    else if (BROWSER_EXPORTS.has(name) || COMPONENT_OR_HOOK.test(name) || isDefaultExport(current)) found = 'browser';
  }
  return found;
}

type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isFunction(node: TSESTree.Node): node is FunctionLike {
  return node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression
    || node.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

/** `function Page()`, `const loader = async () => ...`, `const Chat = memo(function Chat() ...)`. */
function functionName(fn: FunctionLike): string | undefined {
  if (fn.id) return fn.id.name;
  let holder: TSESTree.Node = fn.parent;
  // `memo(() => ...)`, `forwardRef((props, ref) => ...)`: the component is the variable the wrapped function is held in
  if (holder.type === AST_NODE_TYPES.CallExpression && holder.arguments[0] === fn) holder = holder.parent;
  if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) return holder.id.name;
  return isDefaultExport(fn) ? 'default' : undefined;
}

/** `export const loader = ...`, `export async function action()`. */
function isExported(fn: FunctionLike): boolean {
  let holder: TSESTree.Node | undefined = fn.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator) holder = holder.parent?.parent;
  return holder?.type === AST_NODE_TYPES.ExportNamedDeclaration;
}

function isDefaultExport(fn: FunctionLike): boolean {
  return fn.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}
