import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// A Node agent bounds a request only through its socket `timeout`: keep-alive and pool sizes bound nothing.
ruleTester.run('require-timeout (node:http agents in the options)', requireTimeout, {
  valid: [
    // an agent whose sockets time out
    `import * as https from 'node:https';
     export const ping = (url: string, done: () => void) => https.request(url, { agent: new https.Agent({ keepAlive: true, timeout: 15_000 }) }, done).end();`,
    // an agent made elsewhere may have one
    `import * as http from 'node:http';
     export const ping = (url: string, pool: http.Agent, done: () => void) => http.request(url, { agent: pool }, done).end();`,
    // a proxy agent: its options are not read here
    `import * as https from 'node:https';
     export const ping = (url: string, done: () => void) => https.request(url, { agent: new ProxyAgent(process.env.HTTPS_PROXY) }, done).end();`,
  ],
  invalid: [
    {
      code: `import * as https from 'node:https';
export function download(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { agent: new https.Agent({ keepAlive: true, maxSockets: 4 }) }, (response) => resolve(response.statusCode ?? 0));
    request.on('error', reject);
    request.end();
  });
}`,
      errors: [{ ...missing, line: 4, suggestions: 1 }],
    },
    {
      // a default agent made on the spot sets no timeout either
      code: `import * as http from 'node:http';
export const notify = (url: string) => http.get(url, { agent: new http.Agent() }, (response) => response.resume());`,
      errors: [{ ...missing, line: 2, suggestions: 1 }],
    },
  ],
});
