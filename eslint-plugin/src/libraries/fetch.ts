import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { methodFromOptions, propertyKey } from '../analysis/syntax.js';
import { io, value, type CallOutcome, type ClientValue, type FixModel, type LibraryModel } from './model.js';

/** The standard fetch: the global, `globalThis.fetch`, and polyfills whose default (or `fetch`) export it is. */

export function fetchCall(label: string, call: TSESTree.CallExpression): CallOutcome {
  const first = call.arguments[0];
  const method = first && first.type === AST_NODE_TYPES.NewExpression ? undefined : methodFromOptions(call.arguments[1]);
  return io(label, method, 1, 'signal');
}

/** fetch(input, init): the timeout is a signal in `init`, or timeouts set where its undici dispatcher is created. */
export const fetchFix: FixModel = {
  optionsIndex: () => 1,
  nativeTimeout: (_call, milliseconds) => ({ key: 'signal', value: `AbortSignal.timeout(${milliseconds})` }),
  instanceTimeout: (call) => {
    if (call.instanceOptions.length === 0) return undefined;
    // a `bodyTimeout` the dispatcher already has is the user's choice: only the wait for headers is missing
    const created = call.instanceOptions[0];
    const setsBody = created?.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKey(property) === 'bodyTimeout');
    return setsBody ? [['headersTimeout', '10_000']] : [['headersTimeout', '10_000'], ['bodyTimeout', '30_000']];
  },
};

/**
 * A `dispatcher` bounds a fetch only through the timeouts it was created with: undici's `headersTimeout` and
 * `bodyTimeout` default to 300 s each, the same as a bare fetch in Node (whose global dispatcher is such an Agent),
 * and `connect.timeout` bounds the connection only.
 */
export const DISPATCHER = {
  option: 'dispatcher',
  remedy: 'pass `signal: AbortSignal.timeout(ms)`, or set `headersTimeout` and `bodyTimeout` where its dispatcher is created (undici\'s default is 300 s each, as for a bare fetch)',
} as const;

export const GLOBAL_FETCH: ClientValue = value('fetch', 'fetch', 'fetch');
/**
 * The type of fetch, named by a module's alias (`export type Fetch = typeof fetch`, or fetch's own signature written
 * out: `(input: string | URL | Request, init?: RequestInit) => Promise<Response>`): a member or parameter declared
 * with it holds a fetch, as one declared `typeof fetch` does.
 */
export const FETCH_TYPE: ClientValue = value('fetch', 'fetch-type', 'fetch');

const POLYFILLS = ['cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'unfetch'];

export const fetchLibrary: LibraryModel = {
  kind: 'fetch',
  title: 'fetch (global, cross-fetch, isomorphic-fetch, unfetch)',
  modules: POLYFILLS,
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the init object',
  retries: 'never',
  fromModule: (module, imported) => (POLYFILLS.includes(module) && ['default', '*', 'fetch'].includes(imported) ? GLOBAL_FETCH : undefined),
  member: (v, name) => (name === 'default' || name === 'fetch' ? v : undefined),
  call: (v, node) => (v.role === 'fetch' ? fetchCall('fetch', node) : undefined),
  construct: () => undefined,
  instanceOfType: (v) => (v.role === 'fetch-type' ? GLOBAL_FETCH : undefined),
  timeout: {
    levels: ['call'],
    callOptions: [],
    // of its undici dispatcher, when it names one: `bodyTimeout` alone bounds a stalled body, not an answer that never starts
    instanceOptions: ['headersTimeout'],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)`',
    defaultBound: 'none (Node: 300 s for headers)',
    dispatcher: DISPATCHER,
    requestInput: true,
  },
  fix: fetchFix,
};
