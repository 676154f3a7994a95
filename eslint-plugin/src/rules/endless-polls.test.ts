import { RuleTester } from '@typescript-eslint/rule-tester';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A CLI following a deployment (met on clever-tools, the thirty-fifth round): an endless loop whose one way out is
 * taken unless the answer says the work is still in progress, waiting each time. A deployment stuck in progress holds
 * the command (and the CI job running it) for ever.
 */
const follow = (body: string) => `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function waitUntilDeployed(appId: string, id: string) {
  ${body}
}
`;
const ask = "const deployment = await (await fetch(`https://api.example.test/apps/${appId}/deployments/${id}`, { signal: AbortSignal.timeout(30_000) })).json();";

ruleTester.run('no-unbounded-retry: an endless loop leaving when the answer is no longer in progress', unbounded, {
  valid: [
    // a deadline
    follow(`const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    ${ask}
    if (deployment.state !== 'WIP') return deployment;
    await sleep(5_000);
  }
  throw new Error('still deploying');`),
    // a worker taking the next job: it leaves on nothing, by design
    follow(`while (true) {
    ${ask}
    if (deployment.state === 'WIP') { await sleep(5_000); continue; }
    console.log(deployment.state);
  }`),
    // the way out says nothing of the work being in progress
    follow(`for (;;) {
    ${ask}
    if (deployment.ok) return deployment;
    await sleep(5_000);
  }`),
  ],
  invalid: [
    {
      code: follow(`while (true) {
    ${ask}
    if (deployment.state !== 'WIP') return deployment;
    await sleep(5_000);
  }`),
      errors: [{ messageId: 'unboundedPoll', line: 3, suggestions: [{ messageId: 'fixAddDeadline', output: follow(`const deadline = Date.now() + 10 * 60_000;
  while (true) {
    if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');
    ${ask}
    if (deployment.state !== 'WIP') return deployment;
    await sleep(5_000);
  }`) }] }],
    },
    {
      code: follow(`for (;;) {
    ${ask}
    if (deployment.state !== 'pending') break;
    await sleep(5_000);
  }`),
      errors: [{ messageId: 'unboundedPoll', line: 3, suggestions: 1 }],
    },
  ],
});

/**
 * The same CLI's generic helper (met on clever-tools, the thirty-fifth round): it asks the function it is handed until
 * that gives something, a network failure counted apart in its catch (and the count set back on each "not yet"). A
 * callback giving nothing while the deployment is in progress keeps it asking for ever. Only a caller handing it a
 * function that reads an answer in progress says what nothing means: a worker asks the same way for the next job.
 */
const deployed = `export const deployed = (id: string) => until(async () => {
  const deployment = await (await fetch(\`https://api.example.test/deployments/\${id}\`, { signal: AbortSignal.timeout(30_000) })).json();
  return deployment.state === 'WIP' ? undefined : deployment;
});`;
const until = (exit: string, onNotYet = 'failures = 0;', onFailure = '', caller = deployed) => `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  let failures = 0;
  while (true) {
    try {
      const value = await probe();
      ${exit}
      ${onNotYet}
      await sleep(5_000);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EAI_AGAIN') throw error;
      failures += 1;
      ${onFailure}if (failures > 5) throw error;
      await sleep(1_500 * 2 ** failures);
    }
  }
}
${caller}
`;

ruleTester.run('no-unbounded-retry: a helper asking the function it is handed until it gives something', unbounded, {
  valid: [
    // every pass is counted: at most 5 asks
    until('if (value != null) return value;', 'failures++; if (failures > 5) throw new Error(\'not ready\');'),
    // the catch gives up quietly: another way out, read by the loop's own analysis
    until('if (value != null) return value;', 'failures = 0;', 'if (failures > 5) return undefined as T;\n      '),
    // a worker waiting for the next job: nothing says a job is in progress, and waiting for work is its design
    until('if (value != null) return value;', 'failures = 0;', '', `export const nextJob = () => until(async () => {
  const queue = await (await fetch('https://jobs.example.test/queue/next', { signal: AbortSignal.timeout(30_000) })).json();
  return queue.jobs[0];
});`),
    // the answer is a value of the loop's own, not the handed function's
    until('const next = await Promise.resolve(value); if (next !== undefined) return next;'),
  ],
  invalid: [
    {
      code: until('if (value != null) return value;'),
      errors: [{ messageId: 'unboundedPoll', line: 4, suggestions: 1 }],
    },
    {
      code: until('if (value !== undefined) break;'),
      errors: [{ messageId: 'unboundedPoll', line: 4, suggestions: 1 }],
    },
  ],
});

/**
 * A CLI's generic helper asking a handed function until a handed test says the work is over (met on a hosting
 * platform's CLI, the thirty-sixth round: `pollUntil(fn, interval, isDone)` behind its exports and backups). A job that
 * never finishes keeps the command, and the CI job running it, waiting for ever.
 */
const pollUntil = (flag = 'done', test = 'isDone', loop = 'while (!done)') => `import { setTimeout as sleep } from 'node:timers/promises';
export async function pollUntil<T>(fn: () => Promise<T>, interval: number, ${test}: (value: T) => boolean): Promise<void> {
  let ${flag} = false;
  ${loop.replace('done', flag)} {
    // the answer, each time round
    const result = await fn();
    ${flag} = ${test}(result);
    if (!${flag}) await sleep(interval);
  }
}
`;

