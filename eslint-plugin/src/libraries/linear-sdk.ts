import { derive, instanceFrom, io, packageExports, takesNoBound, type LibraryModel } from './model.js';

/**
 * @linear/sdk: `new LinearClient({ apiKey })` (or `accessToken`), then `linear.issues({ filter })`,
 * `linear.createIssue(input)`, `linear.client.request(query, variables)`. Read in 7.0.1 (`dist/index-cjs.js`: the
 * bundled `LinearGraphQLClient` and isomorphic-unfetch with node-fetch 2, whose `timeout` defaults to 0) and 98.0.0
 * (`dist/index.mjs`, the same client on `globalThis.fetch`): each operation posts one GraphQL document with
 * `fetch(url, { method, headers, body, ...options })`, the options being what the client was created with (a
 * `RequestInit` plus `apiKey`, `accessToken`, `apiUrl`). No operation, nor `request`/`rawRequest`, takes options or a
 * signal, and the client has no timeout option: node-fetch's own `timeout` is no `RequestInit` key, and Node's global
 * fetch, which 7.0.1 uses where there is one, ignores it. A `signal` given at creation goes to every request the
 * client ever sends: one deadline from its creation, not a bound per call. A client made with one is left alone; the
 * fix stops waiting for the call with the runtime's `timeout` (the request goes on). It never retries. (Getters that
 * send a query, `await linear.viewer`, are not calls and are not read.)
 */

const MODULE = '@linear/sdk';
const CLASS = 'LinearClient';
/** Members of the client that send nothing. */
const LOCAL = new Set(['options', 'constructor', 'paginate']);
/** The raw GraphQL client's methods that send. */
const RAW = new Set(['request', 'rawRequest']);
const EXPORTS = packageExports('linear-sdk', [MODULE], { [CLASS]: 'class' });

export const linearSdkLibrary: LibraryModel = {
  kind: 'linear-sdk',
  title: 'Linear (`@linear/sdk`)',
  modules: [MODULE],
  typeNames: [CLASS],
  takesUrl: false,
  dependencyName: 'linear',
  signal: 'none (a `signal` given to `LinearClient` is shared by every request it sends)',
  retries: 'never',
  fromModule: EXPORTS.fromModule,
  member(v, name) {
    if (v.role === 'module') return EXPORTS.member(v, name);
    if (v.role === 'graphql') return RAW.has(name) ? { ...v, role: 'operation', name: `client.${name}` } : undefined;
    if (v.role !== 'client') return undefined;
    if (name === 'client') return derive(v, 'graphql', name);
    return !LOCAL.has(name) && /^[a-z]/.test(name) ? { ...v, role: 'operation', name } : undefined;
  },
  // every operation posts a GraphQL document
  call: (v) => (v.role === 'operation' ? io(`${CLASS}.${v.name}`, 'POST', -1, undefined) : undefined),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[0]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: {
    ...takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: @linear/sdk posts with fetch and no timeout, its calls take no signal, and a `signal` given to `LinearClient` would be one deadline for every call the client ever makes"),
    // a client made with a signal of its own is bounded by it, as the one who wrote it meant
    instanceOptions: ['signal'],
  },
  fix: {},
};
