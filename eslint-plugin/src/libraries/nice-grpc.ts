import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { memberKeyName, staticPropertyName } from '../analysis/member-syntax.js';
import { asObject, isSet, readOptions } from '../analysis/syntax.js';
import { derive, instanceFrom, io, value, type ClientValue, type LibraryModel, type OptionFacts } from './model.js';

/**
 * nice-grpc: `createClient(Definition, channel)` or `createClientFactory().use(middleware).create(Definition,
 * channel)`, then `await client.method(request, callOptions)`. Like grpc-js under it, no call has a deadline unless
 * given one: each call's options take an AbortSignal (`{ signal }`), and with nice-grpc-client-middleware-deadline on
 * the factory a `deadline` (a Date, or milliseconds from the call); the client's default call options
 * (`{ '*': { deadline: 10_000 } }`) give one to every call. Keepalive channel options bound no call.
 */

const MODULE = 'nice-grpc';

/**
 * Server-streaming and bidirectional calls (`listen`, `subscribeToEvents`, `watch`) are meant to stay open: a deadline
 * would end a healthy stream. Which methods stream is in the service definition, generated in another file, so it is
 * read from the call: iterated by `for await`, named as a stream is, or given a stream of requests.
 */
const STREAM_NAME = /^(listen|subscribe|watch|stream|tail|follow|observe)/i;

function isIteratedStream(node: TSESTree.CallExpression): boolean {
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.ForOfStatement && parent.await && parent.right === node) return true;
  return parent.type === AST_NODE_TYPES.YieldExpression && parent.delegate;
}

/**
 * A client-streaming or bidirectional call takes an async iterable of requests where a unary call takes one: a
 * generator of the class (`this.client.durableTask(this.requests(), { signal })`), or something named as one.
 */
const REQUEST_STREAM_NAME = /iterat|stream|generat|requests$/i;

function takesRequestStream(node: TSESTree.CallExpression): boolean {
  const first = node.arguments[0];
  const named = first?.type === AST_NODE_TYPES.CallExpression ? first.callee : first;
  const name = named?.type === AST_NODE_TYPES.Identifier ? named.name
    : named?.type === AST_NODE_TYPES.MemberExpression && !named.computed ? staticPropertyName(named) : undefined;
  if (name === undefined) return false;
  if (REQUEST_STREAM_NAME.test(name)) return true;
  // `this.requests()`, a generator method of the class the call is made in
  if (first?.type !== AST_NODE_TYPES.CallExpression || named?.type !== AST_NODE_TYPES.MemberExpression || named.object.type !== AST_NODE_TYPES.ThisExpression) return false;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ClassBody) continue;
    return current.body.some((element) => element.type === AST_NODE_TYPES.MethodDefinition && !element.computed && memberKeyName(element) === name && element.value.generator);
  }
  return false;
}

/**
 * A middleware named for deadlines or timeouts, other than the library's own (which sets none by itself), may give
 * every call a deadline: calls of the factory's clients are then not judged.
 */
function middlewareMayBound(node: TSESTree.CallExpression): boolean {
  const middleware = node.arguments[0];
  const name = middleware?.type === AST_NODE_TYPES.Identifier ? middleware.name
    : middleware?.type === AST_NODE_TYPES.CallExpression && middleware.callee.type === AST_NODE_TYPES.Identifier ? middleware.callee.name : undefined;
  return name === undefined || (name !== 'deadlineMiddleware' && /deadline|timeout/i.test(name));
}

/** Options that bound a call (in its own options, or in default call options). */
const BOUNDING = ['deadline', 'signal'];

/**
 * The client's default call options: `'*'` bounds every call when it sets a deadline; a default for some methods only
 * bounds those, which this reading cannot tell from the call, so it says nothing.
 */
function defaultCallOptions(facts: OptionFacts): 'bounded' | 'silent' | 'unknown' {
  let verdict: 'silent' | 'unknown' = 'silent';
  for (const [key, node] of facts) {
    const object = asObject(node);
    const inner = object ? readOptions(object) : 'unknown';
    const sets = inner === 'unknown' ? undefined : BOUNDING.some((option) => isSet(inner.get(option)));
    if (key === '*' && sets === true) return 'bounded';
    if (sets !== false) verdict = 'unknown';
  }
  return verdict;
}

function client(from: ClientValue, node: TSESTree.CallExpression): ClientValue {
  // `create(definition, channel, defaultCallOptions)`
  return instanceFrom(from, 'client', node, node.arguments.length > 2 ? [node.arguments[2]] : []);
}

export const niceGrpcLibrary: LibraryModel = {
  kind: 'nice-grpc',
  title: 'nice-grpc',
  modules: [MODULE],
  typeNames: ['ClientFactory'],
  takesUrl: false,
  dependencyName: 'grpc',
  signal: '`signal` in the call options',
  retries: 'only with nice-grpc-client-middleware-retry',
  fromModule(module, imported) {
    if (module !== MODULE) return undefined;
    if (imported === 'createClientFactory') return value('nice-grpc', 'factory-maker', imported);
    if (imported === 'createClient') return value('nice-grpc', 'client-maker', imported);
    if (imported === 'ClientFactory') return value('nice-grpc', 'factory-type', imported);
    return undefined;
  },
  member(v, name) {
    if (v.role === 'factory' && (name === 'use' || name === 'create')) return derive(v, `factory-${name}`, name);
    if (v.role === 'client' && name !== 'constructor') return derive(v, 'rpc', name);
    return undefined;
  },
  call(v, node) {
    switch (v.role) {
      case 'factory-maker':
        return { result: { ...derive(v, 'factory', 'factory'), options: [], origin: node } };
      case 'factory-use':
        return { result: { ...derive(v, 'factory', 'factory'), options: middlewareMayBound(node) ? [null, ...v.options] : v.options } };
      case 'factory-create':
      case 'client-maker':
        return { result: client(v, node) };
      case 'rpc':
        if (STREAM_NAME.test(v.name) || isIteratedStream(node) || takesRequestStream(node)) return undefined;
        return io(`gRPC ${v.name}`, undefined, 1, 'signal');
      default:
        return undefined;
    }
  },
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'factory-type' ? { ...v, role: 'factory', options: [] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['deadline'],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)` in the call options (or, with nice-grpc-client-middleware-deadline on the factory, a `deadline`): nice-grpc sets no deadline, and keepalive options bound no call',
    defaultBound: 'none',
    readInstanceOptions: defaultCallOptions,
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'signal', value: `AbortSignal.timeout(${milliseconds})` }),
  },
};
