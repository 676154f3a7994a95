import { io, packageExports, type LibraryModel } from './model.js';

/**
 * web-push: `webpush.sendNotification(subscription, payload, options)` posts to the browser vendor's push service
 * with node:https and no timeout unless `options.timeout` (ms, an idle-socket limit after which the request is
 * destroyed and the promise rejected) is given. There is no client to configure and no signal.
 */

const MODULE = 'web-push';
/** The module's functions that send: the rest set keys or build the request without sending it. */
const SENDS = new Set(['sendNotification']);
/** `sendNotification`'s options come third, after the subscription and the payload. */
const OPTIONS_INDEX = 2;

export const webPushLibrary: LibraryModel = {
  kind: 'web-push',
  title: '`web-push`',
  modules: [MODULE],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'webPush',
  signal: 'none',
  retries: 'never',
  ...packageExports('web-push', [MODULE], (name) => (SENDS.has(name) ? 'function' : undefined)),
  call: (v) => (v.role === 'function' ? io(`webpush.${v.name}`, 'POST', OPTIONS_INDEX, undefined) : undefined),
  construct: () => undefined,
  timeout: {
    levels: ['call'],
    callOptions: ['timeout'],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'pass `timeout` (ms) in its options, the third argument',
    defaultBound: 'none',
  },
  fix: {
    optionsIndex: () => OPTIONS_INDEX,
    nativeTimeout: (_call, milliseconds) => ({ key: 'timeout', value: milliseconds }),
  },
};
