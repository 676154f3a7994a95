import { takesNodeCallback } from '../analysis/node-callbacks.js';
import { methodFromOptions } from '../analysis/syntax.js';
import { io, isWholeModule, streamIo, value, type LibraryModel } from './model.js';
import { optionsIndexOf, requestPromiseLibrary } from './request-promise.js';

/**
 * retry-request: `retryRequest(requestOptions, [retryOptions], callback)` sends `requestOptions` through `request`
 * and sends it again, twice by default with growing waits, on a network error or a 429/5xx answer (any method, a POST
 * too). Each try is a `request` call: no timeout unless `timeout` (ms) is in the request options; `totalTimeout` caps
 * only the time spent waiting between tries (checked in retry-request 4.2 and 7.0). Given no callback it returns a
 * stream.
 */
export const retryRequestLibrary: LibraryModel = {
  ...requestPromiseLibrary,
  kind: 'retry-request',
  title: 'retry-request',
  modules: ['retry-request'],
  retries: 'network errors and 429/5xx answers, twice by default with growing waits (`retries`, `noResponseRetries`), whatever the method',
  retriesByDefault: true,
  fromModule: (module, imported) => (module === 'retry-request' && isWholeModule(imported) ? value('retry-request', 'root', 'retryRequest') : undefined),
  member: () => undefined,
  timeout: {
    ...requestPromiseLibrary.timeout!,
    levels: ['call'],
    instanceOptions: [],
    remedy: 'set `timeout` (ms) in the request options: each try is a `request` call, and `totalTimeout` bounds only the waits between tries',
  },
  call(v, node) {
    if (v.role !== 'root') return undefined;
    const optionsIndex = optionsIndexOf(node);
    const method = methodFromOptions(node.arguments[optionsIndex]);
    return takesNodeCallback(node) ? io('retryRequest', method, optionsIndex, undefined) : streamIo('retryRequest', method, optionsIndex, undefined);
  },
};
