import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { dirname, isAbsolute, resolve } from 'node:path';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { Environment } from '../project/file-settings.js';
import { inFrontEndLibrary } from '../project/front-end-libraries.js';
import { inAppWithPages, inFullStackApp, nearestPackage } from '../project/package-info.js';
import { environmentAt } from './code-environment.js';
import { isOwnServerSetting, staticName } from './own-base-names.js';
import { runsOnServer } from './server-functions.js';
import { propertyKey, unwrapExpression } from './syntax.js';
import { BASE_OPTIONS, BROWSER_CLIENTS, callDestination, constInitializer, isImportMetaUrl, isPathHelperCall, requestTarget, SCHEME, type Destination } from './url-destination.js';
import type { ExternalCall } from './external-calls.js';
import type { ResilintSettings } from './settings.js';
import type { InstanceOptions } from '../libraries/model.js';

/**
 * Calls a browser makes to the page's own origin: a relative URL (`fetch('/api/items')`, `` fetch(`/api/${id}`) ``,
 * `axios.get('/api')` on a client with no other base URL), the app's back end by its public base-URL variable
 * (`` `${import.meta.env.VITE_BACKEND_API_URL}/auth` ``), an API client class whose base URL defaults to a relative
 * path, a bundled asset (`import url from './data.json?url'`, `new URL('./worker.js', import.meta.url)`) and
 * `localhost` (a local dev tool's UI calling its own server), from code that runs in a browser, and in a full-stack
 * app's browser code a URL it is given (a route of the app); also a call of a front end's API client package on an
 * instance whose base URL is a path (see `isFrontEndClientCall`). A hang there costs a spinner in one tab, not a service:
 * `recommended` does not report them.
 */
export function isOwnOriginCall(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>, filename: string, settings: ResilintSettings): boolean {
  const verdict = callDestination(call, sourceCode, filename);
  if (verdict === 'remote') return false;
  if (callsOwnApiToRender(call, verdict, sourceCode, filename)) return true;
  // Only a page has an origin: on a server a relative URL goes through a base URL or a framework's own fetch.
  const environment = environmentAt(call.node, sourceCode, filename, settings);
  // A URL a page of a full-stack app is given (`fetch(actionUrl, ...)` in a hook) is a route of the app: its pages
  // and its server ship together. An address written out elsewhere (`https://...`) is still another origin.
  if (verdict === 'unknown') {
    return (environment === 'browser' && (inFullStackApp(filename) || requestsAbsolutePath(call, sourceCode))) || isFrontEndClientCall(call, environment, filename)
      || relativeFetchWithPages(call, environment, sourceCode, filename);
  }
  if (environment === 'browser' || isFrontEndClientCall(call, environment, filename)) return true;
  // A path of the app under the base path it is served at (`formatPath('/api/files')`), fetched where Node's fetch would
  // reject it as relative: a module shared by the front end's components, wherever it sits.
  const target = call.node.arguments[0];
  return (environment === 'unknown' && call.client === 'fetch' && !call.wrapped && target?.type === AST_NODE_TYPES.CallExpression && isPathHelperCall(target))
    || relativeFetchWithPages(call, environment, sourceCode, filename);
}

/**
 * `fetch('/api/v2/stats')` in a module that says nothing of where it runs, in a front end's package or a full-stack
 * app's: Node's fetch rejects a relative URL, so the module runs in a page (swetrix's dashboard client, in a React
 * Router app's `app/api/`, a folder its path alone takes for server code). In a full-stack app that holds wherever the
 * module sits (a server half given a fetch of its own, SvelteKit's `load({ fetch })`, calls the app itself); in a
 * package with a server of its own beside its pages (an Express app), server code's relative fetch is still reported.
 */
function relativeFetchWithPages(call: ExternalCall, environment: Environment, sourceCode: Readonly<TSESLint.SourceCode>, filename: string): boolean {
  const placeUnknown = environment === 'unknown' || (environment === 'server' && inFullStackApp(filename));
  return placeUnknown && call.client === 'fetch' && !call.wrapped && requestsAbsolutePath(call, sourceCode) && inPackageWithPages(filename);
}

