import { requireCreationOption } from './creation-options.js';
import { judgedWhereMade, value } from './model.js';

/**
 * apns2, Apple's push notification service over HTTP/2: `new ApnsClient({ team, keyId, signingKey, requestTimeout })`,
 * then `client.send(notification)`. Each push is a stream of one HTTP/2 session whose only bound is `requestTimeout`
 * (ms of silence on the stream, after which the send rejects); left out, or 0, a push to a session that stopped
 * answering waits for ever. No call takes a signal: the client is judged where it is made.
 */

const MODULE = 'apns2';
const REMEDY = 'set `requestTimeout` (ms; apns2 sets none, and 0 turns it off) where the client is created: no send takes a signal';

export const apns2Library = judgedWhereMade({
  kind: 'apns2',
  title: 'Apple Push Notification service (`apns2`)',
  modules: [MODULE],
  dependencyName: 'apns',
  signal: 'none',
  retries: 'never',
  fromModule: (module, imported) => (module === MODULE && imported === 'ApnsClient' ? value('apns2', 'class', 'ApnsClient') : undefined),
  instanceOptions: ['requestTimeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: [{ module: MODULE, path: ['ApnsClient'], how: 'new' }],
    check: requireCreationOption(0, ['requestTimeout'], 'requestTimeout', '10_000', REMEDY),
  },
});
