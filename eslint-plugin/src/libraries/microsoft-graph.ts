import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { asObject, isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { derive, instanceFrom, io, value, type LibraryModel, type OptionFacts } from './model.js';

/**
 * Microsoft Graph (`@microsoft/microsoft-graph-client` 3): `Client.init({ authProvider })` or
 * `Client.initWithMiddleware({ authProvider, middleware? })`, then a request built by chaining
 * (`client.api('/me/messages').top(25).get()`). Its default middleware chain (authentication, retry, redirect,
 * telemetry, the fetch itself) sets no timeout, and the retry handler retries 429/503/504 answers three times with
 * growing waits, so a call whose server stops answering waits forever. What bounds it: a `signal` in the request's
 * own fetch options (`.option('signal', s)`, `.options({ signal })`), one in the client's `fetchOptions`, or a
 * middleware chain of the app's own, which may set one (not read).
 */

const MODULE = '@microsoft/microsoft-graph-client';

/** GraphRequest's builder methods: each returns the same request, refined. */
const BUILDERS = new Set([
  'header', 'headers', 'option', 'options', 'middlewareOptions', 'version', 'responseType', 'select', 'expand', 'orderby',
  'filter', 'search', 'top', 'skip', 'skipToken', 'count', 'query',
]);

/**
 * GraphRequest's methods that send it, with the HTTP method a rule may judge them by. The writes carry none: Graph
 * takes no idempotency key, so a retry around one could only be told "do not", and apps wrap their writes in retry
 * helpers that retry on throttling alone (a 429 says nothing was applied), which a helper in another module hides.
 */
const SENDS: Readonly<Record<string, string | undefined>> = {
  get: 'GET', getStream: 'GET', post: undefined, create: undefined, put: undefined, putStream: undefined, patch: undefined, update: undefined, delete: undefined, del: undefined,
};

/**
 * Whether the request's chain gives fetch a signal: `.option('signal', s)`, or `.options({...})` holding one or
 * written elsewhere (not read, so it may).
 */
function chainGivesSignal(call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = call.callee;
  for (let depth = 0; depth < 40; depth++) {
    const node = unwrapExpression(current);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      current = node.object;
      continue;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = node.callee.type === AST_NODE_TYPES.MemberExpression && !node.callee.computed && node.callee.property.type === AST_NODE_TYPES.Identifier ? node.callee.property.name : undefined;
    const [first, second] = node.arguments;
    if (callee === 'option' && first?.type === AST_NODE_TYPES.Literal && first.value === 'signal' && second && isSet(second)) return true;
    if (callee === 'options' && first) {
      const literal = asObject(first);
      if (!literal) return true;
      const facts = readOptions(literal);
      if (facts === 'unknown' || isSet(facts.get('signal'))) return true;
    }
    current = node.callee;
  }
  return false;
}

/** The client's options: a signal in `fetchOptions` bounds every call; a middleware chain of the app's own may. */
function clientOptionsVerdict(facts: OptionFacts): 'bounded' | 'silent' | 'unknown' {
  if (facts.has('middleware')) return 'unknown';
  const fetchOptions = facts.get('fetchOptions');
  if (!fetchOptions) return 'silent';
  const literal = asObject(fetchOptions);
  if (!literal) return 'unknown';
  const inner = readOptions(literal);
  if (inner === 'unknown') return 'unknown';
  return isSet(inner.get('signal')) ? 'bounded' : 'silent';
}

const SIGNAL_OPTION = ".option('signal', AbortSignal.timeout(5_000))";

export const microsoftGraphLibrary: LibraryModel = {
  kind: 'microsoft-graph',
  title: 'Microsoft Graph (`@microsoft/microsoft-graph-client`)',
  modules: [MODULE],
  typeNames: ['Client'],
  takesUrl: false,
  dependencyName: 'microsoft-graph',
  signal: "`.option('signal', signal)` on the request, or `signal` in the client's `fetchOptions`",
  retries: 'its retry middleware: 3 retries of 429/503/504 answers, waits growing from 3 s (honouring `Retry-After`)',
  retriesByDefault: true,
  fromModule: (module, imported) => (module === MODULE && imported === 'Client' ? value('microsoft-graph', 'class', 'Client') : undefined),
  member(v, name) {
    if (v.role === 'class') return name === 'init' || name === 'initWithMiddleware' ? derive(v, 'factory', name) : undefined;
    if (v.role === 'client') return name === 'api' ? derive(v, 'api', name) : undefined;
    if (v.role === 'request') {
      if (BUILDERS.has(name)) return derive(v, 'builder', name);
      if (Object.hasOwn(SENDS, name)) return derive(v, 'send', name);
    }
    return undefined;
  },
  call(v, node) {
    if (v.role === 'factory') return { result: instanceFrom(v, 'client', node, [node.arguments[0]], 'Client') };
    if (v.role === 'api' || v.role === 'builder') return { result: derive(v, 'request', 'request') };
    if (v.role === 'send') return io(`Microsoft Graph ${v.name}`, SENDS[v.name], -1, undefined);
    return undefined;
  },
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: [],
    instanceOptions: [],
    instanceOptionsRead: ['fetchOptions', 'middleware'],
    chainMethods: [],
    remedy: "chain `.option('signal', AbortSignal.timeout(ms))` before sending the request",
    defaultBound: 'none',
    // (the docs table asks about a call it does not show: a request with no chain)
    isChecked: (call) => call.node === undefined || !chainGivesSignal(call.node),
    readInstanceOptions: clientOptionsVerdict,
  },
  fix: {
    // the signal is one of the request's fetch options, set by its builder just before the send
    clientTimeout(_target, call) {
      const callee = call.node.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
      const edits = new SourceEdits();
      edits.insert(callee.object.range[1], SIGNAL_OPTION);
      return { edits, option: SIGNAL_OPTION };
    },
  },
};
