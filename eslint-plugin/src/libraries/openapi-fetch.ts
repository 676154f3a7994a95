import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * openapi-fetch: `const client = createClient<paths>({ baseUrl })`, then `client.GET('/templates/{id}', { params })`,
 * `client.POST(path, { body, signal })`. Read in 0.13.8 (`dist/index.js`) and 0.17.0 (`dist/index.mjs`): each call is
 * `fetch(new Request(url, { ...clientOptions, ...init }))` with the global fetch (or the client's or call's own
 * `fetch`), and nothing sets a timeout. A call is bounded by the `signal` of its init (second argument); a client made
 * with a `fetch` of its own may bound every call, and one made with a `signal` shares that one deadline among all its
 * calls: both are left alone. It never retries.
 */

const MODULE = 'openapi-fetch';
/** The client's methods, one per HTTP verb, each sending what its name says. */
const VERBS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']);

export const openapiFetchLibrary: LibraryModel = {
  kind: 'openapi-fetch',
  title: 'openapi-fetch',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'api',
  signal: '`signal` in the call\'s init (second argument)',
  retries: 'never',
  fromModule(module, imported) {
    if (module !== MODULE) return undefined;
    if (imported === 'default') return value('openapi-fetch', 'factory', 'createClient');
    return imported === '*' ? value('openapi-fetch', 'module', MODULE) : undefined;
  },
  member(v, name) {
    if (v.role === 'module') return name === 'default' ? derive(v, 'factory', 'createClient') : undefined;
    return v.role === 'client' && VERBS.has(name) ? derive(v, 'method', name) : undefined;
  },
  call(v, node) {
    if (v.role === 'factory') return { result: instanceFrom(v, 'client', node, [node.arguments[0]]) };
    return v.role === 'method' ? io(`openapi-fetch ${v.name}`, v.name, 1, 'signal') : undefined;
  },
  construct: () => undefined,
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['fetch'],
    instanceOptions: ['fetch', 'signal'],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)` in its init (second argument): openapi-fetch sends with fetch and sets no timeout',
    defaultBound: 'none',
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'signal', value: `AbortSignal.timeout(${milliseconds})` }),
  },
};
