import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import rule from '../rules/no-unbounded-retry.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A CLI step that waits for its user to finish logging in in the browser: a poll that calls itself from the `.catch`
// of each check, inside the executor of the promise the step returns. A deadline that throws from that callback would
// reach nobody (the step's promise would wait for ever, the error unhandled): the fix rejects the step's promise, and
// gives the executor a `reject` where it takes only `resolve`.
const ruleTester = new RuleTester();

const step = (executor: string, poll: string, again: string) => `export function waitForLogin(url: string): Promise<unknown> {
  return new Promise(${executor} => {
    const check = async (): Promise<void> => {
      const answer = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!answer.ok) throw new Error(\`status \${answer.status}\`);
      resolve(await answer.json());
    };
    const poll = (${poll}): void => {
      check().catch((error) => {
        console.debug('still waiting', error);
${again}
      });
    };
    poll();
  });
}`;

const AGAIN = '        setTimeout(poll, 1000);';
const STOPPED = '        if (Date.now() > deadline) return reject(error);\n        setTimeout(() => poll(deadline), 1000);';

ruleTester.run('no-unbounded-retry: a poll inside a promise executor', rule, {
  valid: [],
  invalid: [
    {
      code: step('(resolve)', '', AGAIN),
      errors: [{ messageId: 'unboundedPoll', suggestions: [{ messageId: 'fixAddDeadline', output: step('(resolve, reject)', 'deadline = Date.now() + 10 * 60_000', STOPPED) }] }],
    },
    {
      code: step('resolve', '', AGAIN),
      errors: [{ messageId: 'unboundedPoll', suggestions: [{ messageId: 'fixAddDeadline', output: step('(resolve, reject)', 'deadline = Date.now() + 10 * 60_000', STOPPED) }] }],
    },
    {
      code: step('(resolve, fail)', '', AGAIN),
      errors: [{ messageId: 'unboundedPoll', suggestions: [{ messageId: 'fixAddDeadline', output: step('(resolve, fail)', 'deadline = Date.now() + 10 * 60_000', STOPPED.replace('reject(', 'fail(')) }] }],
    },
  ],
});
