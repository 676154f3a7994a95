import { requireCreationOption } from './creation-options.js';
import { judgedWhereMade, value } from './model.js';

/**
 * lastfm-ts-api 2.6: `new LastFMUser(apiKey, secret?, sessionKey?, { hostname?, path?, timeout? })` (and `LastFMTrack`,
 * `LastFMArtist`, ... the same way), then `user.getRecentTracks(params)`. Read in 2.6.2 (`src/api-request.ts`,
 * `src/base.ts`, and `dist/api-request.js`): each call is one `https.request` that gets `signal:
 * AbortSignal.timeout(config.timeout)` only when the client's fourth argument carries `timeout`; a call's own params
 * are query parameters. The client is judged where it is made, the fix adding the fourth argument when it is absent.
 */

const MODULE = 'lastfm-ts-api';
const REMEDY = 'set `timeout` (milliseconds, for each request) in the options, the fourth argument, where the client is created: lastfm-ts-api sets none';
/** The classes whose methods send requests; each takes `(apiKey, secret, sessionKey, config)`. */
const CLASSES = ['LastFMAlbum', 'LastFMArtist', 'LastFMAuth', 'LastFMChart', 'LastFMGeo', 'LastFMLibrary', 'LastFMTag', 'LastFMTrack', 'LastFMUser'];

export const lastfmTsApiLibrary = judgedWhereMade({
  kind: 'lastfm-ts-api',
  title: 'Last.fm (`lastfm-ts-api`)',
  modules: [MODULE],
  dependencyName: 'lastfm',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && CLASSES.includes(imported) ? value('lastfm-ts-api', 'class', imported) : undefined),
  instanceOptions: ['timeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: CLASSES.map((name) => ({ module: MODULE, path: [name], how: 'new' as const })),
    // the missing secret and session key before it are filled with `undefined`, which the constructor skips
    check: requireCreationOption(3, ['timeout'], 'timeout', '10_000', REMEDY),
  },
});
