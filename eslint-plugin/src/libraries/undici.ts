import { methodFromOptions } from '../analysis/syntax.js';
import { fetchCall, fetchFix } from './fetch.js';
import { derive, instanceFrom, io, isWholeModule, value, type LibraryModel } from './model.js';

/** undici: `fetch`, `request`, and dispatchers (`Pool`, `Client`, `Agent`) whose `request` takes the options first. */

const DISPATCHERS = new Set(['Pool', 'Client', 'Agent', 'BalancedPool', 'RetryAgent']);

export const undiciLibrary: LibraryModel = {
  kind: 'undici',
  title: 'undici',
  modules: ['undici'],
  typeNames: [...DISPATCHERS],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options',
  retries: 'only through `RetryAgent`',
  fromModule(module, imported) {
    if (module !== 'undici') return undefined;
    if (isWholeModule(imported)) return value('undici', 'root');
    return undiciLibrary.member(value('undici', 'root'), imported);
  },
  member(v, name) {
    if (v.role === 'root') {
      if (name === 'fetch' || name === 'request') return derive(v, name, name);
      if (DISPATCHERS.has(name)) return derive(v, 'dispatcher-class', name);
      return undefined;
    }
    if (v.role === 'dispatcher' && name === 'request') return derive(v, 'dispatcher-request', name);
    return undefined;
  },
  call(v, node) {
    if (v.role === 'fetch') return fetchCall('undici fetch', node);
    if (v.role === 'request') return io('undici.request', methodFromOptions(node.arguments[1]), 1, 'signal');
    if (v.role === 'dispatcher-request') return io(`undici ${v.name}.request`, methodFromOptions(node.arguments[0]), 0, 'signal');
    return undefined;
  },
  construct(v, node) {
    if (v.role !== 'dispatcher-class') return undefined;
    const optionsArg = v.name === 'Agent' ? node.arguments[0] : node.arguments[1];
    return instanceFrom(v, 'dispatcher', node, [optionsArg]);
  },
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['headersTimeout', 'bodyTimeout', 'dispatcher'],
    instanceOptions: ['headersTimeout', 'bodyTimeout'],
    chainMethods: [],
    remedy: 'pass `signal` or set `headersTimeout` and `bodyTimeout`',
    defaultBound: '300 s for headers and for the body',
  },
  fix: fetchFix,
};
