import { describe, expect, it } from 'vitest';
import { lintWithPreset } from '../scratch-project.cases.js';

// A deploy CLI waits for a job by asking for it again while the answer says it is still running (vip-cli's wait for
// an update, with the test the other way round): read, pause, call itself. With no deadline, a job stuck in its state
// holds the CI job for ever.
const wait = (body: string) => `
interface Job { state: 'queued' | 'running' | 'done' | 'failed' }

async function readJob(id: string): Promise<Job> {
  const answer = await fetch('https://deploys.example.test/jobs/' + id, { signal: AbortSignal.timeout(10_000) });
  return answer.json() as Promise<Job>;
}

${body}
`;

const pauseThenAgain = `await new Promise((resolve) => setTimeout(resolve, 5_000));`;

const polls = (code: string) => lintWithPreset('/virtual/deploy-cli/src/wait.ts', 'all', code)
  .filter((message) => message.ruleId === 'resilint/no-unbounded-retry')
  .map((message) => ({ line: message.line, poll: /polls forever/.test(message.message) }));

describe('no-unbounded-retry: a function calling itself while the answer says the work goes on', () => {
  it('reports the call made in the branch for a running job', () => {
    expect(polls(wait(`export async function waitForJob(id: string): Promise<Job> {
  const job = await readJob(id);
  if (job.state === 'running' || job.state === 'queued') {
    ${pauseThenAgain}
    return waitForJob(id);
  }
  return job;
}`))).toEqual([{ line: 13, poll: true }]);
  });

  it('reports it with the test on either side of an &&', () => {
    expect(polls(wait(`export async function waitForJob(id: string): Promise<void> {
  const job = await readJob(id);
  if ('running' === job.state && id.length > 0) {
    ${pauseThenAgain}
    return waitForJob(id);
  }
}`))).toEqual([{ line: 13, poll: true }]);
  });

  it('leaves a poll with a deadline alone', () => {
    expect(polls(wait(`export async function waitForJob(id: string, until = Date.now() + 600_000): Promise<Job> {
  const job = await readJob(id);
  if (job.state === 'running') {
    if (Date.now() > until) throw new Error('job ' + id + ' still running after 10 minutes');
    ${pauseThenAgain}
    return waitForJob(id, until);
  }
  return job;
}`))).toEqual([]);
  });

  it('leaves a worker going round while its own state says so alone', () => {
    expect(polls(wait(`export class Worker {
  state: 'running' | 'stopped' = 'running';
  async turn(id: string): Promise<void> {
    await readJob(id);
    if (this.state === 'running') {
      ${pauseThenAgain}
      return this.turn(id);
    }
  }
}`))).toEqual([]);
  });
});
