import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * What a wait is, read from what the helper does rather than from its name; a wait the server asks for; and bounds
 * kept per key. From false reports on a back end whose retry helper waited 2, 4 and 8 s through a workspace
 * package's `timeout(ms)`, whose rate-limited clients waited the `Retry-After` of a 429, and whose Kafka reconnect
 * counted its attempts in a Map field.
 */

// A file of the fixture monorepo: `@acme/common` is a workspace package whose barrel re-exports `timeout(ms)`, a
// promised timer, from a module with nothing external in it.
const route = fileURLToPath(new URL('../../../fixtures/workspaces/monorepo/apps/api/src/routes/accounts.ts', import.meta.url));

// A retry helper handed its work: the file itself uses no client.
const handedWork = (pause: string, attempts = 3) => `import { timeout } from '@acme/common';
export async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  let tries = 0;
  while (tries < ${attempts}) {
    try {
      return await work();
    } catch (error) {
      tries++;
      ${pause}
    }
  }
  throw new Error('out of attempts');
}`;


// A client of a cluster: each try goes to the node the client picks next, after a pause through its own method.
const clusterClient = (pick: string) => `
import axios from 'axios';
export class SearchClient {
  private cursor = 0;
  constructor(private readonly nodes: string[], private readonly pauseSeconds = 0.1) {}
  private getNextNode(): string {
    this.cursor = (this.cursor + 1) % this.nodes.length;
    return this.nodes[this.cursor]!;
  }
  async pause(seconds: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  }
  async search(path: string): Promise<unknown> {
    let lastError: unknown;
    for (let tries = 1; tries <= this.nodes.length * 2; tries++) {
      ${pick}
      try {
        return (await axios.get(\`\${node}\${path}\`, { timeout: 5_000 })).data;
      } catch (error) {
        lastError = error;
        await this.pause(this.pauseSeconds);
      }
    }
    throw lastError;
  }
}`;

ruleTester.run('retry-requires-backoff: waits read from the helper', backoff, {
  valid: [
    // the workspace package's `timeout` only waits on a timer, and the wait doubles with each try
    { filename: route, code: handedWork('const waitMs = 2_000 * 2 ** (tries - 1);\n      await timeout(waitMs);') },
    // failing over round a cluster's nodes: no try goes again to the node that has just failed
    clusterClient('const node = this.getNextNode();'),
  ],
  invalid: [
    // the same pause, read from the class's own method, but every try goes to the one node that failed
    { code: clusterClient('const node = this.nodes[0];'), errors: [{ messageId: 'constantDelay', suggestions: 1 }] },
    // the same helper with a fixed pause over many tries: a constant delay, not "tries again at once"
    { filename: route, code: handedWork('await timeout(1_000);', 8), errors: [{ messageId: 'constantDelay', suggestions: 1 }] },
    // a function of this file named like a sleep that marks a job as delayed: its body says it is no wait
    {
      code: `
async function delay(jobId: string): Promise<void> {
  await fetch(\`https://jobs.example.net/jobs/\${jobId}/delayed\`, { method: 'PUT', signal: AbortSignal.timeout(5_000) });
}
export async function runJob(jobId: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await fetch(\`https://jobs.example.net/jobs/\${jobId}/run\`, { method: 'PUT', signal: AbortSignal.timeout(5_000) });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
      await delay(jobId);
    }
  }
}`,
      errors: [{ messageId: 'noDelay', suggestions: 1 }],
    },
    // a handler given the error before calling again hears of the failure: it fixes nothing, and the call retries at once
    {
      code: `
export async function withReport<T>(action: () => Promise<T>, report: (error: unknown) => Promise<void>, retries = 5): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (retries > 0) {
      await report(error);
      return withReport(action, report, retries - 1);
    }
    throw error;
  }
}`,
      errors: [{ messageId: 'noDelay', suggestions: 1 }],
    },
    // a 429 retried after a pause of its own choosing, ignoring what the server asked: the same wait every time
    {
      code: `
import axios from 'axios';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function fetchListing(slug: string): Promise<unknown> {
  try {
    return (await axios.get(\`https://catalog.example.org/listings/\${slug}\`, { timeout: 8_000 })).data;
  } catch (error: any) {
    if (error.response?.status === 429) {
      await sleep(1_000);
      return fetchListing(slug);
    }
    throw error;
  }
}`,
      errors: [{ messageId: 'constantDelay', suggestions: 1 }],
    },
  ],
});

ruleTester.run('no-unbounded-retry: waits the server asks for, bounds kept per key', unbounded, {
  valid: [],
  invalid: [
    // the server's wait on a 429, but every other failure goes round too, with no limit: a down server is retried forever
    {
      code: `
declare const mailer: { send(message: object): Promise<void> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function deliver(message: object): Promise<void> {
  while (true) {
    try {
      await mailer.send(message);
      return;
    } catch (error: any) {
      await sleep((error.retryAfter ?? 1) * 1_000);
    }
  }
}`,
      errors: [{ messageId: 'unbounded', suggestions: 1 }],
    },
    // a 429 retried after a fixed pause, with no limit: the server did not set this pace
    {
      code: `
declare const mailer: { send(message: object): Promise<void> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function deliver(message: object): Promise<void> {
  while (true) {
    try {
      await mailer.send(message);
      return;
    } catch (error: any) {
      if (error.status !== 429) throw error;
      await sleep(2_000);
    }
  }
}`,
      errors: [{ messageId: 'unbounded', suggestions: 1 }],
    },
    // a count kept per consumer in a Map that is read and compared but never written back: it bounds nothing
    {
      code: `
declare const broker: { connect(group: string): Promise<void> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class Consumers {
  private readonly attempts = new Map<string, number>();
  async reconnect(group: string): Promise<void> {
    const made = this.attempts.get(group) ?? 0;
    if (made >= 6) throw new Error('gave up');
    try {
      await sleep(500 * 2 ** made);
      await broker.connect(group);
    } catch {
      await this.reconnect(group);
    }
  }
}`,
      errors: [{ messageId: 'unbounded', suggestions: 1 }],
    },
    // a guard against running twice that the catch clears before calling again: the call does go round, unbounded
    {
      code: `
declare const broker: { connect(group: string): Promise<void> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class Rejoiner {
  private readonly rejoining = new Set<string>();
  async rejoin(group: string): Promise<void> {
    if (this.rejoining.has(group)) return;
    this.rejoining.add(group);
    try {
      await sleep(500);
      await broker.connect(group);
      this.rejoining.delete(group);
    } catch {
      this.rejoining.delete(group);
      await this.rejoin(group);
    }
  }
}`,
      errors: [{ messageId: 'unbounded', suggestions: 1 }],
    },
  ],
});
