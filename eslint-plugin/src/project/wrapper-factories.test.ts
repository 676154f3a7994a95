import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A build worker's monorepo: a helper that takes a fetch-like function and returns one calling it with the caller's
// arguments (`retryOnDnsFailure(fetch)(url, init)`), and a download package whose got stream is bounded only by
// the `timeout` its callers pass. Real file names: the modules beside them are read, resolved and summarised.
const tools = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/build-worker/packages/tools/src/${path}`, import.meta.url));
const step = tools('steps/upload-cache.ts');

const missing = { messageId: 'missingTimeout' as const };
const ruleTester = new RuleTester();

ruleTester.run('require-timeout (wrapper factories and wrappers in another package)', requireTimeout, {
  valid: [
    // the caller's init carries a signal: the wrapped fetch is bounded
    { filename: step, code: `import fetch from 'node-fetch';\nimport { retryOnDnsFailure } from '../utils/retryOnDnsFailure';\nexport const save = (url: string) => retryOnDnsFailure(fetch)(url, { method: 'PUT', signal: AbortSignal.timeout(30_000) });` },
    // node-fetch's own timeout
    { filename: step, code: `import fetch from 'node-fetch';\nimport { retryOnDnsFailure } from '../utils/retryOnDnsFailure';\nexport const save = (url: string) => retryOnDnsFailure(fetch)(url, { method: 'PUT', timeout: 30_000 });` },
    // a helper that calls what it is given with arguments of its own is no stand-in for it
    { filename: step, code: `import fetch from 'node-fetch';\nimport { pinged } from '../utils/retryOnDnsFailure';\nexport const ping = () => pinged(fetch)();` },
    // the download package's callers that pass a timeout
    { filename: step, code: `import downloadFile from '@acme/downloader';\nexport const fetchCache = (url: string) => downloadFile(url, '/tmp/cache.tar', { retry: 3, timeout: 60_000 });` },
  ],
  invalid: [
    {
      // a node-fetch request through the DNS-retry wrapper, given only headers
      filename: step,
      code: `import fetch from 'node-fetch';\nimport { retryOnDnsFailure } from '../utils/retryOnDnsFailure';\nexport async function save(url: string, token: string) {\n  const response = await retryOnDnsFailure(fetch)(url, { headers: { Authorization: \`Bearer \${token}\` } });\n  return response.json();\n}`,
      errors: [{ ...missing, line: 4, suggestions: 4 }],
    },
    {
      // the download package's got stream, when its caller passes no `timeout` (got 11: no wrap hands it a signal)
      filename: step,
      code: `import downloadFile from '@acme/downloader';\nexport async function fetchCache(url: string) {\n  await downloadFile(url, '/tmp/cache.tar', { retry: 3 });\n}`,
      errors: [{ ...missing, line: 3, suggestions: 1 }],
    },
  ],
});
