import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { Environment } from '../project/file-settings.js';
import { inFrontEndLibrary } from '../project/front-end-libraries.js';
import { inFullStackApp } from '../project/package-info.js';
import { environmentAt } from './code-environment.js';
import { memberKeyName, staticPropertyName } from './member-syntax.js';
import { runsOnServer } from './server-functions.js';
import { isRelativePath, propertyKey, unwrapExpression } from './syntax.js';
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
  const verdict = callDestination(call, sourceCode);
  if (verdict === 'remote') return false;
  if (callsOwnApiToRender(call, verdict, sourceCode, filename)) return true;
  // Only a page has an origin: on a server a relative URL goes through a base URL or a framework's own fetch.
  const environment = environmentAt(call.node, sourceCode, filename, settings);
  // A URL a page of a full-stack app is given (`fetch(actionUrl, ...)` in a hook) is a route of the app: its pages
  // and its server ship together. An address written out elsewhere (`https://...`) is still another origin.
  if (verdict === 'unknown') return (environment === 'browser' && inFullStackApp(filename)) || isFrontEndClientCall(call, environment, filename);
  if (environment === 'browser' || isFrontEndClientCall(call, environment, filename)) return true;
  // A path of the app under the base path it is served at (`formatPath('/api/files')`), fetched where Node's fetch would
  // reject it as relative: a module shared by the front end's components, wherever it sits.
  const target = call.node.arguments[0];
  return environment === 'unknown' && call.client === 'fetch' && !call.wrapped && target?.type === AST_NODE_TYPES.CallExpression && isPathHelperCall(target);
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
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticName(node);
      const env = unwrapExpression(node.object);
      const holder = env.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(env.object) : undefined;
      if (name && env.type === AST_NODE_TYPES.MemberExpression && staticName(env) === 'env' && holder?.type === AST_NODE_TYPES.Identifier && holder.name === 'process') {
        return OWN_BASE_NAME.test(name.replace(PUBLIC_ENV_PREFIX, ''));
      }
      return false;
    }
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
 * `formatPath('/api/files')`, `withBasePath(`/api/${id}`)`: a function of the app given one path of the app's own,
 * to prefix the base path it is served under.
 */
function isPathHelperCall(node: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  const [path] = node.arguments;
  return callee.type === AST_NODE_TYPES.Identifier && node.arguments.length === 1 && path !== undefined
    && path.type !== AST_NODE_TYPES.SpreadElement && isRelativePath(path);
}

/**
 * Where a request goes, as far as the file says: `page` (relative to the page, or the app's own back end), `loopback`
 * (this machine), `remote` (an absolute URL elsewhere), `unknown`.
 */
export type Destination = 'page' | 'loopback' | 'remote' | 'unknown';

/**
 * Where a call goes; a call of a wrapper goes where its inner call does (in another module, as its summary says),
 * else where its argument says.
 */
