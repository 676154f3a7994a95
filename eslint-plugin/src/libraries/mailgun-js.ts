import { requireCreationOption } from './creation-options.js';
import { judgedWhereMade, value } from './model.js';

/**
 * mailgun-js (the older Mailgun library, before `mailgun.js`): `mailgun({ apiKey, domain, timeout })`, then
 * `mailgun.messages().send(data, callback)`. A request is aborted after the client's `timeout` (milliseconds), and
 * never when the client is made without one. The client is judged where it is made.
 */

const REMEDY = 'set `timeout` (milliseconds, for each request) where the client is created: mailgun-js sets none';

export const mailgunJsLibrary = judgedWhereMade({
  kind: 'mailgun-js',
  title: 'Mailgun (`mailgun-js`)',
  modules: ['mailgun-js'],
  dependencyName: 'mailgun',
  signal: 'none',
  retries: 'only when made with `retry`',
  fromModule: (module, imported) => (module === 'mailgun-js' && (imported === 'default' || imported === '*') ? value('mailgun-js', 'factory', 'mailgun') : undefined),
  instanceOptions: ['timeout'],
  remedy: REMEDY,
  defaultBound: 'none',
  creation: {
    sites: [{ module: 'mailgun-js', path: ['default'], how: 'call' }],
    check: requireCreationOption(0, ['timeout'], 'timeout', '10_000', REMEDY),
  },
});
