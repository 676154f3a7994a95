import { isSet } from '../analysis/syntax.js';
import { callableHttp } from './callable-http.js';
import type { LibraryModel, OptionFacts } from './model.js';

/** ky: `ky(input, options)`, `ky.get(input, options)`, instances from `ky.create`/`ky.extend`; 10 s unless `timeout: false`. */

/** ky bounds by default: only `timeout: false` (or 0) written out unbounds it. */
function kyTimeout(facts: OptionFacts): 'bounded' | 'unbounded' | undefined {
  if (!facts.has('timeout')) return undefined;
  return isSet(facts.get('timeout')) ? 'bounded' : 'unbounded';
}

export const kyLibrary: LibraryModel = {
  kind: 'ky',
  title: 'ky',
  modules: ['ky', 'ky-universal'],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options',
  retries: '2 retries of idempotent methods by default (`retry: { limit }`), with growing delays',
  ...callableHttp({ kind: 'ky', modules: ['ky', 'ky-universal'], factories: ['create', 'extend'], requestMethods: false, streams: false, defaults: false, configFirst: false }),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout', 'signal'],
    chainMethods: [],
    remedy: 'keep ky\'s default `timeout` instead of `timeout: false`, or pass `signal`',
    defaultBound: '10 s',
    boundedByDefault: true,
    readCallOptions: kyTimeout,
    readInstanceOptions: kyTimeout,
  },
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
  },
};
