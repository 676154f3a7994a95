import { callableHttp } from './callable-http.js';
import { handedInstanceCreation } from './handed-to-classes.js';
import type { LibraryModel } from './model.js';

const http = callableHttp({ kind: 'got', modules: ['got'], factories: ['extend'], requestMethods: false, streams: true, defaults: false, configFirst: true });

/**
 * got: `got(url, options)`, `got.get(url, options)`, streams, instances from `got.extend(options)`. Since got 12 the
 * default instance is also the named export `got` (`import { got } from 'got'`), the same as the default export.
 */
export const gotLibrary: LibraryModel = {
  kind: 'got',
  title: 'got',
  modules: ['got'],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options',
  retries: '2 retries of idempotent methods by default (`retry: { limit }`), with growing randomised delays',
  ...http,
  fromModule: (module, imported) => http.fromModule!(module, imported === 'got' ? 'default' : imported),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout', 'signal'],
    chainMethods: [],
    remedy: 'set `timeout: { request: ms }` or pass `signal`',
    defaultBound: 'none',
    urlMayTakeOptionsPlace: true,
  },
  // an instance handed to the project's classes as they are built is judged where it is made
  creation: handedInstanceCreation({
    sites: [{ module: 'got', path: ['default', 'extend'], how: 'call' }, { module: 'got', path: ['got', 'extend'], how: 'call' }],
    options: ['timeout', 'signal'],
    fixKey: 'timeout',
    fixValue: '{ request: 10_000 }',
    laterBound: 'defaults.options.timeout',
  }),
  fix: {
    optionsIndex: () => 1,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: `{ request: ${milliseconds} }` }),
    instanceTimeout: () => [['timeout', '{ request: 5_000 }']],
  },
};
