import { requireCreationOption } from './creation-options.js';
import { judgedWhereMade, value } from './model.js';

/**
 * meilisearch-js: `new Meilisearch({ host, apiKey, timeout })` (`MeiliSearch` in older versions), then
 * `client.index('movies').search(query)`, `index.addDocuments(documents)`. Requests go through fetch with no timeout
 * unless the client is given `timeout` (milliseconds, for each request) or an `httpClient` of its own; a few methods
 * take a `signal` in their extra request options, most take none. The client is judged where it is made.
 */

const CLASSES = ['Meilisearch', 'MeiliSearch'];
const REMEDY = 'set `timeout` (milliseconds, for each request) where the client is created: meilisearch-js sets none';

export const meilisearchLibrary = judgedWhereMade({
  kind: 'meilisearch',
  title: 'Meilisearch (`meilisearch`)',
  modules: ['meilisearch'],
  dependencyName: 'meilisearch',
  signal: '`signal` in the extra request options of a few methods (`search`)',
  retries: 'never',
  fromModule: (module, imported) => (module === 'meilisearch' && (CLASSES.includes(imported) || imported === 'default') ? value('meilisearch', 'class', 'Meilisearch') : undefined),
  instanceOptions: ['timeout', 'httpClient'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: [...CLASSES, 'default'].map((name) => ({ module: 'meilisearch', path: [name], how: 'new' as const })),
    check: requireCreationOption(0, ['timeout', 'httpClient'], 'timeout', '10_000', REMEDY),
  },
});
