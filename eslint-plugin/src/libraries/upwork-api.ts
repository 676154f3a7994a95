import { derive, instanceFrom, io, isWholeModule, takesNoBound, value, type LibraryModel } from './model.js';

/**
 * upwork-api (Upwork's OAuth 1 client, 1.3): `new UpworkApi({ consumerKey, consumerSecret })`, then a router made
 * from it, imported from its own file (`new Engagements(api)` from `upwork-api/lib/routers/hr/engagements.js`), whose
 * every method (`getList(params, callback)`, `getSpecific(id, callback)`, `makeOffer(params, callback)`) sends one
 * request; so do the client's `getAuthorizationUrl` (a request token) and `getAccessToken`. All go through the `oauth`
 * package's `http(s).request`, which sets no timeout, and no option of the client, router or call takes one or a
 * signal: only waiting for the callback can be bounded. `setAccessToken` only stores the pair.
 */

const MODULE = 'upwork-api';
const ROUTERS = 'upwork-api/lib/routers/';
const CLIENT_CALLS = new Set(['getAuthorizationUrl', 'getAccessToken']);
const VERBS: readonly (readonly [RegExp, string])[] = [
  [/^(get|find)/, 'GET'],
  [/^delete/, 'DELETE'],
  [/^(update|edit)/, 'PUT'],
];

export const upworkApiLibrary: LibraryModel = {
  kind: 'upwork-api',
  title: 'Upwork (`upwork-api`)',
  modules: [MODULE],
  ownsModule: (module) => module.startsWith(ROUTERS),
  modulePattern: 'upwork-api/lib/routers/*',
  typeNames: [],
  takesUrl: false,
  dependencyName: 'upwork',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    if (module === MODULE) return isWholeModule(imported) ? value('upwork-api', 'class', 'UpworkApi') : undefined;
    return module.startsWith(ROUTERS) && /^[A-Z]/.test(imported) ? value('upwork-api', 'router-class', imported) : undefined;
  },
  member(v, name) {
    if (v.role === 'client') return CLIENT_CALLS.has(name) ? derive(v, 'operation', `UpworkApi.${name}`) : undefined;
    return v.role === 'router' && /^[a-z]/.test(name) && name !== 'constructor' ? derive(v, 'operation', `${v.name}.${name}`) : undefined;
  },
  call(v) {
    if (v.role !== 'operation') return undefined;
    const method = v.name.startsWith('UpworkApi.') ? 'POST' : VERBS.find(([verb]) => verb.test(v.name.split('.')[1] ?? ''))?.[1] ?? 'POST';
    return io(v.name, method, -1, undefined);
  },
  construct(v, node) {
    if (v.role === 'class') return instanceFrom(v, 'client', node, []);
    return v.role === 'router-class' ? instanceFrom(v, 'router', node, []) : undefined;
  },
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: upwork-api sends over the `oauth` package's `http(s).request` with no timeout, and neither its client, its routers nor a call take one or a signal"),
  fix: {},
};
