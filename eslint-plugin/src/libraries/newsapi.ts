import { derive, io, isWholeModule, takesNoBound, value, type LibraryModel } from './model.js';

/**
 * newsapi: `new NewsAPI(apiKey, { corsProxyUrl })`, then `newsapi.v2.topHeadlines(params)`, `.v2.everything(params)`,
 * `.v2.sources(params)` (and the v1 `newsapi.sources()`, `newsapi.articles()`), each returning a promise (a callback
 * may be given too). Read in 2.4.1 (`dist/index.js`): every call is node-fetch's `fetch(url, { mode, headers })` and
 * nothing more; the client takes only `corsProxyUrl`, a call's options only `noCache` and `showHeaders`. Nothing
 * bounds a call or takes a signal: only waiting for it can be bounded.
 */

const MODULE = 'newsapi';
const CLASS = 'NewsAPI';
const V2 = new Set(['topHeadlines', 'everything', 'sources']);
const V1 = new Set(['sources', 'articles']);

export const newsapiLibrary: LibraryModel = {
  kind: 'newsapi',
  title: 'News API (`newsapi`)',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'newsapi',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && isWholeModule(imported) ? value('newsapi', 'class', CLASS) : undefined),
  member(v, name) {
    if (v.role === 'client') {
      if (name === 'v2') return derive(v, 'v2', name);
      return V1.has(name) ? derive(v, 'operation', name) : undefined;
    }
    return v.role === 'v2' && V2.has(name) ? derive(v, 'operation', `v2.${name}`) : undefined;
  },
  call: (v) => (v.role === 'operation' ? io(`${CLASS}.${v.name}`, 'GET', -1, undefined) : undefined),
  construct: (v, node) => (v.role === 'class' ? { ...v, role: 'client', options: [], origin: node } : undefined),
  timeout: takesNoBound("stop waiting for it with the runtime's `timeout(ms)`: newsapi sends with node-fetch and no signal, and neither its client nor its calls take a timeout or a signal"),
  fix: {},
};