export function callDestination(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>): Destination {
  if (call.wrapperDestination) return call.wrapperDestination;
  if (!call.wrapped) return judgeCall(call, sourceCode);
  // a wrapper of another module stands at this very call: its arguments are read below, as a wrapper's
  const inner = call.wrapped.wrapperDestination ?? (call.wrapped.node === call.node ? 'unknown' : judgeCall(call.wrapped, sourceCode));
  const argument = call.node.arguments[0];
  if (inner !== 'unknown' || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return inner;
  return resolvedAgainstBase(call.wrapped, wrapperArgumentDestination(argument, sourceCode), sourceCode);
}

/**
 * A wrapper's first argument, read as the URL it requests: text written out counts as a path of the page only when it
 * reads as one (`'/api/items'`, `'./data.json'`); other text (`stock.level('a-1')`, a SKU) says nothing of where the
 * wrapper's call goes.
 */
function wrapperArgumentDestination(argument: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Destination {
  const verdict = destination(argument, sourceCode, new Set());
  const node = unwrapExpression(argument);
  const written = node.type === AST_NODE_TYPES.Literal || (node.type === AST_NODE_TYPES.TemplateLiteral && (node.quasis[0]?.value.cooked ?? '') !== '');
  return verdict === 'page' && written && !/^[./]/.test(leadingText(node)) ? 'unknown' : verdict;
}

/** Where a URL expression leads (a client's `url` option), as far as the file says. */
export function urlDestination(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Destination {
  return destination(expression, sourceCode, new Set());
}

/** The expression naming where a call goes: its URL argument, or a config's `url`, `host` or `hostname`. */
export function requestTarget(node: TSESTree.CallExpression): { expression: TSESTree.Node; isHost: boolean } | undefined {
  const first = node.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (first.type !== AST_NODE_TYPES.ObjectExpression) return { expression: first, isHost: false };
  let host: TSESTree.Node | undefined;
  for (const property of first.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKey(property);
    if (key === 'url') return { expression: property.value, isHost: false };
    if (key === 'host' || key === 'hostname') host = property.value;
  }
  return host ? { expression: host, isHost: true } : undefined;
}

/** Clients that run in browsers and resolve a relative URL against the page. */
const BROWSER_CLIENTS = new Set<ExternalCall['client']>(['fetch', 'fetch-retry', 'axios', 'ky', 'superagent']);
/** Options that give an instance its own base URL (axios, ky, ky's older spelling). */
const BASE_OPTIONS = new Set(['baseURL', 'prefixUrl', 'prefixURL']);
const SCHEME = /^[a-z][\w+.-]*:/i;
const SCHEME_ONLY = /^(?:https?|wss?):\/\/$/i;
const LOOPBACK_URL = /^(?:https?|wss?):\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?:[:/?#]|$)/i;
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0)$/i;
/** Imports a bundler turns into a URL of the app itself: `?url`, `?raw`, `?worker`, or a static asset. */
const ASSET_IMPORT = /\?(?:url|raw|worker|inline)$|\.(?:json|wasm|svg|png|jpe?g|gif|webp|txt|csv|md|xml|ya?ml|glb|gltf|mp3|mp4|woff2?)$/i;
/**
 * Build-time variables a bundler exposes to the browser (Vite, Next.js, Create React App, Astro/SvelteKit, Nuxt,
 * Vue CLI, Gatsby, Expo, Angular's @ngx-env), named as the app's own base URL: only the words below before `URL`,
 * `URI`, `ORIGIN`, `HOST`, `ENDPOINT`... (`VITE_BACKEND_API_URL`, `NEXT_PUBLIC_API_BASE_URL`, `REACT_APP_SERVER_URL`).
 * A name with any other word (`VITE_SENTRY_URL`, `NEXT_PUBLIC_SUPABASE_URL`) is another service's.
 */
const PUBLIC_ENV_PREFIX = /^(?:VITE|NEXT_PUBLIC|REACT_APP|PUBLIC|NUXT_PUBLIC|NUXT_ENV|VUE_APP|GATSBY|EXPO_PUBLIC|NG_APP)_/;
const OWN_BASE_NAME = /^(?:(?:BACKEND|API|SERVER|APP|WEBAPP|BASE|SITE|ORIGIN|GQL|GRAPHQL|REST|HTTP|ROOT|WEB|SELF)_)*(?:URL|URI|ORIGIN|HOST|ENDPOINT|BASE|ROOT|PREFIX)$/;

function judgeCall(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>): Destination {
  const target = requestTarget(call.node);
  if (!target) return 'unknown';
  const verdict = target.isHost ? hostDestination(target.expression, sourceCode) : destination(target.expression, sourceCode, new Set());
  return resolvedAgainstBase(call, verdict, sourceCode);
}

/** A relative URL resolves against the instance's base when it has one, and against the page only in a browser client. */
function resolvedAgainstBase(call: ExternalCall, verdict: Destination, sourceCode: Readonly<TSESLint.SourceCode>): Destination {
  if (verdict !== 'page') return verdict;
  if (!BROWSER_CLIENTS.has(call.client)) return 'unknown';
  for (const options of call.instanceOptions) {
    if (options === null) return 'unknown';
    const base = options.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property
      && BASE_OPTIONS.has(propertyKey(property) ?? ''));
    if (base) return destination(base.value, sourceCode, new Set());
    if (options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
  }
  return 'page';
}

function hostDestination(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Destination {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return LOOPBACK_HOST.test(node.value) ? 'loopback' : 'remote';
  if (node.type === AST_NODE_TYPES.Identifier) {
    const init = constInitializer(node, sourceCode);
    return init ? hostDestination(init, sourceCode) : 'unknown';
  }
  return 'unknown';
}

/** How deep a chain of variables and fields is followed. */
const MAX_FOLLOWED = 24;

/** `seen` holds the expressions being judged on the way here (a cycle, or a chain too long, is `unknown`). */
function destination(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, seen: Set<TSESTree.Node>): Destination {
  const node = unwrapExpression(expression);
  if (seen.has(node) || seen.size > MAX_FOLLOWED) return 'unknown';
  seen.add(node);
  try {
    return destinationOf(node, sourceCode, seen);
  } finally {
    seen.delete(node);
  }
}

function destinationOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, seen: Set<TSESTree.Node>): Destination {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? ofText(node.value) : 'unknown';
    case AST_NODE_TYPES.TemplateLiteral: {
      const head = node.quasis[0]?.value.cooked ?? '';
      // `${config.relative_path}/api/topics`: the path the app is served under, then one of its own
      if (head === '' && node.expressions.length > 0 && isOwnBasePath(node.expressions[0]!, node.quasis[1]?.value.cooked ?? '')) return 'page';
      // `${base}/auth`: where the base goes
      if (head === '' && node.expressions.length > 0) return destination(node.expressions[0]!, sourceCode, seen);
      // `http://${host}:${port}/x`: where the host is
      if (SCHEME_ONLY.test(head) && node.expressions.length > 0) return hostDestination(node.expressions[0]!, sourceCode);
      return ofText(head);
    }
    case AST_NODE_TYPES.ConditionalExpression: {
      // `cursor ? `/api/items?cursor=${cursor}` : '/api/items'`: the page's own when both are
      const consequent = destination(node.consequent, sourceCode, seen);
      return consequent === destination(node.alternate, sourceCode, seen) ? consequent : 'unknown';
    }
    case AST_NODE_TYPES.LogicalExpression: {
      // `options.baseUrl || '/api'`, `import.meta.env.VITE_API_URL ?? ''`: configurable, by default the page's own
      if (node.operator === '&&') return 'unknown';
      const fallback = destination(node.right, sourceCode, seen);
      return destination(node.left, sourceCode, seen) === 'remote' ? 'remote' : fallback;
    }
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator === '+' && isOwnBasePath(node.left, leadingText(node.right))) return 'page';
      return node.operator === '+' ? destination(node.left, sourceCode, seen) : 'unknown';
    case AST_NODE_TYPES.NewExpression:
      return urlObjectDestination(node, sourceCode, seen);
    case AST_NODE_TYPES.MemberExpression:
      if (isPageOrigin(node) || isOwnBaseVariable(node) || isOwnBackEndName(staticName(node)) || isServerAddressSetting(node)) return 'page';
      // `new URL(...).href`
      if (isProperty(node, 'href')) return destination(node.object, sourceCode, seen);
      return node.object.type === AST_NODE_TYPES.ThisExpression ? fieldDestination(node, sourceCode, seen) : 'unknown';
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(node.callee);
      // `url.toString()`
      if (callee.type === AST_NODE_TYPES.MemberExpression && isProperty(callee, 'toString') && node.arguments.length === 0) {
        return destination(callee.object, sourceCode, seen);
      }
      // `NEXT_PUBLIC_WEBAPP_URL()`: a getter named as the app's own public base URL
      if (callee.type === AST_NODE_TYPES.Identifier && node.arguments.length === 0 && isOwnBaseName(callee.name)) return 'page';
      return isPathHelperCall(node) ? 'page' : 'unknown';
    }
    case AST_NODE_TYPES.Identifier:
      return destinationOfVariable(node, sourceCode, seen);
    default:
      return 'unknown';
  }
}

