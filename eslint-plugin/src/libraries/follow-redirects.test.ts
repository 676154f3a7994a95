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

ruleTester.run('require-timeout (follow-redirects)', requireTimeout, {
  valid: [
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
      code: `const { https } = require('follow-redirects');
module.exports = (host) => new Promise((resolve, reject) => https.get({ host, path: '/health' }, resolve).on('error', reject));`,
      errors: [{ messageId: 'missingTimeout', suggestions: 1 }],
    },
  ],
});
