import { fetchCall, fetchFix } from './fetch.js';
import { value, type LibraryModel } from './model.js';

/**
 * node-fetch, and drop-in wrappers of node-fetch 2 that keep its signature and its `timeout` option
 * (`@formio/node-fetch-http-proxy` adds proxy support and no bound of its own).
 */
const MODULES = ['node-fetch', '@formio/node-fetch-http-proxy'];

/** node-fetch: the standard signature, plus v2's own `timeout` option and an `agent`. */
export const nodeFetchLibrary: LibraryModel = {
  kind: 'node-fetch',
  title: 'node-fetch (and @formio/node-fetch-http-proxy)',
  modules: MODULES,
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the init object',
  retries: 'never',
  fromModule: (module, imported) => (MODULES.includes(module) && ['default', '*'].includes(imported) ? value('node-fetch', 'fetch', 'fetch') : undefined),
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
