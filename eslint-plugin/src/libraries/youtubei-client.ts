import { readOptions } from '../analysis/syntax.js';
import { creationLabel, creationOptions, optionsBound, setNestedCreationOption } from './creation-options.js';
import { judgedWhereMade, value, type CreationModel } from './model.js';

/**
 * youtubei (a different package from youtubei.js): `new Client({ fetchOptions })` or `new MusicClient(...)`, then
 * `yt.getVideo(id)`, `yt.search(query)`. Read in 1.8.16 (`dist/cjs/common/shared/HTTP/HTTP.js`, the clients'
 * constructors): every request is node-fetch 2 (pinned 2.7.0) with the client's `fetchOptions` spread over it, `{}`
 * by default, so no timeout and no signal unless the app gives one there. node-fetch 2's own `timeout` (ms) is per
 * request, so `fetchOptions: { timeout }` bounds each; a `signal` made once at creation would abort every call after
 * it fires, so the fix never offers one, though a creation that passes one counts as bounded. (The OAuth calls, made
 * only with `oauth.enabled`, go through node-fetch without `fetchOptions`.)
 */

const YOUTUBEI = 'youtubei';
const YOUTUBEI_REMEDY = 'set `fetchOptions: { timeout }` (milliseconds, node-fetch\'s own, for each request) where the youtubei client is created: it sends with none';

const youtubeiCreation: CreationModel = {
  sites: [{ module: YOUTUBEI, path: ['Client'], how: 'new' }, { module: YOUTUBEI, path: ['MusicClient'], how: 'new' }],
  check(node, sourceCode) {
    const options = creationOptions(sourceCode, node, 0);
    if (options === 'unknown') return undefined;
    const facts = options === 'absent' ? undefined : readOptions(options);
    if (facts === 'unknown') return undefined;
    // `fetchOptions` held in a variable may carry either: only a visibly missing bound is reported
    if (options !== 'absent' && optionsBound(options, ['fetchOptions.timeout', 'fetchOptions.signal']) !== 'unbounded') return undefined;
    return {
      label: creationLabel(sourceCode, node),
      remedy: YOUTUBEI_REMEDY,
      fix: (target) => setNestedCreationOption(target, node, 0, facts, ['fetchOptions', 'timeout'], '15_000'),
    };
  },
};

export const youtubeiClientLibrary = judgedWhereMade({
  kind: 'youtubei',
  title: '`youtubei` (`Client`)',
  modules: [YOUTUBEI],
  dependencyName: 'youtube',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === YOUTUBEI && (imported === 'Client' || imported === 'MusicClient') ? value('youtubei', 'class', imported) : undefined),
  instanceOptions: ['fetchOptions.timeout', 'fetchOptions.signal'],
  remedy: YOUTUBEI_REMEDY,
  defaultBound: 'none',
  creation: youtubeiCreation,
});
