import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// Request options completed by a spread of what a helper of the file returns, one literal or another by a condition
// (a proxy agent when the environment names a proxy, else nothing): every literal it may return is read, and when none
// sets a timeout or a signal, the request has none. A helper returning anything else may add one.
const ruleTester = new RuleTester();

const helper = (returned: string): string => `import fetch from 'node-fetch';
import { HttpsProxyAgent } from 'https-proxy-agent';
function proxyOptions() {
  return ${returned};
}
export async function activate(url: string, body: string) {
  const options = { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, ...proxyOptions() };
  return (await fetch(url, options)).json();
}
`;

ruleTester.run('require-timeout: options spread from a helper returning one literal or another', requireTimeout, {
  valid: [
    // one branch sets a signal
    helper('process.env.HTTPS_PROXY ? { agent: new HttpsProxyAgent(process.env.HTTPS_PROXY) } : { signal: AbortSignal.timeout(10_000) }'),
    // what the helper returns is not a literal
    helper('process.env.HTTPS_PROXY ? loadProxySettings() : {}'),
  ],
  invalid: [
    {
      code: helper('process.env.HTTPS_PROXY ? { agent: new HttpsProxyAgent(process.env.HTTPS_PROXY) } : {}'),
      errors: [{ messageId: 'missingTimeout', line: 8, suggestions: 4 }],
    },
  ],
});