ruleTester.run('no-unbounded-retry: a helper asking until the test it is handed says the work is over', unbounded, {
  valid: [
    // a deadline
    pollUntil('done', 'isDone', 'const deadline = Date.now() + 600_000;\n  while (!done && Date.now() < deadline)'),
    // neither the flag nor the test says the work is over: a consumer asked whether to go on
    pollUntil('stop', 'shouldStop'),
  ],
  invalid: [
    {
      code: pollUntil(),
      errors: [{
        messageId: 'unboundedPoll',
        line: 4,
        suggestions: [{
          messageId: 'fixAddDeadline',
          // the deadline check goes before the comment leading the body's first statement
          output: pollUntil().replace('  while (!done) {\n', '  const deadline = Date.now() + 10 * 60_000;\n  while (!done) {\n    if (Date.now() > deadline) throw new Error(\'Still not ready after 10 minutes\');\n'),
        }],
      }],
    },
  ],
});

/**
 * A CLI waiting for a software update to finish (met on vip-cli, the thirty-sixth round): a function that returns the
 * latest job once it no longer holds its in-progress lock, and otherwise waits and calls itself. A job whose lock never
 * clears holds the command for ever; the deadline goes on the way that asks again, after the early return.
 */
const finished = (early: string, more = '') => `import { setTimeout } from 'node:timers/promises';
interface Job { inProgress: boolean; state: string }
const latestJob = async (siteId: number): Promise<Job | null> =>
  (await (await fetch(\`https://api.example.test/sites/\${siteId}/jobs/latest\`, { signal: AbortSignal.timeout(10_000) })).json()) as Job | null;
export const finishedJob = async (siteId: number${more}): Promise<Job | null> => {
  const job = await latestJob(siteId);
  ${early}
  await setTimeout(10_000);
  return finishedJob(siteId${more ? ', deadline' : ''});
};
`;

ruleTester.run('no-unbounded-retry: a function asking again past an early return when the work is over', unbounded, {
  valid: [
    finished(`if (!job?.inProgress || Date.now() > deadline) return job;`, ', deadline = Date.now() + 600_000'),
    // the early return says nothing of the work being over: not known to be a poll
    finished(`if (job === null) return null;`),
  ],
  invalid: [
    {
      code: finished(`if (!job?.inProgress) {
    return job;
  }`),
      errors: [{
        messageId: 'unboundedPoll',
        line: 11,
        suggestions: [{
          messageId: 'fixAddDeadline',
          output: finished(`if (!job?.inProgress) {
    return job;
  }
  if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');`, ', deadline = Date.now() + 10 * 60_000'),
        }],
      }],
    },
    {
      code: finished(`if (job?.state === 'success') return job;`),
      errors: [{
        messageId: 'unboundedPoll',
        suggestions: [{
          messageId: 'fixAddDeadline',
          output: finished(`if (job?.state === 'success') return job;
  if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');`, ', deadline = Date.now() + 10 * 60_000'),
        }],
      }],
    },
  ],
});

// The same poll re-armed by a timer inside the promise its caller awaits (vip-cli's import status, the thirty-sixth
// round): past the early settles, what is left asks again; the deadline rejects that promise.
const importPoll = (over: string) => `export const waitForImport = (siteId: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const check = async (): Promise<void> => {
      const answer = await fetch(\`https://api.example.test/sites/\${siteId}/import\`, { signal: AbortSignal.timeout(10_000) });
      const { state } = (await answer.json()) as { state: string };
      if (state === 'FAILED') return reject(new Error('import failed'));
      if (${over}) return resolve(state);
      setTimeout(() => {
        void check();
      }, 5_000);
    };
    void check();
  });
`;

ruleTester.run('no-unbounded-retry: a timer re-armed past the early settles of a poll', unbounded, {
  valid: [
    // the early settle says nothing of the work being over
    importPoll(`state.length > 0`),
  ],
  invalid: [
    {
      code: importPoll(`['COMPLETED', 'CANCELLED'].includes(state)`),
      errors: [{
        messageId: 'unboundedPoll',
        line: 9,
        suggestions: [{
          messageId: 'fixAddDeadline',
          output: `export const waitForImport = (siteId: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const check = async (deadline = Date.now() + 10 * 60_000): Promise<void> => {
      const answer = await fetch(\`https://api.example.test/sites/\${siteId}/import\`, { signal: AbortSignal.timeout(10_000) });
      const { state } = (await answer.json()) as { state: string };
      if (state === 'FAILED') return reject(new Error('import failed'));
      if (['COMPLETED', 'CANCELLED'].includes(state)) return resolve(state);
      if (Date.now() > deadline) { reject(new Error('Still not ready after 10 minutes')); return; }
      setTimeout(() => {
        void check(deadline);
      }, 5_000);
    };
    void check();
  });
`,
        }],
      }],
    },
    {
      code: importPoll(`state !== 'running'`),
      errors: [{ messageId: 'unboundedPoll', line: 9, suggestions: [{ messageId: 'fixAddDeadline', output: importPoll(`state !== 'running'`)
        .replace('async (): Promise', 'async (deadline = Date.now() + 10 * 60_000): Promise')
        .replace("      setTimeout(() => {\n        void check();", "      if (Date.now() > deadline) { reject(new Error('Still not ready after 10 minutes')); return; }\n      setTimeout(() => {\n        void check(deadline);") }] }],
    },
  ],
});
