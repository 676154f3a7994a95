import { requireCreationOption } from './creation-options.js';
import { judgedWhereMade, value } from './model.js';

/**
 * plex-api: `new PlexAPI({ hostname, port, token, timeout })`, then `client.query('/library/sections')`,
 * `postQuery`, `putQuery`, `deleteQuery`, `perform`, `find`. Each request goes through `request` with the client's
 * `timeout` (milliseconds, ending the request with an error), and with none when the client is made without it. The
 * client is judged where it is made.
 */

const REMEDY = 'set `timeout` (milliseconds, for each request) where the client is created: plex-api sets none';

export const plexApiLibrary = judgedWhereMade({
  kind: 'plex-api',
  title: 'Plex (`plex-api`)',
  modules: ['plex-api'],
  dependencyName: 'plex',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === 'plex-api' && (imported === 'default' || imported === '*') ? value('plex-api', 'class', 'PlexAPI') : undefined),
  instanceOptions: ['timeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: [{ module: 'plex-api', path: ['default'], how: 'new' }],
    check: requireCreationOption(0, ['timeout'], 'timeout', '10_000', REMEDY),
  },
});
