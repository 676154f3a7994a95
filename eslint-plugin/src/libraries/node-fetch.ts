import { fetchCall, fetchFix } from './fetch.js';
import { value, type LibraryModel } from './model.js';

/** node-fetch: the standard signature, plus v2's own `timeout` option and an `agent`. */
export const nodeFetchLibrary: LibraryModel = {
  kind: 'node-fetch',
  title: 'node-fetch',
  modules: ['node-fetch'],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the init object',
  retries: 'never',
  fromModule: (module, imported) => (module === 'node-fetch' && ['default', '*'].includes(imported) ? value('node-fetch', 'fetch', 'fetch') : undefined),
  member: (v, name) => (name === 'default' ? v : undefined),
  call: (v, node) => (v.role === 'fetch' ? fetchCall('node-fetch', node) : undefined),
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: ['timeout'],
    agent: { option: 'agent', socketTimeoutCounts: false },
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `signal: AbortSignal.timeout(ms)`',
    defaultBound: 'none',
    requestInput: true,
  },
  fix: fetchFix,
};
