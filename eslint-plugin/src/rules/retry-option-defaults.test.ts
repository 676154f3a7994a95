import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

/**
 * A retry helper whose attempt count is an option with a default (`const { maxRetries = 3 } = options`): the default
 * is the count most callers run with, so a fixed wait over that few attempts is left alone by default, as it is for
 * a constant (met on a tune set, the seventeenth round: a remote build tried three times, 10 s apart, judged
 * debatable). A large default keeps the finding.
 */
const helper = (attempts: number) => `
import { setTimeout as sleep } from 'node:timers/promises';
export async function runWithRetry<T>(work: () => Promise<T>, options: { maxRetries?: number; pause?: number } = {}): Promise<T> {
  const { maxRetries = ${attempts}, pause = 5_000 } = options;
  let last: unknown;
  for (let attempt = 1; attempt <= maxRetries; attempt++) {
    try {
      return await work();
    } catch (error) {
      last = error;
      await sleep(pause);
    }
  }
  throw last;
}
export const build = () => runWithRetry(() => fetch('https://builds.example.org/start', { method: 'PUT', signal: AbortSignal.timeout(60_000) }));`;

ruleTester.run('retry-requires-backoff: an attempt count given by an option default', backoff, {
  valid: [helper(3)],
  invalid: [{ code: helper(10), errors: [{ messageId: 'constantDelay', line: 6, suggestions: 1 }] }],
});
