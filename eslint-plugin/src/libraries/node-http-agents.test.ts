import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// A Node agent's socket `timeout` only makes the request emit 'timeout'. node:http's callers handle that event as they
// do for the request's own `timeout`, so there an agent made with one counts; node-fetch listens to no such event, so
// for it only an agent that ends the request itself (agentkeepalive) bounds the call. An agent not made in view (a
// parameter, a proxy agent) bounds nothing: keep-alive, pool sizes and proxies set no timeout.
ruleTester.run('require-timeout (Node agents in the options)', requireTimeout, {
  valid: [
    // an agent whose sockets time out, on node:http
    `import * as https from 'node:https';
     export const ping = (url: string, done: () => void) => https.request(url, { agent: new https.Agent({ keepAlive: true, timeout: 15_000 }) }, done).end();`,
    // agentkeepalive destroys a socket that falls silent (its timeout is on by default)
    `import fetch from 'node-fetch';
     import Agent from 'agentkeepalive';
     const pool = new Agent.HttpsAgent({ keepAlive: true });
     export const ping = (url: string) => fetch(url, { agent: pool });`,
    // the call's own bound is what counts, whatever the agent
    `import fetch from 'node-fetch';
     export const ping = (url: string, agent: unknown) => fetch(url, { agent, signal: AbortSignal.timeout(5_000) });`,
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
    {
      // an agent handed in: most have no timeout
      code: `import * as http from 'node:http';
export const ping = (url: string, pool: http.Agent, done: () => void) => http.request(url, { agent: pool }, done).end();`,
      errors: [{ ...missing, line: 2, suggestions: 1 }],
    },
    {
      // a proxy agent tunnels the request; it does not time it out
      code: `import * as https from 'node:https';
export const ping = (url: string, done: () => void) => https.request(url, { agent: new ProxyAgent(process.env.HTTPS_PROXY) }, done).end();`,
      errors: [{ ...missing, line: 2, suggestions: 1 }],
    },
    {
      // a release tool posting to a chat hook through node-fetch, the proxy agent (or nothing) passed down as a parameter
      code: `import fetch from 'node-fetch';
import makeProxyAgent, { HttpsProxyAgent } from 'https-proxy-agent';
export class Announcer {
  constructor(private readonly hook: string) {}
  async announce(text: string) {
    const agent = process.env.HTTPS_PROXY ? makeProxyAgent(process.env.HTTPS_PROXY) : undefined;
    await this.send(text, agent);
  }
  private async send(text: string, agent: HttpsProxyAgent | undefined) {
    await fetch(this.hook, { method: 'POST', body: JSON.stringify({ text }), agent });
  }
}`,
      errors: [{ ...missing, line: 10, suggestions: 3 }],
    },
    {
      // node-fetch ignores the agent's socket timeout: the request waits on after the socket's 'timeout' event
      code: `import fetch from 'node-fetch';
import * as https from 'node:https';
const pool = new https.Agent({ keepAlive: true, timeout: 10_000 });
export const ping = (url: string) => fetch(url, { agent: pool });`,
      errors: [{ ...missing, line: 4, suggestions: 4 }],
    },
  ],
});
