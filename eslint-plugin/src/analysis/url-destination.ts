import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { GLOBAL_OBJECTS, memberKeyName, staticPropertyName } from './member-syntax.js';
import { isOwnBackEndName, isOwnBaseName, isOwnBasePath, isOwnBaseVariable, isPageInjectedBase, isPageOrigin, isServerAddressSetting, staticName } from './own-base-names.js';
import { isRelativePath, propertyKey, unwrapExpression } from './syntax.js';
import { exportedConstant } from './exported-constants.js';
import { walkSameFunction } from './loops.js';
import { helperFunction } from './pass-through-helpers.js';
import type { ExternalCall } from './external-calls.js';

// Where a request goes, as far as the code says: its URL written out, a variable or field holding it, a base URL of
// its client's instance, a `new URL(path, base)`. own-origin.ts decides from this whether a call is the page's own.

/**
 * `formatPath('/api/files')`, `withBasePath(`/api/${id}`)`: a function of the app given one path of the app's own,
 * to prefix the base path it is served under.
 */
export function isPathHelperCall(node: TSESTree.CallExpression): boolean {
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
export function callDestination(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>, file?: string): Destination {
  if (call.wrapperDestination) return call.wrapperDestination;
  if (!call.wrapped) return judgeCall(call, sourceCode, file);
  // a wrapper of another module stands at this very call: its arguments are read below, as a wrapper's
  const inner = call.wrapped.wrapperDestination ?? (call.wrapped.node === call.node ? 'unknown' : judgeCall(call.wrapped, sourceCode, file));
  const argument = call.node.arguments[0];
  if (inner !== 'unknown' || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return inner;
  return resolvedAgainstBase(call.wrapped, wrapperArgumentDestination(argument, sourceCode, file), sourceCode, file);
}

/**
 * A wrapper's first argument, read as the URL it requests: text written out counts as a path of the page only when it
 * reads as one (`'/api/items'`, `'./data.json'`); other text (`stock.level('a-1')`, a SKU) says nothing of where the
 * wrapper's call goes.
 */
function wrapperArgumentDestination(argument: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, file: string | undefined): Destination {
  const verdict = destination(argument, { sourceCode, file, seen: new Set() });
  const node = unwrapExpression(argument);
  const written = node.type === AST_NODE_TYPES.Literal || (node.type === AST_NODE_TYPES.TemplateLiteral && (node.quasis[0]?.value.cooked ?? '') !== '');
  return verdict === 'page' && written && !/^[./]/.test(leadingText(node)) ? 'unknown' : verdict;
}

/** Where a URL expression leads (a client's `url` option), as far as the file says. */
export function urlDestination(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, file?: string): Destination {
  return destination(expression, { sourceCode, file, seen: new Set() });
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
export const BROWSER_CLIENTS = new Set<ExternalCall['client']>(['fetch', 'fetch-retry', 'axios', 'ky', 'superagent']);
/** Options that give an instance its own base URL (axios, ky, ky's older spelling). */
export const BASE_OPTIONS = new Set(['baseURL', 'prefixUrl', 'prefixURL']);
export const SCHEME = /^[a-z][\w+.-]*:/i;
const SCHEME_ONLY = /^(?:https?|wss?):\/\/$/i;
const LOOPBACK_URL = /^(?:https?|wss?):\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?:[:/?#]|$)/i;
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0)$/i;
/** Imports a bundler turns into a URL of the app itself: `?url`, `?raw`, `?worker`, or a static asset. */
const ASSET_IMPORT = /\?(?:url|raw|worker|inline)$|\.(?:json|wasm|svg|png|jpe?g|gif|webp|txt|csv|md|xml|ya?ml|glb|gltf|mp3|mp4|woff2?)$/i;

function judgeCall(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>, file: string | undefined): Destination {
  const target = requestTarget(call.node);
  if (!target) return 'unknown';
  const verdict = target.isHost ? hostDestination(target.expression, sourceCode) : destination(target.expression, { sourceCode, file, seen: new Set() });
  return resolvedAgainstBase(call, verdict, sourceCode, file);
}

/** A relative URL resolves against the instance's base when it has one, and against the page only in a browser client. */
function resolvedAgainstBase(call: ExternalCall, verdict: Destination, sourceCode: Readonly<TSESLint.SourceCode>, file: string | undefined): Destination {
  if (verdict !== 'page') return verdict;
  if (!BROWSER_CLIENTS.has(call.client)) return 'unknown';
  for (const options of call.instanceOptions) {
    if (options === null) return 'unknown';
    const base = options.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property
      && BASE_OPTIONS.has(propertyKey(property) ?? ''));
    if (base) return destination(base.value, { sourceCode, file, seen: new Set() });
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

/**
 * What a URL is read against: the module's code, its path (to follow an import into the module that exports a value;
 * undefined when the code has no file) and the expressions being judged on the way here.
 */
interface Reading {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly file: string | undefined;
  readonly seen: Set<TSESTree.Node>;
}

/** How deep a chain of variables and fields is followed. */
const MAX_FOLLOWED = 24;

/** A cycle, or a chain too long, is `unknown`. */
function destination(expression: TSESTree.Node, reading: Reading): Destination {
  const node = unwrapExpression(expression);
  if (reading.seen.has(node) || reading.seen.size > MAX_FOLLOWED) return 'unknown';
  reading.seen.add(node);
  try {
    return destinationOf(node, reading);
  } finally {
    reading.seen.delete(node);
  }
}

function destinationOf(node: TSESTree.Node, reading: Reading): Destination {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? ofText(node.value) : 'unknown';
    case AST_NODE_TYPES.TemplateLiteral: {
      const head = node.quasis[0]?.value.cooked ?? '';
      // `${config.relative_path}/api/topics`: the path the app is served under, then one of its own
      if (head === '' && node.expressions.length > 0 && isOwnBasePath(node.expressions[0]!, node.quasis[1]?.value.cooked ?? '')) return 'page';
      // `${base}/auth`: where the base goes
      if (head === '' && node.expressions.length > 0) return destination(node.expressions[0]!, reading);
      // `http://${host}:${port}/x`: where the host is
      if (SCHEME_ONLY.test(head) && node.expressions.length > 0) return hostDestination(node.expressions[0]!, reading.sourceCode);
      return ofText(head);
    }
    case AST_NODE_TYPES.ConditionalExpression: {
      // `cursor ? `/api/items?cursor=${cursor}` : '/api/items'`: the page's own when both are
      const consequent = destination(node.consequent, reading);
      const alternate = destination(node.alternate, reading);
      if (consequent === alternate) return consequent;
      // `PROD ? import.meta.env.VITE_API_HOST : 'http://localhost:4019'`: the app's back end where it is deployed, this
      // machine in development; the app's own either way
      return OWN.has(consequent) && OWN.has(alternate) ? 'page' : 'unknown';
    }
    case AST_NODE_TYPES.LogicalExpression: {
      // `options.baseUrl || '/api'`, `import.meta.env.VITE_API_URL ?? ''`: configurable, by default the page's own
      if (node.operator === '&&') return 'unknown';
      const fallback = destination(node.right, reading);
      return destination(node.left, reading) === 'remote' ? 'remote' : fallback;
    }
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator === '+' && isOwnBasePath(node.left, leadingText(node.right))) return 'page';
      return node.operator === '+' ? destination(node.left, reading) : 'unknown';
    case AST_NODE_TYPES.NewExpression:
      return urlObjectDestination(node, reading);
    case AST_NODE_TYPES.MemberExpression:
      if (isPageOrigin(node) || isOwnBaseVariable(node) || isPageInjectedBase(node) || isOwnBackEndName(staticName(node)) || isServerAddressSetting(node)) return 'page';
      // `new URL(...).href`
      if (isProperty(node, 'href')) return destination(node.object, reading);
      return node.object.type === AST_NODE_TYPES.ThisExpression ? fieldDestination(node, reading) : 'unknown';
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(node.callee);
      // `url.toString()`
      if (callee.type === AST_NODE_TYPES.MemberExpression && isProperty(callee, 'toString') && node.arguments.length === 0) {
        return destination(callee.object, reading);
      }
      // `NEXT_PUBLIC_WEBAPP_URL()`: a getter named as the app's own public base URL
      if (callee.type === AST_NODE_TYPES.Identifier && node.arguments.length === 0 && isOwnBaseName(callee.name)) return 'page';
      // `localStorage.getItem('baseUrl')`: an address the page saved for itself (its back end, chosen at sign-in)
      if (isPathHelperCall(node) || readsPageStorage(callee)) return 'page';
      // `launchBrowser(path)`, `this.spawn(timeout)` spawning a browser and reading its DevTools address from its output:
      // a process on this machine
      return startsProcess(callee, reading.sourceCode) ? 'loopback' : 'unknown';
    }
    case AST_NODE_TYPES.AwaitExpression:
      return destination(node.argument, reading);
    case AST_NODE_TYPES.Identifier:
      return destinationOfVariable(node, reading);
    default:
      return 'unknown';
  }
}

/** `new URL('http://localhost:9119/x')`, `new URL(path, 'http://127.0.0.1:8080')`, `new URL(path, import.meta.url)`. */
function urlObjectDestination(node: TSESTree.NewExpression, reading: Reading): Destination {
  const [path, base] = node.arguments;
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'URL' || !path || path.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
  const ofPath = destination(path, reading);
  if (!base || base.type === AST_NODE_TYPES.SpreadElement || ofPath === 'remote' || ofPath === 'loopback') return ofPath === 'page' && base ? 'unknown' : ofPath;
  return isImportMetaUrl(base) ? 'page' : destination(base, reading);
}

const OWN: ReadonlySet<Destination> = new Set(['page', 'loopback']);

const PAGE_STORAGE = new Set(['localStorage', 'sessionStorage']);

/** `localStorage.getItem`, `window.sessionStorage.getItem`: only a page has that storage. */
function readsPageStorage(callee: TSESTree.Node): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !isProperty(callee, 'getItem')) return false;
  const storage = unwrapExpression(callee.object);
  if (storage.type === AST_NODE_TYPES.Identifier) return PAGE_STORAGE.has(storage.name);
  return storage.type === AST_NODE_TYPES.MemberExpression && storage.object.type === AST_NODE_TYPES.Identifier
    && GLOBAL_OBJECTS.has(storage.object.name) && PAGE_STORAGE.has(staticPropertyName(storage) ?? '');
}

