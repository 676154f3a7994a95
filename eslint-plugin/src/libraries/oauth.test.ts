import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A service calling an OAuth-signed API with node-oauth: each request is a bare http(s).request with no timeout, the
// client takes none, and the calls take callbacks, so the fix stops waiting for the promise the callback settles.
const ruleTester = new RuleTester();
const runtime = "\nconst { timeout } = require('@resilint/runtime');";
const remedy = "stop waiting for it with the runtime's `timeout(ms)`: the `oauth` package sends with a bare `http(s).request` and no timeout, and neither its clients nor their calls take one or a signal";

const signed = (promise: string, imports = '') => `const { OAuth } = require('oauth');${imports}
const conn = new OAuth('https://api.example.test/request_token', 'https://api.example.test/access_token', 'key', 'secret', '1.0A', null, 'HMAC-SHA1');
function me(token, secret) {
  return ${promise};
}
module.exports = { me };`;
const executor = `new Promise((resolve, reject) => {
    conn.get('https://api.example.test/me.json', token, secret, (err, body) => (err ? reject(err) : resolve(JSON.parse(body))));
  })`;

const exchange = (promise: string, imports = '') => `import { OAuth2 } from 'oauth';${imports}
const client = new OAuth2('id', 'secret', 'https://auth.example.test/', 'authorize', 'token');
export function redeem(code: string): Promise<string> {
  return ${promise};
}`;
const tokenExecutor = `new Promise((resolve, reject) => {
    client.getOAuthAccessToken(code, { grant_type: 'authorization_code' }, (err: unknown, accessToken: string) => (err ? reject(err) : resolve(accessToken)));
  })`;

ruleTester.run('require-timeout (oauth)', requireTimeout, {
  valid: [
    signed(`timeout(8_000).execute(() => ${executor})`, runtime),
    // no callback: the request is handed back, for the caller to end and read
    `const { OAuth } = require('oauth');
const conn = new OAuth('https://a.test/r', 'https://a.test/a', 'k', 's', '1.0A', null, 'HMAC-SHA1');
module.exports = (t, s) => conn.post('https://a.test/upload', t, s, 'body', 'text/plain');`,
    // building the authorize URL sends nothing
    `import { OAuth2 } from 'oauth';
export const authorizeUrl = new OAuth2('id', 'secret', 'https://auth.example.test/').getAuthorizeUrl({ redirect_uri: 'https://app.test/cb' });`,
  ],
  invalid: [
    {
      code: signed(executor),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        data: { call: 'OAuth.get', remedy },
        suggestions: [{ messageId: 'fixStopWaiting', output: signed(`timeout(5_000).execute(() => ${executor})`, runtime) }],
      }],
    },
    {
      code: exchange(tokenExecutor),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        data: { call: 'OAuth2.getOAuthAccessToken', remedy },
        suggestions: [{ messageId: 'fixStopWaiting', output: exchange(`timeout(5_000).execute(() => ${tokenExecutor})`, "\nimport { timeout } from '@resilint/runtime';") }],
      }],
    },
    {
      // a post whose callback is handed in, outside any promise: nothing to wrap
      code: `const oauth = require('oauth');
const conn = new oauth.OAuth('https://a.test/r', 'https://a.test/a', 'k', 's', '1.0A', null, 'HMAC-SHA1');
module.exports = (t, s, status, done) => {
  conn.post('https://a.test/statuses/update.json', t, s, { status }, done);
};`,
      errors: [{ messageId: 'missingTimeout', line: 4, data: { call: 'OAuth.post', remedy }, suggestions: [] }],
    },
  ],
});
