import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// retry-request sends each try through `request`, which waits for ever unless the request options carry `timeout`;
// its own `totalTimeout` only stops it from starting another try. A webhook posted through it with no `timeout`
// holds its caller as long as the receiving server stays silent.
ruleTester.run('require-timeout (retry-request)', requireTimeout, {
  valid: [
    `const retryRequest = require('retry-request');
module.exports = (url, done) => retryRequest({ url, json: true, timeout: 10_000 }, { retries: 3 }, done);`,
    // retry options only bound the waits between tries, but the try itself is bounded here
    `import retryRequest from 'retry-request';
export const poll = (uri: string, done: (error: Error | null) => void) => retryRequest({ uri, timeout: 5_000 }, { totalTimeout: 60_000 }, done);`,
    // options built elsewhere may carry the bound
    `const retryRequest = require('retry-request');
module.exports = (options, done) => retryRequest(options, done);`,
  ],
  invalid: [
    {
      // the second argument of require is ignored by Node: this is retry-request all the same
      code: `var request = require('retry-request', { request: require('request') });
function notifyHook(hookUrl, event, done) {
  request({ url: hookUrl, method: 'POST', json: event }, function (err, res, body) {
    if (err) return done(err);
    done(null, body);
  });
}
module.exports = { notifyHook };`,
      errors: [{ ...missing, line: 3, suggestions: [{ messageId: 'fixNativeTimeout', output: `var request = require('retry-request', { request: require('request') });
function notifyHook(hookUrl, event, done) {
  request({ url: hookUrl, method: 'POST', json: event, timeout: 5_000 }, function (err, res, body) {
    if (err) return done(err);
    done(null, body);
  });
}
module.exports = { notifyHook };` }] }],
    },
    {
      // `totalTimeout` caps the waits between tries, not a try
      code: `import retryRequest from 'retry-request';
export const fetchFeed = (url: string, done: (error: Error | null, body?: string) => void) => retryRequest({ url }, { retries: 4, totalTimeout: 30_000 }, (error: Error | null, _response: unknown, body: string) => done(error, body));`,
      errors: [{ ...missing, line: 2, suggestions: [{ messageId: 'fixNativeTimeout', output: `import retryRequest from 'retry-request';
export const fetchFeed = (url: string, done: (error: Error | null, body?: string) => void) => retryRequest({ url, timeout: 5_000 }, { retries: 4, totalTimeout: 30_000 }, (error: Error | null, _response: unknown, body: string) => done(error, body));` }] }],
    },
  ],
});