function ofText(url: string): Destination {
  if (LOOPBACK_URL.test(url)) return 'loopback';
  return SCHEME.test(url) || url.startsWith('//') ? 'remote' : 'page';
}

function destinationOfVariable(identifier: TSESTree.Identifier, reading: Reading): Destination {
  const variable = ASTUtils.findVariable(reading.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition) return 'unknown';
  // a parameter or setting named as the app's own back end (`backendUrl`), as the page's code knows it
  if (definition.type === 'Parameter' && isOwnBackEndName(identifier.name)) return 'page';
  if (definition.type === 'ImportBinding') return importedDestination(definition.node, definition.parent, reading);
  const declarator = definition.node;
  if (definition.type !== 'Variable' || declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return 'unknown';
  if (declarator.parent.kind === 'const') return declarator.init ? destination(declarator.init, reading) : 'unknown';
  // A `let` built in branches (`url = base + path`, or the caller's absolute URL as is): the page's when one branch
  // builds it so and no branch is known to go elsewhere.
  const writes = variable.references.flatMap((reference) => (reference.writeExpr ? [reference.writeExpr] : []));
  return mostlyPage(writes.map((write) => destination(write, reading)));
}

/**
 * An imported name: a bundled asset's URL, or a constant of the project (`import { API_HOST } from './config/settings'`),
 * which goes where its value in the module exporting it goes.
 */
function importedDestination(specifier: TSESTree.Node, declaration: TSESTree.Node | null, reading: Reading): Destination {
  if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return 'unknown';
  if (ASSET_IMPORT.test(declaration.source.value)) return 'page';
  if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || !reading.file) return 'unknown';
  const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
  const exported = exportedConstant(reading.file, declaration.source.value, imported);
  return exported ? destination(exported.expression, { ...exported, seen: reading.seen }) : 'unknown';
}

