import { IDLE_TIMEOUT_MS } from '../fixes/streamed-requests.js';
import { callableHttp } from './callable-http.js';
import { handedInstanceCreation } from './handed-to-classes.js';
import type { LibraryModel } from './model.js';

const http = callableHttp({ kind: 'got', modules: ['got'], factories: ['extend'], requestMethods: false, streams: true, defaults: false, configFirst: true });

/**
 * got: `got(url, options)`, `got.get(url, options)`, streams, instances from `got.extend(options)`. Since got 12 the
 * default instance is also the named export `got` (`import { got } from 'got'`), the same as the default export; its
 * calls take `signal` from 12.2 (read in got 11.8.6, 12.1.0 and 12.2.0). `timeout.request` bounds the whole exchange,
 * upload and download included: a stream (an image upload, a build's output, a download) is bounded by its silences
 * instead (`timeout.socket`), which a transfer that keeps moving never reaches.
 */
export const gotLibrary: LibraryModel = {
  kind: 'got',
  title: 'got',
  modules: ['got'],
  typeNames: [],
  takesUrl: true,
  dependencyName: 'http',
  signal: '`signal` in the options (from got 12.2)',
  signalSince: { major: 12, minor: 2 },
  retries: '2 retries of idempotent methods by default (`retry: { limit }`), with growing randomised delays',
  ...http,
  fromModule: (module, imported) => http.fromModule!(module, imported === 'got' ? 'default' : imported),
  timeout: {
    levels: ['call', 'client'],
    callOptions: ['timeout'],
    instanceOptions: ['timeout', 'signal'],
    chainMethods: [],
    remedy: 'set `timeout: { request: ms }` (for a stream, `timeout: { socket: ms }`, a bound on its silences) or, from got 12.2, pass `signal`',
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
    nativeTimeout: (call, milliseconds) => ({ key: 'timeout', value: call.emitsErrors ? `{ socket: ${IDLE_TIMEOUT_MS} }` : `{ request: ${milliseconds} }` }),
    instanceTimeout: () => [['timeout', '{ request: 5_000 }']],
  },
};
