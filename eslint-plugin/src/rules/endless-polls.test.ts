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
      errors: [{ messageId: 'unboundedPoll', line: 3, suggestions: [{ messageId: 'fixAddDeadline', output: follow(`const deadline = Date.now() + 60_000;
  while (true) {
    if (Date.now() > deadline) throw new Error('Still not ready after 60 s');
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
