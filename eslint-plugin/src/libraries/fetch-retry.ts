import { fetchCall, fetchFix, fetchLibrary } from './fetch.js';
import { isWholeModule, value, type LibraryModel } from './model.js';

/**
 * fetch-retry: `const fetchWithRetry = fetchRetry(fetch, { retries, retryDelay, retryOn })` makes a fetch that
 * retries network errors (3 times, 1 s apart, by default). Its calls are fetch calls: bounded by `signal`.
 */
export const fetchRetryLibrary: LibraryModel = {
  ...fetchLibrary,
  kind: 'fetch-retry',
  title: 'fetch-retry',
  modules: ['fetch-retry'],
  retries: '3 retries of network errors, 1 s apart, by default (`retries`, `retryDelay`, `retryOn`)',
  fromModule: (module, imported) => (module === 'fetch-retry' && isWholeModule(imported) ? value('fetch-retry', 'factory', 'fetchRetry') : undefined),
  member: () => undefined,
  call(v, node) {
    if (v.role === 'factory') return { result: value('fetch-retry', 'fetch', 'fetch', [], node) };
    return v.role === 'fetch' ? fetchCall('fetch (fetch-retry)', node) : undefined;
  },
  fix: fetchFix,
};
