import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './retry-requires-backoff.js';

// retry-requires-backoff: ky's and got's `retry: { limit }` counts retries as p-retry's `retries` does. A fixed wait
// before one or a few retries ends before clients could keep a struggling service down in lock-step (the rule's
// `allowFixedDelayUpTo`); a fixed wait before many is reported.
const ruleTester = new RuleTester();

ruleTester.run('retry-requires-backoff: an HTTP client retrying a few times', rule, {
  valid: [
    // One quick second try of a settings read after a dropped connection: no series of attempts to spread.
    `
import ky from 'ky';
const settingsApi = ky.create({ prefixUrl: 'https://settings.internal.test', retry: { limit: 1, methods: ['get'], delay: () => 5 } });
export const loadSettings = (team: string) => settingsApi.get(\`teams/\${team}\`).json();`,
    // The same single retry on a request's own options, with got's delay function.
    `
import got from 'got';
export const fetchQuote = (symbol: string) => got(\`https://quotes.example.test/\${symbol}\`, { retry: { limit: 1, calculateDelay: () => 250 }, timeout: { request: 4_000 } });`,
    // Three retries a fixed second apart: as few as p-retry's \`retries: 3\` with a fixed wait.
    `
import ky from 'ky';
export const readInvoice = (id: string) => ky.get(\`https://billing.example.test/invoices/\${id}\`, { retry: { limit: 3, delay: () => 1_000 } }).json();`,
  ],
  invalid: [
    // Six retries each 200 ms after the last: every client that failed together keeps hitting the service together.
    {
      code: `
import ky from 'ky';
const statusApi = ky.create({ retry: { limit: 6, methods: ['get'], delay: () => 200 } });
export const jobStatus = (id: string) => statusApi.get(\`https://jobs.example.test/\${id}\`).json();`,
      errors: [{ messageId: 'constantDelay', line: 3, suggestions: 1 }],
    },
    // A single retry is still one when strict asks for growth on every fixed wait.
    {
      code: `
import ky from 'ky';
const settingsApi = ky.create({ retry: { limit: 1, delay: () => 5 } });`,
      options: [{ allowFixedDelayUpTo: 0 }],
      errors: [{ messageId: 'constantDelay', line: 3, suggestions: 1 }],
    },
  ],
});
