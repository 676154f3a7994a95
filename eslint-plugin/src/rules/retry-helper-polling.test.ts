import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

/**
 * A generic local helper `keepTrying(times, work)` with a fixed pause goes round whatever the error: what it waits
 * for is the work its callers hand it. Waiting for a log stream that answers 404 until the build starts is polling;
 * the same helper running a request that fails is a retry.
 */
const helper = `
import fetch from 'node-fetch';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function keepTrying(times: number, work: () => Promise<void>) {
  let tries = 0;
  for (;;) {
    try {
      await work();
      return;
    } catch (error) {
      tries += 1;
      if (tries >= times) throw error;
      await pause(2000);
    }
  }
}`;

const openBuildLog = `
async function openBuildLog(url: string) {
  const res = await fetch(url, { timeout: 10_000 });
  if (!res.ok) throw new Error('build log not available');
  res.body.pipe(process.stdout);
}`;

ruleTester.run('retry-requires-backoff: waits through a local retry helper', rule, {
  valid: [
    // Every caller hands it work that throws "not available" until the log appears: polling at a fixed interval.
    `${helper}${openBuildLog}
export async function followBuild(url: string) {
  await keepTrying(120, () => openBuildLog(url));
}`,
    // The same with the helper written as a const arrow function, and the work named rather than written inline.
    `
declare const api: { get(path: string): Promise<{ state: string }> };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withAttempts = async (limit: number, work: () => Promise<unknown>) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= limit) throw error;
      await pause(1000);
    }
  }
};
async function exportReady(id: string) {
  const job = await api.get('/exports/' + id);
  if (job.state !== 'done') throw new Error('export still in progress');
  return job;
}
export function downloadWhenDone(id: string) {
  const check = () => exportReady(id);
  return withAttempts(90, check);
}`,
  ],
  invalid: [
    // One caller retries a plain request through the same helper: the fixed pause is a retry's, reported.
    {
      code: `${helper}${openBuildLog}
export async function followBuild(url: string) {
  await keepTrying(120, () => openBuildLog(url));
}
export async function sendReport(url: string, body: string) {
  await keepTrying(120, async () => {
    await fetch(url, { method: 'PUT', body, timeout: 10_000 });
  });
}`,
      errors: [{ messageId: 'constantDelay', line: 6, suggestions: 1 }],
    },
    // Exported, the helper may be handed any work elsewhere: judged as a retry.
    {
      code: `${helper.replace('async function keepTrying', 'export async function keepTrying')}${openBuildLog}
export async function followBuild(url: string) {
  await keepTrying(120, () => openBuildLog(url));
}`,
      errors: [{ messageId: 'constantDelay', line: 6, suggestions: 1 }],
    },
    // Work that says the service is not available names a failing dependency, not something still to appear.
    {
      code: `${helper}
async function pushMetrics(url: string) {
  const res = await fetch(url, { method: 'PUT', timeout: 10_000 });
  if (!res.ok) throw new Error('metrics service not available');
}
export async function flush(url: string) {
  await keepTrying(120, () => pushMetrics(url));
}`,
      errors: [{ messageId: 'constantDelay', line: 6, suggestions: 1 }],
    },
    // Work handed in through a variable whose body this file does not show: unknown, so a retry.
    {
      code: `${helper}
export async function runJob(job: () => Promise<void>) {
  await keepTrying(120, job);
}`,
      errors: [{ messageId: 'constantDelay', line: 6, suggestions: 1 }],
    },
  ],
});