/**
 * A page's request for a path of a server (`http.post('/stats/totals', ...)`), on a client whose base URL the page is
 * given at run time (`baseURL: window.env.BASE_URL`, `import.meta.env.BASE_URL`) rather than written out: the path of
 * its own back end, which serves the page. A base URL written out as another origin makes the call remote already.
 * Also through a function of the file making that request (`fetchData()` in a component), and with the path kept in a
 * `const` (`const url = \`/backup/files/${name}\`; axios({ url })`).
 */
function requestsAbsolutePath(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let request = call;
  while (request.wrapped) request = request.wrapped;
  if (request.node.type !== AST_NODE_TYPES.CallExpression || !BROWSER_CLIENTS.has(request.client)) return false;
  const target = requestTarget(request.node);
  if (!target || target.isHost) return false;
  const given = unwrapExpression(target.expression);
  const held = given.type === AST_NODE_TYPES.Identifier ? constInitializer(given, sourceCode) : undefined;
  const path = held ? unwrapExpression(held) : given;
  const start = path.type === AST_NODE_TYPES.Literal && typeof path.value === 'string' ? path.value
    : path.type === AST_NODE_TYPES.TemplateLiteral ? path.quasis[0]?.value.cooked ?? '' : undefined;
  return start !== undefined && start.startsWith('/') && !start.startsWith('//');
}

/**
 * `getServerSideProps` (or another server half of a page: a loader, a server function) fetching the app's own back
 * end to render the page: on this machine (`http://localhost:3100`, the default of its `API_HOST`), by a path of the
 * app, or by a server setting named as the app's own API (`process.env.API_HOST`, `process.env.BACKEND_URL`). It is
 * the call the page's browser code makes, made on the page's behalf; the same deployment answers it. A third party's
 * URL there stays reported.
 */
function callsOwnApiToRender(call: ExternalCall, verdict: Destination, sourceCode: Readonly<TSESLint.SourceCode>, filename: string): boolean {
  if (!inFullStackApp(filename) || !runsOnServer(call.node)) return false;
  if (verdict === 'loopback' || verdict === 'page') return true;
  const target = requestTarget(call.node);
  return target !== undefined && !target.isHost && readsOwnServerSetting(target.expression, sourceCode, 0);
}

/** How deep a URL's base is followed through variables and string calls. */
const MAX_BASE_DEPTH = 6;