/** `new URL('http://localhost:9119/x')`, `new URL(path, 'http://127.0.0.1:8080')`, `new URL(path, import.meta.url)`. */
function urlObjectDestination(node: TSESTree.NewExpression, sourceCode: Readonly<TSESLint.SourceCode>, seen: Set<TSESTree.Node>): Destination {
  const [path, base] = node.arguments;
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'URL' || !path || path.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
  const ofPath = destination(path, sourceCode, seen);
  if (!base || base.type === AST_NODE_TYPES.SpreadElement || ofPath === 'remote' || ofPath === 'loopback') return ofPath === 'page' && base ? 'unknown' : ofPath;
  return isImportMetaUrl(base) ? 'page' : destination(base, sourceCode, seen);
}

function ofText(url: string): Destination {
  if (LOOPBACK_URL.test(url)) return 'loopback';
  return SCHEME.test(url) || url.startsWith('//') ? 'remote' : 'page';
}

function destinationOfVariable(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>, seen: Set<TSESTree.Node>): Destination {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition) return 'unknown';
  // a parameter or setting named as the app's own back end (`backendUrl`), as the page's code knows it
  if (definition.type === 'Parameter' && isOwnBackEndName(identifier.name)) return 'page';
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    return declaration.type === AST_NODE_TYPES.ImportDeclaration && ASSET_IMPORT.test(declaration.source.value) ? 'page' : 'unknown';
  }
  const declarator = definition.node;
  if (definition.type !== 'Variable' || declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return 'unknown';
  if (declarator.parent.kind === 'const') return declarator.init ? destination(declarator.init, sourceCode, seen) : 'unknown';
  // A `let` built in branches (`url = base + path`, or the caller's absolute URL as is): the page's when one branch
  // builds it so and no branch is known to go elsewhere.
  const writes = variable.references.flatMap((reference) => (reference.writeExpr ? [reference.writeExpr] : []));
  return mostlyPage(writes.map((write) => destination(write, sourceCode, seen)));
}

