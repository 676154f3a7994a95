import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// An SDK helper whose transport is a function assigned to one of its own properties (met on a CLI monorepo's SDK
// utilities, after its held-out round): `request.fetch = async function fetch(url, options) { ... }`, called as
// `request.fetch(url, options)` by `request`, whose callers give the options. The transport is a layer like a named
// function, so its callers are judged by what they pass.
const sdk = (call: string) => `import https from 'node:https';
export async function request(url, options = {}) {
  const response = await request.fetch(url, options);
  if (response.status >= 400) throw new Error(String(response.status));
  return response;
}
request.fetch = async function fetch(url, options) {
  return new Promise((resolve, reject) => {
    https.request(url, options)
      .on('response', (res) => { let body = ''; res.on('data', (chunk) => (body += chunk)); res.on('end', () => resolve({ status: res.statusCode, body })); })
      .on('error', reject)
      .end(options.body);
  });
};
export const capabilities = (hub) => ${call};`;

ruleTester.run('require-timeout: a transport assigned to a property of its helper', requireTimeout, {
  valid: [sdk('request(`${hub}/session`, { signal: AbortSignal.timeout(10_000) })')],
  invalid: [
    {
      code: sdk('request(`${hub}/session`)'),
      errors: [{
        messageId: 'missingTimeout',
        line: 15,
        // the caller gives no options to add a signal to: the runtime's timeout hands its signal in
        suggestions: 3,
      }],
    },
  ],
});