/** `process.env.API_HOST + '/api/x'`, `` `${apiHost}/api/x` `` with `const apiHost = process.env.API_URL ?? ''`. */
function readsOwnServerSetting(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): boolean {
  if (depth > MAX_BASE_DEPTH) return false;
  const node = unwrapExpression(expression);
  const next = (inner: TSESTree.Node): boolean => readsOwnServerSetting(inner, sourceCode, depth + 1);
  switch (node.type) {
    case AST_NODE_TYPES.MemberExpression:
      return isOwnServerSetting(node);
    case AST_NODE_TYPES.TemplateLiteral:
      return (node.quasis[0]?.value.cooked ?? '') === '' && node.expressions.length > 0 && next(node.expressions[0]!);
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' && next(node.left);
    case AST_NODE_TYPES.LogicalExpression:
      return node.operator !== '&&' && next(node.left);
    case AST_NODE_TYPES.CallExpression: {
      // `(process.env.API_HOST ?? '').replace(/\/$/, '')`: the same address, tidied
      const callee = unwrapExpression(node.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && STRING_TIDYING.has(staticName(callee) ?? '') && next(callee.object);
    }
    case AST_NODE_TYPES.Identifier: {
      const init = constInitializer(node, sourceCode);
      return init !== undefined && next(init);
    }
    default:
      return false;
  }
}

const STRING_TIDYING = new Set(['replace', 'replaceAll', 'trim', 'trimEnd', 'toString']);

/**
 * A call on an HTTP client instance whose base URL is a fixed path with no scheme or host (`axios.create({ baseURL:
 * '/api' })`), made in a module that says nothing of where it runs, of a package written for the repository's front
 * ends (see `inFrontEndLibrary`): the app's API client kept as a package of its own, whose route helpers each call the
 * shared instance (`api.get(urlFor(route, params))`). Only a page resolves such a base, against its own origin; where
 * the instance was created (in this module or another) does not matter. A module of a server (by its package or its
 * imports) is left out: there a relative base reaches nothing, and the calls stay reported.
 */
/** A front end's package, or a full-stack app's: one whose code runs in pages. */
function inPackageWithPages(filename: string): boolean {
  return inAppWithPages(filename) || nearestPackage(dirname(isAbsolute(filename) ? filename : resolve(filename)))?.frontEnd === true;
}

function isFrontEndClientCall(call: ExternalCall, environment: Environment, filename: string): boolean {
  const made = call.wrapped ?? call;
  return environment === 'unknown' && hasFixedPathBase(made.client, made.instanceOptions) && inFrontEndLibrary(filename);
}

/**
 * Whether a path requested on a client made with these options (`axios.create({ baseURL: '/api' })`, or no base at
 * all) stays on the page's origin: its base is a fixed path written out, or it has none. The options may sit in
 * another module, so a base is read only as written text.
 */
export function pathStaysOnPage(client: ExternalCall['client'], instanceOptions: readonly InstanceOptions[]): boolean {
  if (!BROWSER_CLIENTS.has(client)) return false;
  for (const options of instanceOptions) {
    if (options === null) return false;
    if (options.properties.some((property) => property.type === AST_NODE_TYPES.Property && BASE_OPTIONS.has(propertyKey(property) ?? ''))) {
      return hasFixedPathBase(client, [options]);
    }
    if (options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return false;
  }
  return true;
}

/** A fixed path of the page's origin: `/api`, `/api/v2/` (written out, not read from a setting that may hold a URL). */
const FIXED_PATH = /^\/(?!\/)/;

/** The nearest creation options that name a base URL name a fixed path (`baseURL: '/api'`). */
function hasFixedPathBase(client: ExternalCall['client'], instanceOptions: readonly InstanceOptions[]): boolean {
  if (!BROWSER_CLIENTS.has(client)) return false;
  for (const options of instanceOptions) {
    if (options === null) return false;
    const base = options.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property
      && BASE_OPTIONS.has(propertyKey(property) ?? ''));
    if (base) {
      const value = unwrapExpression(base.value);
      const text = value.type === AST_NODE_TYPES.Literal ? value.value
        : value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0 ? value.quasis[0]?.value.cooked : undefined;
      return typeof text === 'string' && FIXED_PATH.test(text);
    }
    if (options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return false;
  }
  return false;
}

/**
 * `fetch(new URL('./fonts/Inter.ttf', import.meta.url))`, also through a `const`: a file shipped beside the module,
 * which the bundler copies into the build (Next.js's and Vite's asset URLs; Vercel OG's way to load a font). It reads
 * the deployment's own file, not a dependency: there is no remote failure to handle or wait to bound.
 */
export function fetchesModuleAsset(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (call.client !== 'fetch' || call.wrapped) return false;
  let target = call.node.arguments[0] && unwrapExpression(call.node.arguments[0]);
  if (target?.type === AST_NODE_TYPES.Identifier) target = constInitializer(target, sourceCode);
  if (target?.type !== AST_NODE_TYPES.NewExpression || target.callee.type !== AST_NODE_TYPES.Identifier || target.callee.name !== 'URL') return false;
  const [path, base] = target.arguments;
  const text = path?.type === AST_NODE_TYPES.Literal && typeof path.value === 'string' ? path.value
    : path?.type === AST_NODE_TYPES.TemplateLiteral ? path.quasis[0]?.value.cooked ?? '' : undefined;
  return text !== undefined && !SCHEME.test(text) && !text.startsWith('//') && base !== undefined && isImportMetaUrl(base);
}
