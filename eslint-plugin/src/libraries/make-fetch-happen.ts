import { AST_NODE_TYPES } from '../ast-node-types.js';
import { methodFromOptions } from '../analysis/syntax.js';
import { derive, instanceFrom, io, value, type LibraryModel } from './model.js';

/**
 * make-fetch-happen (npm's fetch, under npm-registry-fetch and pacote, also used directly by CLIs): `fetch(url, opts)`
 * and fetches with defaults from `fetch.defaults(opts)`, which can be given defaults again. It passes `timeout` (ms,
 * default 0: none) to minipass-fetch, which also honours a `signal`; its type definitions leave `signal` out, so a
 * signal given counts as a bound but no fix threads one (the fix sets `timeout`). It retries only when given `retry`,
 * and never a POST.
 */

const MODULE = 'make-fetch-happen';

export const makeFetchHappenLibrary: LibraryModel = {
  kind: 'make-fetch-happen',
  title: 'make-fetch-happen',
  modules: [MODULE],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: 'none in its type definitions (minipass-fetch reads a `signal` in the options)',
  retries: 'only with `retry` (never a POST), with backoff',
  fromModule: (module, imported) => (module === MODULE && ['default', '*'].includes(imported) ? value('make-fetch-happen', 'fetch', 'fetch') : undefined),
  member(v, name) {
    if (v.role !== 'fetch') return undefined;
    if (name === 'default') return v;
    return name === 'defaults' ? derive(v, 'defaults', `${v.name}.defaults`) : undefined;
  },
  call(v, node) {
    if (v.role === 'fetch') return io(v.name, methodFromOptions(node.arguments[1]), 1, undefined);
    // `fetch.defaults(opts)` or `fetch.defaults(uri, opts)`: a fetch whose calls get these options
    if (v.role === 'defaults') {
      const first = node.arguments[0];
      const uri = first?.type === AST_NODE_TYPES.TemplateLiteral || (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string');
      const options = uri ? node.arguments.slice(1, 2) : node.arguments.slice(0, 1);
      return { result: instanceFrom(v, 'fetch', node, options, 'fetch') };
    }
    return undefined;
  },
  construct: () => undefined,
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout', 'signal'],
    instanceOptions: ['timeout', 'signal'],
    chainMethods: [],
    remedy: 'set `timeout` (ms) on the call or in `fetch.defaults(...)`',
    defaultBound: 'none',
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
    // in `fetch.defaults(...)`, for a fetch made with defaults: one edit bounds all its calls
    instanceTimeout: (call) => (call.instanceOptions.length > 0 ? [['timeout', '30_000']] : undefined),
  },
};
