import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A publisher posting for its users with the `twitter` package: every request goes through `request.defaults` of the
// client's `request_options`, which set no timeout unless given one, so the client is judged where it is made.
const ruleTester = new RuleTester();

const made = (extra: string) => `const Twitter = require('twitter');
function clientFor(key, secret) {
  return new Twitter({
    consumer_key: process.env.TW_KEY,
    consumer_secret: process.env.TW_SECRET,
    access_token_key: key,
    access_token_secret: secret,${extra}
  });
}
module.exports = (key, secret, text) => clientFor(key, secret).post('statuses/update', { status: text });`;

ruleTester.run('require-timeout (twitter)', requireTimeout, {
  valid: [
    made('\n    request_options: { timeout: 10_000 },'),
    // options built elsewhere may carry one
    `import Twitter from 'twitter';
export const client = (config: object) => new Twitter(config);`,
  ],
  invalid: [
    {
      code: made(''),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 3,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: made('\n    request_options: { timeout: 10_000 },') }],
      }],
    },
    {
      // a proxy given, but no timeout: it joins the request options
      code: `import Twitter from 'twitter';
export const client = new Twitter({ bearer_token: process.env.TW_BEARER, request_options: { proxy: 'http://proxy.internal:3128' } });`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 2,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import Twitter from 'twitter';
export const client = new Twitter({ bearer_token: process.env.TW_BEARER, request_options: { proxy: 'http://proxy.internal:3128', timeout: 10_000 } });` }],
      }],
    },
  ],
});