function mostlyPage(verdicts: readonly Destination[]): Destination {
  if (verdicts.length === 0) return 'unknown';
  if (verdicts.every((verdict) => verdict === verdicts[0])) return verdicts[0]!;
  return verdicts.includes('page') && verdicts.every((verdict) => verdict === 'page' || verdict === 'unknown') ? 'page' : 'unknown';
}

export function constInitializer(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Expression | undefined {
  const declarator = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0]?.node;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' ? declarator.init ?? undefined : undefined;
}

/**
 * `this.baseUrl` in a class whose every write of the field goes to the page (`this.baseUrl = options.baseUrl ||
 * '/api'`): the app's own API client.
 */
function fieldDestination(member: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>, seen: Set<TSESTree.Node>): Destination {
  const name = member.computed ? undefined : staticPropertyName(member);
  if (name === undefined) return 'unknown';
  let owner: TSESTree.Node | undefined = member.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (!owner) return 'unknown';
  const writes: TSESTree.Node[] = [];
  for (const element of owner.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && memberKeyName(element) === name && element.value) writes.push(element.value);
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.value.body) collectFieldWrites(element.value.body, name, writes, 0);
  }
  const verdicts = writes.map((write) => destination(write, sourceCode, seen));
  return verdicts.length > 0 && verdicts.every((verdict) => verdict === 'page') ? 'page' : 'unknown';
}

const MAX_WRITE_SEARCH_DEPTH = 12;

/** `this.name = value` statements of a method body (its top-level blocks and branches, not nested functions). */
function collectFieldWrites(node: TSESTree.Node, name: string, writes: TSESTree.Node[], depth: number): void {
  if (depth > MAX_WRITE_SEARCH_DEPTH) return;
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression
    && node.left.object.type === AST_NODE_TYPES.ThisExpression && !node.left.computed && staticPropertyName(node.left) === name) {
    writes.push(node.right);
    return;
  }
  const children: TSESTree.Node[] = node.type === AST_NODE_TYPES.BlockStatement ? node.body
    : node.type === AST_NODE_TYPES.ExpressionStatement ? [node.expression]
      : node.type === AST_NODE_TYPES.IfStatement ? [node.consequent, ...(node.alternate ? [node.alternate] : [])] : [];
  for (const child of children) collectFieldWrites(child, name, writes, depth + 1);
}

/** `import.meta.env.VITE_BACKEND_API_URL`, `process.env.NEXT_PUBLIC_API_URL` (see `OWN_BASE_NAME`). */
function isOwnBaseVariable(node: TSESTree.MemberExpression): boolean {
  const name = node.computed
    ? node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : undefined
    : node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  if (!name || !isOwnBaseName(name)) return false;
  const env = unwrapExpression(node.object);
  if (env.type !== AST_NODE_TYPES.MemberExpression || env.computed || env.property.type !== AST_NODE_TYPES.Identifier || env.property.name !== 'env') return false;
  const holder = unwrapExpression(env.object);
  return (holder.type === AST_NODE_TYPES.MetaProperty && holder.meta.name === 'import') || (holder.type === AST_NODE_TYPES.Identifier && holder.name === 'process');
}

/**
 * `backendUrl`, `apiBaseUrl`, `serverOrigin`, `instanceUrl`, `serverAddress`: a setting named as the app's own back end (read in a page: an extension's
 * stored back end, a front end's config). A bare `baseUrl` or a name with another word (`openaiBaseUrl`) says nothing.
 */
