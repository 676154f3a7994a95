import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };
const deadline = 'signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000)';
// a service's package (fastify), and a command-line tool's
const service = fileURLToPath(new URL('../../../fixtures/workspaces/rpc-service/src/graphql.ts', import.meta.url));
const command = fileURLToPath(new URL('../../../fixtures/workspaces/telemetry/src/graphql.ts', import.meta.url));

// Apollo Client's HTTP links send with fetch and no timeout: a service or command whose link has no fetch that
// bounds it waits forever on each of its operations. Apollo mostly runs in pages, where that costs a tab.
ruleTester.run('require-timeout (Apollo Client links)', requireTimeout, {
  valid: [
    { filename: service, code: `import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client'; import { fetchWithDeadline } from './http';
     export const client = new ApolloClient({ cache: new InMemoryCache(), link: new HttpLink({ uri: 'https://api.example.com/graphql', fetch: fetchWithDeadline }) });` },
    // a signal for every request of the link: somebody's deliberate choice (a shutdown signal)
    { filename: service, code: `import { HttpLink } from '@apollo/client'; export const link = new HttpLink({ uri: 'https://api.example.com/graphql', fetchOptions: { signal: shutdown.signal } });` },
    // a page's link, or code that may run anywhere
    `'use client';
     import { HttpLink } from '@apollo/client';
     export const link = new HttpLink({ uri: 'https://api.example.com/graphql' });`,
    `import { HttpLink } from '@apollo/client'; export const link = new HttpLink({ uri: 'https://api.example.com/graphql' });`,
    // the default URI is the page's /graphql; a command's link to this machine
    { filename: service, code: `import { HttpLink } from '@apollo/client'; export const link = new HttpLink();` },
    { filename: command, code: `import { createHttpLink } from '@apollo/client'; export const link = createHttpLink({ uri: 'http://localhost:4000/graphql' });` },
  ],
  invalid: [
    {
      filename: service,
      code: `import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
export const catalog = new ApolloClient({
  cache: new InMemoryCache(),
  link: new HttpLink({ uri: process.env.CATALOG_GRAPHQL_URL, headers: { authorization: \`Bearer \${process.env.CATALOG_TOKEN}\` } }),
});`,
      errors: [{
        ...atCreation,
        line: 4,
        data: { client: '`new HttpLink(...)`', remedy: 'give the link a `fetch` that sets a deadline on each request, where it is created (Apollo sets no timeout; an operation can also pass `context: { fetchOptions: { signal } }`)' },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
export const catalog = new ApolloClient({
  cache: new InMemoryCache(),
  link: new HttpLink({ uri: process.env.CATALOG_GRAPHQL_URL, headers: { authorization: \`Bearer \${process.env.CATALOG_TOKEN}\` }, fetch: (input, init) => fetch(input, { ...init, ${deadline} }) }),
});` }],
      }],
    },
    {
      // node-fetch given as the link's fetch bounds nothing; the batch link likewise
      filename: command,
      code: `import fetch from 'node-fetch'; import { BatchHttpLink } from '@apollo/client/link/batch-http';
export const link = new BatchHttpLink({ uri: 'https://api.example.com/graphql', fetch, batchMax: 10 });`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import fetch from 'node-fetch'; import { BatchHttpLink } from '@apollo/client/link/batch-http';
export const link = new BatchHttpLink({ uri: 'https://api.example.com/graphql', fetch: (input, init) => fetch(input, { ...init, ${deadline} }), batchMax: 10 });` }] }],
    },
  ],
});
