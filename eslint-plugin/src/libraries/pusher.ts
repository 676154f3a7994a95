import { AST_NODE_TYPES } from '../ast-node-types.js';
import { requireCreationOption } from './creation-options.js';
import { judgedWhereMade, value } from './model.js';

/**
 * pusher (Channels' server library): `new Pusher({ appId, key, secret, cluster, timeout })`, or `Pusher.forURL(url,
 * options)` / `Pusher.forCluster(cluster, options)`, then `pusher.trigger(channel, event, data)`. Each request is
 * aborted after the client's `timeout` (milliseconds), and never when the client is made without one. The client is
 * judged where it is made.
 */

const REMEDY = 'set `timeout` (milliseconds, for each request) where the client is created: pusher sets none';

export const pusherLibrary = judgedWhereMade({
  kind: 'pusher',
  title: 'Pusher Channels (`pusher`)',
  modules: ['pusher'],
  dependencyName: 'pusher',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === 'pusher' && (imported === 'default' || imported === '*') ? value('pusher', 'class', 'Pusher') : undefined),
  instanceOptions: ['timeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: [
      { module: 'pusher', path: ['default'], how: 'new' },
      { module: 'pusher', path: ['default', 'forURL'], how: 'call' },
      { module: 'pusher', path: ['default', 'forCluster'], how: 'call' },
    ],
    // `new Pusher(options)`; `Pusher.forURL(url, options)`, `Pusher.forCluster(cluster, options)`
    check: requireCreationOption((node) => (node.type === AST_NODE_TYPES.NewExpression ? 0 : 1), ['timeout'], 'timeout', '10_000', REMEDY),
  },
});
