import { methodFromOptions } from '../analysis/syntax.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/**
 * urllib (node-modules; the HTTP client under Egg's `app.httpclient`, `ctx.curl` and tegg's injected `HttpClient`):
 * `urllib.request(url, options)`, `urllib.curl(url, options)`, `new HttpClient(clientOptions).request(url, options)`.
 * Every request times out after 5 s by default (`timeout`, or `[connect, response]`), so no call is unbounded. Its
 * retry is an option of the call: `retry: n` sends a request again on a 5xx answer, whatever its method, at once unless
 * `retryDelay` (a fixed pause in ms) is set; a streamed request or response is never retried.
 */

const MODULES = ['urllib', 'egg'];
/** What urllib and Egg export for the client (Egg's subclasses and the types of its injected clients). */
const CLIENT_CLASSES = new Set(['HttpClient', 'HttpClient2', 'EggHttpClient', 'EggContextHttpClient']);
const REQUEST_METHODS = new Set(['request', 'curl']);

export const urllibLibrary: LibraryModel = {
  kind: 'urllib',
  title: 'urllib (and Egg\'s `httpclient`)',
  modules: MODULES,
  typeNames: [...CLIENT_CLASSES],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options (urllib 4)',
  retries: 'only when asked: `retry: n` on a 5xx answer, whatever the method, with no pause unless `retryDelay` (fixed, ms)',
  retryOption: {
    count: 'retry',
    pause: 'retryDelay',
    // a streamed body or answer: urllib sets `retry` to 0 (it cannot send or read the stream twice)
    notRetried: (options) => options.get('dataType') === 'stream' || options.get('streaming') === true || options.has('writeStream') || options.has('stream'),
  },
  fromModule(module, imported) {
    if (!MODULES.includes(module)) return undefined;
    if (CLIENT_CLASSES.has(imported)) return value('urllib', 'class', imported);
    if (module !== 'urllib') return undefined;
    const root = value('urllib', 'root', 'urllib');
    return isWholeModule(imported) ? root : urllibLibrary.member(root, imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (REQUEST_METHODS.has(name)) return derive(v, 'method', `urllib.${name}`);
      if (name === 'HttpClient') return value('urllib', 'class', name);
      if (name === 'getDefaultHttpClient' || name === 'create') return derive(v, 'factory', name);
      return undefined;
    }
    if (v.role === 'client' && REQUEST_METHODS.has(name)) return derive(v, 'method', `${v.name}.${name}`);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'method') return io(v.name, methodFromOptions(node.arguments[1]), 1, 'signal');
    if (v.role === 'factory') return { result: { ...v, role: 'client', name: 'HttpClient', options: [] } };
    return undefined;
  },
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, [node.arguments[0]]) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [null] } : undefined),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout', 'signal'],
    instanceOptions: ['defaultArgs'],
    chainMethods: [],
    remedy: 'keep its default timeout (5 s) or set `timeout` on the call',
    defaultBound: '5 s (`timeout`)',
    boundedByDefault: true,
  },
  fix: {},
};
