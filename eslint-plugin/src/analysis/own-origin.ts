import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { fileEnvironment } from '../project/file-roles.js';
import { unwrapExpression } from './syntax.js';
import type { ExternalCall } from './external-calls.js';
import type { ResilintSettings } from './settings.js';

/**
 * Calls a browser makes to the page's own origin: a relative URL (`fetch('/api/items')`, `` fetch(`/api/${id}`) ``,
 * `axios.get('/api')` on a client with no other base URL), a bundled asset (`import url from './data.json?url'`,
 * `new URL('./worker.js', import.meta.url)`) and `localhost` (a local dev tool's UI calling its own server), from
 * code that runs in a browser. A hang there costs a spinner in one tab, not a service: `recommended` does not report
 * them.
 */
export function isOwnOriginCall(call: ExternalCall, sourceCode: Readonly<TSESLint.SourceCode>, filename: string, settings: ResilintSettings): boolean {
  const judge = (target: ExternalCall): Destination => {
    if (!BROWSER_CLIENTS.has(target.client) || !hasNoOtherBase(target)) return 'elsewhere';
    const url = urlArgument(target.node);
    return url ? destination(url, sourceCode, new Set()) : 'elsewhere';
  };
  // A same-file wrapper (`const getJson = (path) => fetch(path)...`): where its inner call goes, else its own argument.
  let verdict = call.wrapped ? judge(call.wrapped) : judge(call);
  if (verdict === 'elsewhere' && call.wrapped && BROWSER_CLIENTS.has(call.wrapped.client) && hasNoOtherBase(call.wrapped)) {
    const argument = call.node.arguments[0];
    if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) verdict = destination(argument, sourceCode, new Set());
  }
  // Only a page has an origin: on a server a relative URL goes through a base URL or a framework's own fetch.
  return verdict !== 'elsewhere' && fileEnvironment(filename, sourceCode.text, settings.files) === 'browser';
}

type Destination = 'own-origin' | 'elsewhere';

/** Clients that run in browsers and resolve a relative URL against the page. */
const BROWSER_CLIENTS = new Set<ExternalCall['client']>(['fetch', 'axios', 'ky', 'superagent']);
/** Options that give an instance its own base URL (axios, ky, ky's older spelling). */
const BASE_OPTIONS = new Set(['baseURL', 'prefixUrl', 'prefixURL']);
const SCHEME = /^[a-z][\w+.-]*:/i;
const LOCALHOST = /^(?:https?|wss?):\/\/(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)(?:[:/?#]|$)/i;
/** Imports a bundler turns into a URL of the app itself: `?url`, `?raw`, `?worker`, or a static asset. */
const ASSET_IMPORT = /\?(?:url|raw|worker|inline)$|\.(?:json|wasm|svg|png|jpe?g|gif|webp|txt|csv|md|xml|ya?ml|glb|gltf|mp3|mp4|woff2?)$/i;

/** A relative URL resolves against the instance's base when it has one: only a relative (or no) base is the page's. */
function hasNoOtherBase(call: ExternalCall): boolean {
  return call.instanceOptions.every((options) => {
    if (options === null) return false;
    const base = options.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property
      && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && BASE_OPTIONS.has(property.key.name));
    if (!base) return !options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
    const value = base.value;
    return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' && isRelative(value.value);
  });
}

/** The URL a call requests: its first argument, or the `url` of a config object (`axios({ url })`). */
function urlArgument(node: TSESTree.CallExpression): TSESTree.Node | undefined {
  const first = node.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (first.type !== AST_NODE_TYPES.ObjectExpression) return first;
  const url = first.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property
    && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'url');
  return url?.value;
}

function destination(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, seen: Set<TSESTree.Node>): Destination {
  const node = unwrapExpression(expression);
  if (seen.has(node)) return 'elsewhere';
  seen.add(node);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? ofText(node.value) : 'elsewhere';
    case AST_NODE_TYPES.TemplateLiteral: {
      const head = node.quasis[0]?.value.cooked ?? '';
      if (head === '' && node.expressions.length > 0) return isPageOrigin(node.expressions[0]!) ? 'own-origin' : 'elsewhere';
      return ofText(head);
    }
    case AST_NODE_TYPES.ConditionalExpression:
      // `cursor ? `/api/items?cursor=${cursor}` : '/api/items'`: the page's own when both are
      return destination(node.consequent, sourceCode, seen) === 'own-origin' && destination(node.alternate, sourceCode, seen) === 'own-origin' ? 'own-origin' : 'elsewhere';
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator !== '+') return 'elsewhere';
      return isPageOrigin(node.left) ? 'own-origin' : destination(node.left, sourceCode, seen);
    case AST_NODE_TYPES.NewExpression: {
      // new URL(path, import.meta.url) is a bundled asset; new URL(path, location.origin) the page's own origin
      const base = node.arguments[1];
      if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'URL' || !base) return 'elsewhere';
      return isImportMetaUrl(base) || isPageOrigin(base) ? 'own-origin' : 'elsewhere';
    }
    case AST_NODE_TYPES.Identifier:
      return destinationOfVariable(node, sourceCode, seen);
    default:
      return 'elsewhere';
  }
}

function ofText(url: string): Destination {
  return LOCALHOST.test(url) || isRelative(url) ? 'own-origin' : 'elsewhere';
}

/** `/api`, `./data.json`, `api/items`, `?page=2`: no scheme and not protocol-relative (`//cdn.example.com`). */
function isRelative(url: string): boolean {
  return url !== '' && !SCHEME.test(url) && !url.startsWith('//');
}

function destinationOfVariable(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>, seen: Set<TSESTree.Node>): Destination {
  const definition = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
  if (!definition) return 'elsewhere';
  if (definition.type === 'ImportBinding') {
    const declaration = definition.parent;
    return declaration.type === AST_NODE_TYPES.ImportDeclaration && ASSET_IMPORT.test(declaration.source.value) ? 'own-origin' : 'elsewhere';
  }
  const declarator = definition.node;
  if (definition.type !== 'Variable' || declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !declarator.init) {
    return 'elsewhere';
  }
  return destination(declarator.init, sourceCode, seen);
}

/** `location.origin`, `window.location.origin`, `self.location.href`, `document.baseURI`, `window.origin`. */
function isPageOrigin(expression: TSESTree.Node): boolean {
  const node = unwrapExpression(expression);
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return false;
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

function isImportMetaUrl(expression: TSESTree.Node): boolean {
  const node = unwrapExpression(expression);
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.MetaProperty
    && node.object.meta.name === 'import' && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'url';
}
