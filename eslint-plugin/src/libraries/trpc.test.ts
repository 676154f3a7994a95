import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
// a command-line tool's package (it has a `bin`), and a service's
const command = fileURLToPath(new URL('../../../fixtures/workspaces/telemetry/src/api.ts', import.meta.url));
const service = fileURLToPath(new URL('../../../fixtures/workspaces/rpc-service/src/trpc.ts', import.meta.url));
const atCreation = { messageId: 'missingClientTimeout' as const };
const remedy = 'give the link a `fetch` that sets a deadline on each request, where it is created (tRPC sets no timeout; a call can also pass `{ signal }`)';
const deadline = 'signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000)';

// tRPC's HTTP links send with fetch and no timeout, under a signal of their own: a command or service whose link has
// no fetch that bounds it waits forever on each `.query()`/`.mutate()` its proxy makes, in whatever file makes it.
// The link is reported where it is made.
ruleTester.run('require-timeout (tRPC links)', requireTimeout, {
  valid: [
    // a fetch of the app's own
    { filename: command, code: `import { createTRPCClient, httpBatchLink } from '@trpc/client'; import { fetchWithDeadline } from './http';
     export const api = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'https://app.example.com/api/trpc', fetch: fetchWithDeadline })] });` },
    // options built elsewhere
    { filename: service, code: `import { httpLink } from '@trpc/client'; export const link = (options: HTTPLinkOptions) => httpLink(options);` },
    // the pages' link to their own API in a package that holds the routers too (the forty-fourth held-out round's
    // saleor apps): the base is empty in a browser and the app's own host when a page renders on the server
    { filename: service, code: `import { httpBatchLink } from '@trpc/client';
function getBaseUrl() {
  if (typeof window !== 'undefined') return '';
  return process.env.VERCEL_URL ? \`https://\${process.env.VERCEL_URL}\` : \`http://localhost:\${process.env.PORT ?? 3000}\`;
}
export const createLink = () => httpBatchLink({ url: \`\${getBaseUrl()}/api/trpc\` });` },
    // a page's client, or one whose code may run anywhere: tRPC talks to the app's own server, mostly from its pages
    `'use client';
     import { createTRPCClient, httpBatchLink } from '@trpc/client';
     export const api = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: 'https://app.example.com/api/trpc' })] });`,
    `import { createTRPCClient, httpBatchLink } from '@trpc/client';
     export const trpc = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: \`\${getBaseUrl()}/api/trpc\` })] });`,
    // a command talking to a server on this machine
    { filename: command, code: `import { createTRPCClient, httpLink } from '@trpc/client';
     export const local = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost:3000/api/trpc' })] });` },
    // a stream lasts as long as its procedure streams
    { filename: service, code: `import { createTRPCClient, httpBatchStreamLink } from '@trpc/client';
     export const api = createTRPCClient<AppRouter>({ links: [httpBatchStreamLink({ url: 'https://app.example.com/api/trpc' })] });` },
  ],
  invalid: [
    {
      // a command's client of the user's server, one link per configured server
      filename: command,
      code: `import { createTRPCClient, httpBatchLink } from '@trpc/client';
export function getAPIClient(options: { serverAddr: string; apiKey: string }) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: \`\${options.serverAddr}/api/trpc\`,
        headers() {
          return { authorization: \`Bearer \${options.apiKey}\` };
        },
      }),
    ],
  });
}`,
      errors: [{
        ...atCreation,
        line: 5,
        data: { client: '`httpBatchLink(...)`', remedy },
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { createTRPCClient, httpBatchLink } from '@trpc/client';
export function getAPIClient(options: { serverAddr: string; apiKey: string }) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: \`\${options.serverAddr}/api/trpc\`,
        headers() {
          return { authorization: \`Bearer \${options.apiKey}\` };
        },
        fetch: (input, init) => fetch(input, { ...init, ${deadline} }),
      }),
    ],
  });
}`,
        }],
      }],
    },
    {
      // a service's link, the global fetch named outright: it bounds nothing either
      code: `const { httpLink } = require('@trpc/client');
module.exports = httpLink({ url: process.env.API_URL, fetch: globalThis.fetch });`,
      filename: service.replace(/\.ts$/, '.js'),
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `const { httpLink } = require('@trpc/client');
module.exports = httpLink({ url: process.env.API_URL, fetch: (input, init) => globalThis.fetch(input, { ...init, ${deadline} }) });` }] }],
    },
  ],
});

describe('the tRPC fix', () => {
  it('gives the link a fetch its types accept', { timeout: 60_000 }, () => {
    const source = `import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
export const api = createTRPCClient<AnyRouter>({ links: [httpBatchLink({ url: 'https://app.example.com/api/trpc' })] });
export const single = httpLink({ url: 'https://app.example.com/api/trpc', headers: { authorization: 'Bearer token' } });
`;
    const findings = lint(source, command).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(findings).toHaveLength(2);
    let fixed = source;
    for (const finding of [...findings].reverse()) {
      const suggestion = finding.suggestions[0]!;
      fixed = fixed.slice(0, suggestion.range[0]) + suggestion.text + fixed.slice(suggestion.range[1]);
    }
    const [errors, wrong] = typeErrors([
      fixed,
      // the check itself can fail: a fetch of the wrong shape is an error
      fixed.replace('(input, init) => fetch(', '(input: number, init) => fetch(String(input), '),
    ]);
    expect(fixed.split('AbortSignal.any').length).toBe(3);
    expect(errors).toEqual([]);
    expect(wrong).not.toEqual([]);
  });
});
