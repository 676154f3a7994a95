import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnboundedRetry from './no-unbounded-retry.js';
import retryRequiresBackoff from './retry-requires-backoff.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A read-it-later back end's queue connection (the forty-second round's omnivore, in our own words): ioredis told to
// reconnect 10 ms after every failed attempt, whatever the count. While Redis is down each worker reconnects a hundred
// times a second, all of them together, into a server that is trying to come back.
const ruleTester = new RuleTester();

const connection = (strategy: string) => `import Redis from 'ioredis';
const options = {
  maxRetriesPerRequest: null,
  retryStrategy: ${strategy},
};
export const queueConnection = new Redis(process.env.REDIS_URL!, options);
`;

ruleTester.run('retry-requires-backoff: ioredis reconnection', retryRequiresBackoff, {
  valid: [
    // ioredis's own default strategy, and one that grows
    `import Redis from 'ioredis'; export const cache = new Redis(process.env.REDIS_URL!);`,
    connection('(times: number) => Math.min(times * 50, 2000)'),
  ],
  invalid: [
    {
      code: connection('(times: number) => 10'),
      errors: [{
        messageId: 'constantDelay',
        line: 4,
        suggestions: [{ messageId: 'fixAddBackoff', output: connection('(times: number) => Math.random() * Math.min(30_000, 100 * 2 ** times)') }],
      }],
    },
  ],
});

// Reconnecting for as long as Redis is down is what a long-lived client does: not an unbounded retry.
ruleTester.run('no-unbounded-retry: ioredis reconnection', noUnboundedRetry, {
  valid: [connection('(times: number) => 10'), connection('(times: number) => Math.min(times * 50, 2000)')],
  invalid: [{
    // a retry of its own around a command is still one
    code: `import Redis from 'ioredis';
const redis = new Redis(process.env.REDIS_URL!, { retryStrategy: (times: number) => Math.min(times * 50, 2000) });
export async function readFlag(key: string) {
  while (true) {
    try { return await redis.get(key); } catch { await new Promise((resolve) => setTimeout(resolve, 1000)); }
  }
}
`,
    errors: [{ messageId: 'unbounded', suggestions: 1 }],
  }],
});
