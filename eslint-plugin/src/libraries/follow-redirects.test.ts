import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A server's outbound request helper on follow-redirects (node's http and https, following redirects), choosing the
// module by the URL's protocol from a table (met on parse-server, tuned on): every request goes out with no bound.
const helper = (options: string) => `import { http, https } from 'follow-redirects';
const clients = { 'http:': http, 'https:': https };
export function send(url: URL, method: string) {
  const client = clients[url.protocol as 'http:' | 'https:'];
  return new Promise((resolve, reject) => {
    const request = client.request({ hostname: url.hostname, path: url.pathname, method${options} }, resolve);
    request.on('error', (error) => reject(error));
    request.end();
  });
}
`;

// The module handed to a request helper as a parameter by every call of the helper in its module (a dashboard's
// proxy: `handleRequest(https, url, params)` and `handleRequest(http, url, params)`, met in the twenty-ninth round).
const handedModule = (callers: string) => `import { http, https } from 'follow-redirects';
function handleRequest(requestor, url, params) {
  return new Promise((resolve, reject) => {
    const request = requestor.request(url, params, resolve);
    request.on('error', reject);
    request.end();
  });
}
${callers}`;

ruleTester.run('require-timeout (follow-redirects)', requireTimeout, {
  valid: [
    // a caller hands something of its own: the parameter is not only the library's module
    handedModule(`export const viaHttps = (url) => handleRequest(https, url, { method: 'GET' });
export const viaTest = (url, fake) => handleRequest(fake, url, { method: 'GET' });`),
    // every caller bounds its request
    handedModule(`export const viaHttps = (url) => handleRequest(https, url, { signal: AbortSignal.timeout(10_000) });
export const viaHttp = (url) => handleRequest(http, url, { signal: AbortSignal.timeout(10_000) });`),
    helper(', signal: AbortSignal.timeout(10_000)'),
    // a table whose entries are not all one library's says nothing of the entry taken
    `import { https } from 'follow-redirects';
import { sendLocally } from './local';
const senders = { remote: https, local: sendLocally };
export const send = (kind: 'remote' | 'local', host: string) => senders[kind].request({ host }, () => undefined).end();`,
  ],
  invalid: [
    { code: helper(''), errors: [{ messageId: 'missingTimeout', line: 6, suggestions: 1 }] },
    {
      code: handedModule(`export const viaHttps = (url) => handleRequest(https, url, { method: 'GET' });
export const viaHttp = (url) => handleRequest(http, url, { method: 'GET' });`),
      // no caller bounds it: reported once, in the helper, where one edit bounds them all
      errors: [{ messageId: 'missingTimeout', line: 4, suggestions: 1 }],
    },
    {
      code: `const { https } = require('follow-redirects');
module.exports = (host) => new Promise((resolve, reject) => https.get({ host, path: '/health' }, resolve).on('error', reject));`,
      errors: [{ messageId: 'missingTimeout', suggestions: 1 }],
    },
  ],
});
