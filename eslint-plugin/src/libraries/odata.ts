import { instanceFrom, io, packageExports, takesNoBound, type ClientValue, type LibraryModel } from './model.js';

/**
 * odata (o.js): `const handler = o(rootUrl, config)`, then `handler.get('People').query({ $top: 5 })`,
 * `handler.patch('People(1)', body).query()`, or several builders and one `.fetch()` / `.batch()`. Read in 1.3.2
 * (`src/o.ts`, `src/OHandler.ts`, `src/ORequest.ts`, `dist/cjs/o.js`) and 2.0.1 (the same): `get`/`post`/`put`/
 * `patch`/`delete` only queue a request, made with `{ ...handler.config, method }`; `query`, `fetch` and `batch` send
 * the queue with the global fetch (cross-fetch's polyfill where there is none), `fetch(new Request(url, config),
 * config)`, with no timeout. Neither a builder nor a sender takes options beyond the resource, its body and the OData
 * query, so no call can be given a signal of its own. The config is `RequestInit`, so a `signal` written there goes
 * to every request the handler ever sends: one deadline from the handler's creation, which fails each later call once
 * it fires, not a bound per call. A handler made with one is left alone; the fix stops waiting for the call with the
 * runtime's `timeout` (the request goes on). It never retries.
 */

const MODULE = 'odata';
const CLASS = 'OHandler';
const EXPORTS = packageExports('odata', [MODULE], { o: 'factory', [CLASS]: 'class' });
/** The builders that queue a request, and the verb each sends. */
const BUILDERS = new Map([['get', 'GET'], ['post', 'POST'], ['put', 'PUT'], ['patch', 'PATCH'], ['delete', 'DELETE']]);
/** The methods that send what the builders queued. */
const SENDERS = new Set(['query', 'fetch', 'batch']);

/** The verb a chain of builders sends: the one that changes something, when any does (a batch may mix them). */
function chainVerb(before: string, verb: string): string {
  return before !== '' && before !== 'GET' ? before : verb;
}

function handler(v: ClientValue): ClientValue {
  return { ...v, role: 'handler', name: '' };
}

export const odataLibrary: LibraryModel = {
  kind: 'odata',
  title: 'OData (`odata`, o.js)',
  modules: [MODULE],
  typeNames: [CLASS],
  takesUrl: false,
  dependencyName: 'odata',
  signal: 'none (a `signal` in `o()`\'s config is shared by every request of the handler)',
  retries: 'never',
  fromModule: EXPORTS.fromModule,
  member(v, name) {
    if (v.role === 'module') return EXPORTS.member(v, name);
    if (v.role !== 'handler') return undefined;
    if (BUILDERS.has(name)) return { ...v, role: 'builder', name: chainVerb(v.name, BUILDERS.get(name)!) };
    return SENDERS.has(name) ? { ...v, role: `send:${name}` } : undefined;
  },
  call(v, node) {
    // `o(rootUrl, config)`: the handler, configured by its config
    if (v.role === 'factory') return { result: handler(instanceFrom(v, 'handler', node, [node.arguments[1]])) };
    // a builder queues its request and hands the handler back, remembering the verb for the send
    if (v.role === 'builder') return { result: { ...v, role: 'handler' } };
    if (!v.role.startsWith('send:')) return undefined;
    return io(`${CLASS}.${v.role.slice('send:'.length)}`, v.name === '' ? undefined : v.name, -1, undefined);
  },
  construct: (v, node) => (v.role === 'class' ? handler(instanceFrom(v, 'handler', node, [node.arguments[0]])) : undefined),
  // a handler handed in: nothing it could be made with bounds a call of its own
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'handler', name: '', options: [] } : undefined),
  timeout: {
    ...takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: odata's handler sends with the global fetch and no timeout, its calls take no signal, and a `signal` in `o()`'s config would be one deadline for every call the handler ever makes"),
    // a handler made with a signal of its own is bounded by it, as the one who wrote it meant
    instanceOptions: ['signal'],
  },
  fix: {},
};
