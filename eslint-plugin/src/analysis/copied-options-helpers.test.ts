import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A wrapper handing its caller's options to node-fetch through a helper that copies them into a local first and adds
// a proxy agent (`const copy = { ...options }; if (proxy) copy.agent = agent; return copy;`, appcenter-cli's upload
// client, the thirty-fourth round): the options are still the caller's. A layer only its module calls, whose callers
// give no bound, is reported at its own request, once; an exported one at each caller that gives none.
const ruleTester = new RuleTester();

const layer = (copy: string, exported = ''): string => `import fetch from 'node-fetch';
import { HttpsProxyAgent } from 'https-proxy-agent';
function withProxy(options: any = {}) {
  ${copy}
  return copy;
}
${exported}function proxiedFetch(url: string, options: any = {}) {
  return fetch(url, withProxy(options));
}
export async function createRelease(url: string) {
  const response = await proxiedFetch(url, { method: 'POST', body: '{}' });
  return response.json();
}
`;

ruleTester.run('require-timeout: options copied into a local by a proxy helper', requireTimeout, {
  valid: [
    // the copy sets a bound of its own
    layer(`const copy = { ...options, timeout: 30_000 };`),
    // the copy is handed to other code, which may set anything on it
    layer(`const copy = { ...options };\n  configureProxy(copy);`),
    // not a copy of the caller's options
    layer(`const copy = { ...defaults() };`),
  ],
  invalid: [
    {
      code: layer(`const copy = { ...options };\n  const proxy = process.env.HTTPS_PROXY;\n  if (!options.agent && proxy) copy.agent = new HttpsProxyAgent(proxy);`),
      errors: [{ messageId: 'missingTimeout', line: 10, suggestions: 4 }],
    },
    {
      code: layer(`const copy = { ...options };\n  const proxy = process.env.HTTPS_PROXY;\n  if (!options.agent && proxy) copy.agent = new HttpsProxyAgent(proxy);`, 'export '),
      errors: [{ messageId: 'missingTimeout', line: 13, suggestions: 3 }],
    },
  ],
});
