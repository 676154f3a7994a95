import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnboundedRetry from './no-unbounded-retry.js';
import retryRequiresBackoff from './retry-requires-backoff.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A theme CLI waiting for the store to finish an upload job (the forty-second round's stencil-cli, in our own words):
// async's `retryable` asks once a second, going round only while the job reports itself pending, with no end to
// the tries, so a job stuck on the server keeps `push` (and the CI job running it) alive for ever.
const ruleTester = new RuleTester();

const waitForJob = (options: string) => `import async from 'async';
import axios from 'axios';
class JobPendingError extends Error {}
async function jobState(host: string, id: string) {
  const response = await axios.get(\`\${host}/jobs/\${id}\`, { timeout: 15_000 });
  if (response.data.status !== 'done') throw new JobPendingError(String(response.data.percent));
  return response.data;
}
export const waitForJob = async.retryable(${options}, jobState);
`;

ruleTester.run('no-unbounded-retry: async.retryable', noUnboundedRetry, {
  valid: [
    waitForJob('{ times: 300, interval: 1000, errorFilter: (error) => error instanceof JobPendingError }'),
    // the default: 5 attempts
    waitForJob('{ interval: 1000 }'),
  ],
  invalid: [
    {
      code: waitForJob('{ times: Number.POSITIVE_INFINITY, interval: 1000, errorFilter: (error) => error instanceof JobPendingError }'),
      errors: [{
        messageId: 'unboundedPoll',
        suggestions: [{
          messageId: 'fixAddPollLimit',
          data: { option: 'times', times: '600', interval: '1000' },
          output: waitForJob('{ times: 600, interval: 1000, errorFilter: (error) => error instanceof JobPendingError }'),
        }],
      }],
    },
    {
      // async.retry given a count that never runs out, around any failure
      code: `import { retry } from 'async';
export const send = (deliver: () => Promise<void>) => retry({ times: Infinity, interval: 2000 }, deliver);
`,
      errors: [{
        messageId: 'unbounded',
        suggestions: [{ messageId: 'fixAddBound', output: `import { retry } from 'async';
export const send = (deliver: () => Promise<void>) => retry({ times: 3, interval: 2000 }, deliver);
` }],
      }],
    },
  ],
});

ruleTester.run('retry-requires-backoff: async.retry', retryRequiresBackoff, {
  valid: [
    // a poll at a fixed interval waits for work, not for a failing dependency to recover
    waitForJob('{ times: 300, interval: 1000, errorFilter: (error) => error instanceof JobPendingError }'),
    `import async from 'async';
export const send = (deliver: () => Promise<void>) => async.retry({ times: 5, interval: (attempt) => Math.random() * 100 * 2 ** attempt }, deliver);
`,
    // a job scheduler waiting for a job this process has not registered yet (the thirty-ninth round's cronicle): the
    // task answers its callback at once from memory, so it polls local state, where a fixed interval is right
    `const async = require('async');
exports.whenRegistered = (jobs, id, done) => {
  let job = null;
  async.retry({ times: 20, interval: 250 }, async.ensureAsync((callback) => {
    job = jobs.get(id);
    return job ? callback() : callback(new Error('not registered'));
  }), (error) => done(error, job));
};
`,
  ],
  invalid: [
    {
      // a delivery tried ten times, two seconds apart whatever the failure: senders that failed together stay together
      code: `import async from 'async';
export const send = (deliver: () => Promise<void>) => async.retry({ times: 10, interval: 2000 }, deliver);
`,
      errors: [{ messageId: 'constantDelay', suggestions: 1 }],
    },
  ],
});
