import { readOptions } from '../analysis/syntax.js';
import { creationLabel, creationOptions, setCreationOption } from './creation-options.js';
import { isPlainFetch } from './fetch-option.js';
import { derive, io, isWholeModule, value, type CreationModel, type LibraryModel } from './model.js';

/**
 * youtubei.js: `const youtube = await Innertube.create(options)`, then `youtube.getBasicInfo(id)`, `youtube.search(q)`.
 * Making the session fetches YouTube's session data and player, and every method fetches again, all through the
 * `fetch` the session was created with (the global one by default), with no timeout and no signal. Only a `fetch` of
 * the app's own bounds them, so the creation is reported once, where the fix belongs. The same fetch carries
 * `download()`'s video bodies, so the fix bounds the wait for each response's headers, not the whole transfer.
 */

const MODULE = 'youtubei.js';
const REMEDY = 'give `Innertube.create` a `fetch` that bounds each request (the session fetches with no timeout or signal)';
/**
 * A fetch that aborts a request whose response headers have not come within 10 s; the timer is cleared when they do,
 * so a long download is not cut.
 */
const HEADERS_BOUNDED_FETCH = '(input, init) => { const headers = new AbortController(); const timer = setTimeout(() => headers.abort(), 10_000); '
  + 'return fetch(input, { ...init, signal: headers.signal }).finally(() => clearTimeout(timer)); }';

const creation: CreationModel = {
  sites: [{ module: MODULE, path: ['Innertube', 'create'], how: 'call' }, { module: MODULE, path: ['default', 'create'], how: 'call' }],
  check(node, sourceCode) {
    const options = creationOptions(sourceCode, node, 0);
    if (options === 'unknown') return undefined;
    if (options !== 'absent') {
      const facts = readOptions(options);
      const fetch = facts === 'unknown' ? undefined : facts.get('fetch');
      if (facts === 'unknown' || (fetch && !isPlainFetch(fetch, sourceCode))) return undefined;
    }
    return {
      label: creationLabel(sourceCode, node),
      remedy: REMEDY,
      fix: (target) => setCreationOption(target, node, 0, 'fetch', HEADERS_BOUNDED_FETCH),
    };
  },
};

export const youtubeiLibrary: LibraryModel = {
  kind: 'youtubei.js',
  title: '`youtubei.js` (`Innertube`)',
  modules: [MODULE],
  typeNames: ['Innertube'],
  takesUrl: false,
  dependencyName: 'youtube',
  signal: 'none',
  retries: 'never',
  fromModule(module, imported) {
    if (module !== MODULE) return undefined;
    return isWholeModule(imported) || imported === 'Innertube' ? value('youtubei.js', 'class', 'Innertube') : undefined;
  },
  member: (v, name) => (v.role === 'class' && name === 'create' ? derive(v, 'factory', name) : undefined),
  // the session's creation is what the finding is about; its methods are bounded (or not) by the same fetch
  call: (v) => (v.role === 'factory' ? io('Innertube.create', 'GET', -1, undefined) : undefined),
  construct: () => undefined,
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['fetch'],
    chainMethods: [],
    remedy: REMEDY,
    defaultBound: 'none',
    isChecked: () => false,
  },
  creation,
  fix: {},
};