const OWN_BACK_END_NAME = /^(?:backend|api|server|instance)(?:Base)?(?:Url|URL|Uri|URI|Origin|Endpoint|Address)$/;
/** Objects that hold what the user set: `settings`, `appSettings`, `config`, `prefs`, `preferences`. */
const USER_SETTINGS_NAME = /^(?:\w*Settings|settings|config|\w*Config|prefs|preferences)$/;

/**
 * `settings.address`: a client of a self-hosted service (an extension, a mobile app) calling the server whose address
 * its user set. Read in a page only (see `isOwnOriginCall`); `peer.address` or `settings.smtpAddress` say nothing.
 */
function isServerAddressSetting(node: TSESTree.MemberExpression): boolean {
  const holder = unwrapExpression(node.object);
  const holderName = holder.type === AST_NODE_TYPES.Identifier ? holder.name : holder.type === AST_NODE_TYPES.MemberExpression ? staticName(holder) : undefined;
  return staticName(node) === 'address' && holderName !== undefined && USER_SETTINGS_NAME.test(holderName);
}

/** A setting named as a path, not a URL: whatever follows it, the request stays on the page's origin. */
const RELATIVE_PATH_NAME = /^(?:relative_?[pP]ath|RELATIVE_PATH)$/;
/** A setting that may hold a path or a whole URL: the page's own only with one of the app's API paths after it. */
const BASE_PATH_NAME = /^(?:base_?[pP]ath|base_?[uU][rR][lL]|BASE_PATH|BASE_URL)$/;
const OWN_API_PATH = /^\/api(?:[/?#]|$)/;

/**
 * `${config.relative_path}/api/admin/topics`, `appConfig.basePath + '/api/me'`: a page of an app served under a
 * configured base path (a forum's `relative_path`, Next.js's `basePath`) fetching its own server. Only read from the
 * app's settings object (`config`, `window.config`, `appConfig`, `settings`), and a `basePath`/`baseUrl` (which may
 * be another server's full URL, as in generated API clients) only before `/api/...`.
 */
function isOwnBasePath(expression: TSESTree.Node, rest: string): boolean {
  const node = unwrapExpression(expression);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = staticName(node);
  if (!name || !(RELATIVE_PATH_NAME.test(name) || (BASE_PATH_NAME.test(name) && OWN_API_PATH.test(rest)))) return false;
  const holder = unwrapExpression(node.object);
  const holderName = holder.type === AST_NODE_TYPES.Identifier ? holder.name : holder.type === AST_NODE_TYPES.MemberExpression ? staticName(holder) : undefined;
  return holderName !== undefined && USER_SETTINGS_NAME.test(holderName);
}

/** The text an expression starts with, when it starts with written text: `'/api/x'`, `` `/api/${id}` ``. */
function leadingText(expression: TSESTree.Node): string {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : '';
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis[0]?.value.cooked ?? '';
  return node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+' ? leadingText(node.left) : '';
}

function isOwnBackEndName(name: string | undefined): boolean {
  return name !== undefined && OWN_BACK_END_NAME.test(name);
}

function staticName(node: TSESTree.MemberExpression): string | undefined {
  return !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
}

/** `VITE_API_URL`, `NEXT_PUBLIC_WEBAPP_URL`: a public build-time variable named as the app's own base URL. */
function isOwnBaseName(name: string): boolean {
  const prefix = PUBLIC_ENV_PREFIX.exec(name)?.[0];
  return prefix !== undefined && OWN_BASE_NAME.test(name.slice(prefix.length));
}

/** `location.origin`, `window.location.origin`, `self.location.href`, `document.baseURI`, `window.origin`. */
function isPageOrigin(node: TSESTree.MemberExpression): boolean {
  if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return false;
  const property = node.property.name;
  const object = unwrapExpression(node.object);
  if (object.type === AST_NODE_TYPES.Identifier) {
    if (object.name === 'document') return property === 'baseURI' || property === 'URL';
    if (object.name === 'window' || object.name === 'self') return property === 'origin';
    return object.name === 'location' && (property === 'origin' || property === 'href');
  }
  return object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier
    && object.property.name === 'location' && object.object.type === AST_NODE_TYPES.Identifier
    && ['window', 'self', 'globalThis', 'document'].includes(object.object.name) && (property === 'origin' || property === 'href');
}

function isProperty(member: TSESTree.MemberExpression, name: string): boolean {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === name;
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

function isImportMetaUrl(expression: TSESTree.Node): boolean {
  const node = unwrapExpression(expression);
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.MetaProperty
    && node.object.meta.name === 'import' && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'url';
}
