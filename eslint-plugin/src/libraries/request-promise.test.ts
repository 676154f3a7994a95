import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noRetryNonIdempotent from '../rules/no-retry-non-idempotent.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// request-promise waits as long as the other side takes unless `timeout` (ms) is in its options or in
// `request.defaults(...)`; it takes no abort signal. Its options come first (`rp({ uri, method })`) or after the URI.
const renderer = fileURLToPath(new URL('../../../fixtures/workspaces/wiki-server/server/render/prefetch.js', import.meta.url));
const missing = { messageId: 'missingTimeout' as const };

const ruleTester = new RuleTester();

ruleTester.run('require-timeout (request-promise)', requireTimeout, {
  valid: [
    { filename: renderer, code: `const request = require('request-promise');\nexports.prefetch = (url) => request({ method: 'GET', url, timeout: 5000, resolveWithFullResponse: true });` },
    { filename: renderer, code: `const rp = require('request-promise-native');\nexports.ping = (url) => rp.get(url, { timeout: 2000 });` },
    // an instance bounded where it is made bounds every call
    { filename: renderer, code: `const rp = require('request-promise').defaults({ timeout: 5000, json: true });\nexports.search = (uri, body) => rp.post({ uri, body });` },
    // options handed in by the caller: theirs to bound
    { filename: renderer, code: `const rp = require('request-promise');\nexports.send = (options) => rp(options);` },
    // merged over the module's defaults, as an SDK's request layer does: still the caller's options (no caller in view)
    { filename: renderer, code: `const request = require('@cypress/request');\nconst DEFAULTS = { json: true };\nexports.send = (options, done) => request(Object.assign({}, DEFAULTS, options), done);` },
  ],
  invalid: [
    {
      // the only argument is named for a URL (a webhook confirming an SNS subscription, met on a newsletter server in
      // the thirty-seventh round): it is the URL, not the options, so nothing bounds the call
      filename: renderer,
      code: `const request = require('request-promise');\nexports.confirm = async (req, res) => {\n  await request(req.body.SubscribeURL);\n  res.send('');\n};`,
      errors: [{ ...missing, line: 3, suggestions: [{ messageId: 'fixNativeTimeout', output: `const request = require('request-promise');\nexports.confirm = async (req, res) => {\n  await request(req.body.SubscribeURL, { timeout: 5_000 });\n  res.send('');\n};` }] }],
    },
    {
      filename: renderer,
      code: `const request = require('request-promise');\nexports.prefetch = async (url) => {\n  const response = await request({ method: 'GET', url, resolveWithFullResponse: true });\n  return response.body;\n};`,
      errors: [{
        ...missing,
        line: 3,
        data: { call: 'request', remedy: 'set `timeout` (ms) in its options or in `request.defaults(...)`' },
        suggestions: [
          // no abort signal to thread through a policy: its own timeout is the fix
          { messageId: 'fixNativeTimeout', output: `const request = require('request-promise');\nexports.prefetch = async (url) => {\n  const response = await request({ method: 'GET', url, resolveWithFullResponse: true, timeout: 5_000 });\n  return response.body;\n};` },
        ],
      }],
    },
    {
      // @cypress/request, request's maintained fork (an SDK's request layer, met on box-node-sdk): the same API, no default timeout
      filename: renderer,
      code: `const request = require('@cypress/request');\nexports.send = (url, done) => request({ url, method: 'GET', json: true }, (error, response) => done(error, response));`,
      errors: [{ ...missing, line: 2, suggestions: [{ messageId: 'fixNativeTimeout', output: `const request = require('@cypress/request');\nexports.send = (url, done) => request({ url, method: 'GET', json: true, timeout: 5_000 }, (error, response) => done(error, response));` }] }],
    },
    {
      // options merged from the module's defaults and a literal, none bounding: read as options, not as a URI (the
      // fix once gave them a second options argument, which request would have taken for the URI)
      filename: renderer,
      code: `const request = require('@cypress/request');\nconst DEFAULTS = { json: true };\nexports.me = (token, done) => request(Object.assign({}, DEFAULTS, { url: '/me', auth: { bearer: token } }), done);`,
      errors: [{ ...missing, line: 3, suggestions: [{ messageId: 'fixNativeTimeout', output: `const request = require('@cypress/request');\nconst DEFAULTS = { json: true };\nexports.me = (token, done) => request({ ...Object.assign({}, DEFAULTS, { url: '/me', auth: { bearer: token } }), timeout: 5_000 }, done);` }] }],
    },
    {
      // the URI first, then options that bound nothing; `post` written in lower case
      filename: renderer,
      code: `import rp from 'request-promise';\nexport const suggest = (service: string, q: string) => rp(\`https://\${service}.search.example.net/suggest\`, { method: 'post', body: { q }, json: true });`,
      errors: [{ ...missing, line: 2, suggestions: 1 }],
    },
    {
      filename: renderer,
      // an instance made without one, and a URI written out
      code: `const rp = require('request-promise').defaults({ json: true });\nexports.remove = (id) => rp.del(\`https://wiki.example.com/api/pages/\${id}\`);`,
      errors: [{ ...missing, line: 2, suggestions: 2 }],
    },
  ],
});

ruleTester.run('no-retry-non-idempotent (request-promise)', noRetryNonIdempotent, {
  valid: [],
  invalid: [
    {
      // a POST sent again on failure, with no idempotency key
      filename: renderer,
      code: `const rp = require('request-promise');
exports.charge = async (body) => {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await rp({ uri: 'https://pay.example.com/charges', method: 'POST', body, json: true, timeout: 5000 });
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
    }
  }
  throw new Error('charge failed');
};`,
      errors: [{ messageId: 'retriedRequest', suggestions: 1 }],
    },
  ],
});