const CHILD_PROCESS_CALLS = new Set(['spawn', 'exec', 'execFile', 'fork', 'execa']);

/**
 * A function of this file, or a method of the class making the call, that starts a child process (`spawn(executable,
 * args)`): what it resolves with is that process's.
 */
function startsProcess(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const fn = helperFunction(sourceCode, callee);
  if (!fn?.body) return false;
  let starts = false;
  walkSameFunction(fn.body, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const name = node.callee.type === AST_NODE_TYPES.Identifier ? node.callee.name
      : node.callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(node.callee) : undefined;
    if (name !== undefined && CHILD_PROCESS_CALLS.has(name)) starts = true;
  });
  return starts;
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
function fieldDestination(member: TSESTree.MemberExpression, reading: Reading): Destination {
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
  const verdicts = writes.map((write) => destination(write, reading));
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

/** The text an expression starts with, when it starts with written text: `'/api/x'`, `` `/api/${id}` ``. */
export function leadingText(expression: TSESTree.Node): string {
  const node = unwrapExpression(expression);
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : '';
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis[0]?.value.cooked ?? '';
  return node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+' ? leadingText(node.left) : '';
}


function isProperty(member: TSESTree.MemberExpression, name: string): boolean {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === name;
}


export function isImportMetaUrl(expression: TSESTree.Node): boolean {
  const node = unwrapExpression(expression);
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.MetaProperty
    && node.object.meta.name === 'import' && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'url';
}
