import { RuleTester } from '@typescript-eslint/rule-tester';
import { it } from 'vitest';
import { QUIET_FOR_RETRY_RULES } from './retry-shapes.cases.js';
import rule from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

ruleTester.run('no-unbounded-retry', rule, {
  valid: [
    // Shapes both retry rules leave alone (one list, shared with the other rule's tests).
    ...QUIET_FOR_RETRY_RULES,
    // A helper calling itself with the errors so far, one more each time: the array's length counts the attempts, and
    // the helper throws them all once there are more than it allows.
    `
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function withRetries<T>(work: () => Promise<T>, maxRetries = 2, delayMs = 500, errors: unknown[] = []): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const seen = [...errors, error];
    if (seen.length > maxRetries) throw new AggregateError(seen, 'gave up after ' + seen.length + ' tries');
    await pause(delayMs);
    return withRetries(work, maxRetries, delayMs * 2, seen);
  }
}`,
    // The same with the count named first (\`const tries = seen.length\`), in an options-object helper.
    `
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function retrying<T>(work: () => Promise<T>, options: { maxRetries: number; delayMs: number }, errors: unknown[] = []): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const seen = [...errors, error];
    const tries = seen.length;
    if (tries > options.maxRetries) throw new AggregateError(seen, 'gave up after ' + tries + ' tries');
    await pause(options.delayMs);
    return retrying(work, { ...options, delayMs: options.delayMs * 2 }, seen);
  }
}`,
    // A closure's count of tries, taken inside the wait's executor (it runs at once, on every try) and tested first.
    `
const LIMIT = 5;
export async function missingParts(ids: string[]): Promise<string[]> {
  let tries = 0;
  const ask = async (): Promise<string[]> => {
    try {
      const res = await fetch('https://parts.example.com/missing?ids=' + ids.join(','), { signal: AbortSignal.timeout(30_000) });
      return (await res.json()) as string[];
    } catch (error) {
      if (tries < LIMIT) {
        await new Promise((resolve) => setTimeout(resolve, 2 ** tries++ * 1000));
        return ask();
      }
      throw error;
    }
  };
  return ask();
}`,
    // A step runner counting its tries on the step's saved state and naming the decision first
    // (\`const willRetry = state.tries <= limit\`): the name stands for the comparison.
    `
interface StepState { tries: number }
declare const store: { get(key: string): Promise<StepState | undefined>; put(key: string, state: StepState): Promise<void> };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function runStep(key: string, limit: number, work: () => Promise<unknown>): Promise<unknown> {
  const state = (await store.get(key)) ?? { tries: 0 };
  state.tries++;
  await store.put(key, state);
  try {
    return await work();
  } catch (error) {
    const willRetry = state.tries <= limit;
    if (willRetry) {
      await wait(1000 * 2 ** state.tries);
      return runStep(key, limit, work);
    }
    throw error;
  }
}`,
    // A loop whose count of tries is taken inside the wait (the executor runs at once, every time round) and
    // tested before it.
    `
export async function latestRates(): Promise<unknown> {
  let tries = 0;
  while (true) {
    try {
      const res = await fetch('https://rates.example.com/latest', { signal: AbortSignal.timeout(5_000) });
      return await res.json();
    } catch (error) {
      if (tries >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** tries++ * 200));
    }
  }
}`,
    // A `for` loop bounded by its counter.
    `
async function get(url: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await fetch(url); } catch { await sleep(2 ** attempt * 100); }
  }
}`,
    // while (true) with a counted exit in the catch.
    `
async function get(url: string) {
  let attempts = 0;
  while (true) {
    try {
      return await fetch(url);
    } catch (error) {
      attempts += 1;
      if (attempts >= 5) throw error;
      await sleep(100 * 2 ** attempts);
    }
  }
}`,
    // A deadline.
    `
async function get(url: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(1000);
    }
  }
}`,
    // Elapsed time computed in a variable.
    `
async function get(url: string) {
  const started = performance.now();
  while (true) {
    try { return await fetch(url); } catch (error) {
      const elapsed = performance.now() - started;
      if (elapsed > 10_000) throw error;
      await sleep(500);
    }
  }
}`,
    // The caller's abort signal ends it.
    `
async function get(url: string, signal: AbortSignal) {
  while (true) {
    signal.throwIfAborted();
    try { return await fetch(url, { signal }); } catch { await sleep(1000); }
  }
}`,
    // A counter passed to a helper that decides.
    `
async function get(url: string) {
  let attempt = 0;
  while (true) {
    try { return await fetch(url); } catch (error) {
      attempt++;
      if (!shouldRetry(error, attempt)) throw error;
      await sleep(attempt * 1000);
    }
  }
}`,
    // Recursion with a decreasing count.
    `
async function get(url: string, retriesLeft = 3): Promise<Response> {
  try { return await fetch(url); } catch (error) {
    if (retriesLeft === 0) throw error;
    await sleep(1000 * (4 - retriesLeft));
    return get(url, retriesLeft - 1);
  }
}`,
    // A loop stopped from outside (`this.running`): not provably endless.
    `
class Consumer {
  running = true;
  async run() {
    while (this.running) {
      try { await this.client.poll(); break; } catch { await sleep(1000); }
    }
  }
}`,
    // Bounded libraries.
    `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { retries: 5 });`,
    `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { forever: true, maxRetryTime: 60_000 });`,
    // A start-up load retried until the database answers, a minute apart at most, each failure logged
    // (trigger.dev's data-store registry): its load is bounded and its failure seen.
    `
import pRetry from 'p-retry';
import { logger } from './logger';
export const ready = pRetry(() => registry.loadFromDatabase(), {
  forever: true,
  minTimeout: 1_000,
  maxTimeout: 60_000,
  factor: 2,
  onFailedAttempt: (error) => logger.warn('registry load failed, retrying', { attempt: error.attemptNumber }),
});
declare const registry: { loadFromDatabase(): Promise<void> };`,
    `
import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 5, backoff: new ExponentialBackoff() });`,
    `
import axiosRetry from 'axios-retry';
axiosRetry(axios);`,
    `
import { retry } from '@resilint/runtime';
const policy = retry({ maxAttempts: 5 });`,
    // Not a retry: an item loop.
    `
async function drain(queue: string[]) {
  while (queue.length > 0) {
    const item = queue.shift()!;
    try { await fetch('/items/' + item); } catch (error) { console.error(error); }
  }
}`,
    // A reconnect on 'close' is long-lived by design: no certain missing bound.
    `
import net from 'node:net';
export function connect(): void {
  const socket = net.connect(6379, 'cache.internal');
  socket.on('close', () => setTimeout(connect, 1000 * Math.random()));
}`,
    // The count travels in an options object (medusa's dev CLI copy retry).
    `
const copyWithRetry = (arg: { from: string; to: string; retry?: number; done: (error?: Error) => void }) => {
  const { from, to, done, retry = 0 } = arg;
  fs.copy(from, to, (err) => {
    if (err) {
      if (retry >= 3) return done(err);
      setTimeout(() => copyWithRetry({ ...arg, retry: retry + 1 }), 500 * Math.pow(2, retry));
      return;
    }
    done();
  });
};`,
  ],
  invalid: [
    // The control: the named decision compares a setting that never changes between tries, so nothing stops them.
    {
      code: `
declare const settings: { retries: number };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function runStep(work: () => Promise<unknown>, delayMs = 500): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    const willRetry = settings.retries > 0;
    if (willRetry) {
      await wait(delayMs);
      return runStep(work, delayMs * 2);
    }
    throw error;
  }
}`,
      errors: [{ messageId: 'unbounded', line: 11, suggestions: 1 }],
    },
    // Control: the tries are counted inside the wait, but never compared with anything.
    {
      code: `
export async function missingParts(ids: string[]): Promise<string[]> {
  let tries = 0;
  const ask = async (): Promise<string[]> => {
    try {
      const res = await fetch('https://parts.example.com/missing?ids=' + ids.join(','), { signal: AbortSignal.timeout(30_000) });
      return (await res.json()) as string[];
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 2 ** tries++ * 1000));
      return ask();
    }
  };
  return ask();
}`,
      errors: [{ messageId: 'unbounded', suggestions: 1 }],
    },
    // Control: the errors so far are handed on, but nothing tests how many there are.
    {
      code: `
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function withRetries<T>(work: () => Promise<T>, delayMs = 500, errors: unknown[] = []): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const seen = [...errors, error];
    await pause(delayMs);
    return withRetries(work, delayMs * 2, seen);
  }
}`,
      errors: [{ messageId: 'unbounded', suggestions: 1 }],
    },
    // Control: a claim lost to another worker, gone round with no check that a free task is left (the first task is
    // taken when none is free): nothing bounds it.
    {
      code: `
const TASK_ALREADY_CLAIMED = 'TASK_ALREADY_CLAIMED';
export async function claimSomeTask(store: any, batchId: string, worker: string): Promise<string> {
  const batch = await store.readBatch(batchId);
  const pick = batch.tasks.find((task: { owner: string | null }) => task.owner === null) ?? batch.tasks[0];
  try {
    await store.markOwned(batchId, pick.id, worker);
    return pick.id;
  } catch (error: any) {
    if (error.code === TASK_ALREADY_CLAIMED) return claimSomeTask(store, batchId, worker);
    throw error;
  }
}`,
      errors: [{ messageId: 'unboundedConflict', suggestions: [{ messageId: 'fixAddBound', output: `
const TASK_ALREADY_CLAIMED = 'TASK_ALREADY_CLAIMED';
export async function claimSomeTask(store: any, batchId: string, worker: string, attempt = 0): Promise<string> {
  const batch = await store.readBatch(batchId);
  const pick = batch.tasks.find((task: { owner: string | null }) => task.owner === null) ?? batch.tasks[0];
  try {
    await store.markOwned(batchId, pick.id, worker);
    return pick.id;
  } catch (error: any) {
    if (error.code === TASK_ALREADY_CLAIMED) { if (attempt >= 2) throw error; return claimSomeTask(store, batchId, worker, attempt + 1); }
    throw error;
  }
}` }] }],
    },
    // A change feed that emits each failure as an 'error' event, then follows again: the message says the failure is
    // reported, and that the retrying still has no end.
    {
      code: `
import { EventEmitter } from 'node:events';
export class ChangeFeed extends EventEmitter {
  stopped = false;
  async follow(cursor: string): Promise<void> {
    if (this.stopped) return;
    try {
      const response = await fetch(\`https://feed.example.com/changes?cursor=\${cursor}\`, { signal: AbortSignal.timeout(30_000) });
      const page = (await response.json()) as { next: string };
      this.emit('page', page);
      return this.follow(page.next);
    } catch (error) {
      this.emit('error', error);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return this.follow(cursor);
    }
  }
}
`,
      errors: [{ messageId: 'unboundedEmitted', suggestions: [{ messageId: 'fixAddBound', output: `
import { EventEmitter } from 'node:events';
export class ChangeFeed extends EventEmitter {
  stopped = false;
  async follow(cursor: string, attempt = 0): Promise<void> {
    if (this.stopped) return;
    try {
      const response = await fetch(\`https://feed.example.com/changes?cursor=\${cursor}\`, { signal: AbortSignal.timeout(30_000) });
      const page = (await response.json()) as { next: string };
      this.emit('page', page);
      return this.follow(page.next);
    } catch (error) {
      this.emit('error', error);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (attempt >= 2) throw error;
      return this.follow(cursor, attempt + 1);
    }
  }
}
` }] }],
    },
    // Control: the same feed that emits nothing on a failure.
    {
      code: `
import { EventEmitter } from 'node:events';
export class ChangeFeed extends EventEmitter {
  stopped = false;
  async follow(cursor: string): Promise<void> {
    if (this.stopped) return;
    try {
      const response = await fetch(\`https://feed.example.com/changes?cursor=\${cursor}\`, { signal: AbortSignal.timeout(30_000) });
      const page = (await response.json()) as { next: string };
      this.emit('page', page);
      return this.follow(page.next);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return this.follow(cursor);
    }
  }
}
`,
      errors: [{ messageId: 'unbounded', suggestions: [{ messageId: 'fixAddBound', output: `
import { EventEmitter } from 'node:events';
export class ChangeFeed extends EventEmitter {
  stopped = false;
  async follow(cursor: string, attempt = 0): Promise<void> {
    if (this.stopped) return;
    try {
      const response = await fetch(\`https://feed.example.com/changes?cursor=\${cursor}\`, { signal: AbortSignal.timeout(30_000) });
      const page = (await response.json()) as { next: string };
      this.emit('page', page);
      return this.follow(page.next);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (attempt >= 2) throw error;
      return this.follow(cursor, attempt + 1);
    }
  }
}
` }] }],
    },
    // An awaited call on an unknown receiver may be the user's own client: still a retry loop.
    {
      code: `
async function deliver(message: { id: string }, api: { send(m: unknown): Promise<void> }) {
  let sent = false;
  while (!sent) {
    try {
      await api.send(message);
      sent = true;
    } catch (error) {
      console.warn('send failed, trying again', error);
    }
  }
}
`,
      errors: [{ messageId: 'unbounded', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBound', output: `
async function deliver(message: { id: string }, api: { send(m: unknown): Promise<void> }) {
  let sent = false;
  let attempts = 0;
  while (!sent) {
    try {
      await api.send(message);
      sent = true;
    } catch (error) {
      if (++attempts >= 3) throw error;
      console.warn('send failed, trying again', error);
    }
  }
}
` }] }],
    },
    // Refreshing the token on every 401 with no limit loops forever when the refresh does not help.
    {
      code: `
import axios from 'axios';
export async function getProfile(id: string): Promise<unknown> {
  try {
    return (await axios.get('/profiles/' + id, { timeout: 5000 })).data;
  } catch (error) {
    if (axios.isAxiosError(error) && error.response?.status === 401) {
      await axios.post('/oauth/token', { grant_type: 'refresh_token' }, { timeout: 1000 });
      return getProfile(id);
    }
    throw error;
  }
}
`,
      errors: [{ messageId: 'unboundedReauth', line: 9, column: 14, suggestions: [{ messageId: 'fixAddBound', output: `
import axios from 'axios';
export async function getProfile(id: string, attempt = 0): Promise<unknown> {
  try {
    return (await axios.get('/profiles/' + id, { timeout: 5000 })).data;
  } catch (error) {
    if (axios.isAxiosError(error) && error.response?.status === 401) {
      await axios.post('/oauth/token', { grant_type: 'refresh_token' }, { timeout: 1000 });
      if (attempt >= 2) throw error;
      return getProfile(id, attempt + 1);
    }
    throw error;
  }
}
` }] }],
    },
    // An axios interceptor re-sending every failed request, forever.
    {
      code: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(
  (response) => response,
  (error) => api.request(error.config),
);`,
      errors: [{ messageId: 'unbounded', data: { retry: 'This axios interceptor (re-sending the failed request)' }, line: 6, column: 14, suggestions: [{ messageId: 'fixAddBound', output: `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(
  (response) => response,
  (error) => { error.config.retryCount = (error.config.retryCount ?? 0) + 1; if (error.config.retryCount >= 3) return Promise.reject(error); return api.request(error.config); },
);` }] }],
    },
    {
      code: `
async function get(url: string) {
  while (true) {
    try {
      return await fetch(url);
    } catch (error) {
      console.warn('retrying', error);
      await sleep(1000);
    }
  }
}`,
      errors: [{ messageId: 'unbounded', data: { retry: 'This retry loop' }, line: 3, column: 3, endLine: 3, endColumn: 8, suggestions: [{ messageId: 'fixAddBound', output: `
async function get(url: string) {
  let attempts = 0;
  while (true) {
    try {
      return await fetch(url);
    } catch (error) {
      if (++attempts >= 3) throw error;
      console.warn('retrying', error);
      await sleep(1000);
    }
  }
}` }] }],
    },
    {
      code: `
async function get(url: string) {
  for (;;) {
    try { return await fetch(url); } catch { await sleep(2 ** 3); }
  }
}`,
      errors: [{ messageId: 'unbounded', line: 3, column: 3, suggestions: [{ messageId: 'fixAddBound', output: `
async function get(url: string) {
  let attempts = 0;
  for (;;) {
    try { return await fetch(url); } catch (error) { if (++attempts >= 3) throw error; await sleep(2 ** 3); }
  }
}` }] }],
    },
    // A success flag is no bound: failures go on forever.
    {
      code: `
async function save(doc: object) {
  let done = false;
  let delay = 100;
  while (!done) {
    try {
      await fetch('/docs', { method: 'PUT', body: JSON.stringify(doc) });
      done = true;
    } catch (error) {
      if (error instanceof TypeError) throw error;
      await sleep(delay);
      delay *= 2;
    }
  }
}`,
      errors: [{ messageId: 'unbounded', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBound', output: `
async function save(doc: object) {
  let done = false;
  let delay = 100;
  let attempts = 0;
  while (!done) {
    try {
      await fetch('/docs', { method: 'PUT', body: JSON.stringify(doc) });
      done = true;
    } catch (error) {
      if (++attempts >= 3) throw error;
      if (error instanceof TypeError) throw error;
      await sleep(delay);
      delay *= 2;
    }
  }
}` }] }],
    },
    {
      code: `
async function connect(): Promise<void> {
  try {
    await db.connect();
  } catch (error) {
    await sleep(5000);
    return connect();
  }
}`,
      errors: [{ messageId: 'unbounded', data: { retry: '`connect` (retrying by calling itself)' }, line: 7, column: 12, suggestions: [{ messageId: 'fixAddBound', output: `
async function connect(attempt = 0): Promise<void> {
  try {
    await db.connect();
  } catch (error) {
    await sleep(5000);
    if (attempt >= 2) throw error;
    return connect(attempt + 1);
  }
}` }] }],
    },
    {
      code: `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { forever: true });`,
      errors: [{ messageId: 'unbounded', data: { retry: '`p-retry`' }, line: 3, column: 34, endColumn: 47, suggestions: [{ messageId: 'fixAddBound', output: `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { retries: 3 });` }] }],
    },
    {
      // forever with a capped backoff, but no failure reported: nobody hears the dependency is down
      code: `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { forever: true, maxTimeout: 60_000 });`,
      errors: [{ messageId: 'unbounded', line: 3, suggestions: 1 }],
    },
    {
      // forever and logged, but the wait grows without a cap (the retry package's default maxTimeout is Infinity)
      code: `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { forever: true, onFailedAttempt: (error) => console.warn(error) });`,
      errors: [{ messageId: 'unbounded', line: 3, suggestions: 1 }],
    },
    {
      code: `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { retries: Infinity });`,
      errors: [{ messageId: 'unbounded', line: 3, column: 34, suggestions: [{ messageId: 'fixAddBound', output: `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { retries: 3 });` }] }],
    },
    {
      code: `
const retry = require('async-retry');
retry(async () => { await fetch(url); }, { forever: true });`,
      errors: [{ messageId: 'unbounded', data: { retry: '`async-retry`' }, line: 3, column: 44, suggestions: [{ messageId: 'fixAddBound', output: `
const retry = require('async-retry');
retry(async () => { await fetch(url); }, { retries: 3 });` }] }],
    },
    {
      code: `
import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { backoff: new ExponentialBackoff() });`,
      errors: [{ messageId: 'unbounded', data: { retry: "Cockatiel's `retry`" }, line: 3, column: 16, suggestions: [{ messageId: 'fixAddBound', output: `
import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { backoff: new ExponentialBackoff(), maxAttempts: 3 });` }] }],
    },
    {
      code: `
import { retry, handleAll } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: Infinity });`,
      errors: [{ messageId: 'unbounded', line: 3, column: 35, suggestions: [{ messageId: 'fixAddBound', output: `
import { retry, handleAll } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3 });` }] }],
    },
    {
      code: `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: Infinity, retryDelay: axiosRetry.exponentialDelay });`,
      errors: [{ messageId: 'unbounded', line: 3, column: 21, suggestions: [{ messageId: 'fixAddBound', output: `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay });` }] }],
    },
    {
      code: `
import got from 'got';
const client = got.extend({ retry: { limit: Infinity } });`,
      errors: [{ messageId: 'unbounded', line: 3, column: 38, suggestions: [{ messageId: 'fixAddBound', output: `
import got from 'got';
const client = got.extend({ retry: { limit: 3 } });` }] }],
    },
  ],
});

// Shapes met in real code (the evaluation's report), in our own words; the periodic jobs are in the shared list.
ruleTester.run('no-unbounded-retry: polling, conflicts and counted failures', rule, {
  valid: [
    // An imported retry helper given its options: judged where it is written.
    `
import axios from 'axios';
import { retryAsync } from './lib/retry';
export async function placeOrder(order: { sku: string; quantity: number }) {
  return retryAsync(() => axios.post('https://shop.example.com/orders', order, { timeout: 5000 }), { retries: 3 });
}`,
    // A certificate that does not parse asks the person for another file (in a method it calls): as many times as they
    // like, which is theirs to decide, not a retry of a dependency.
    `
import { readFile } from 'node:fs/promises';
import { promptAsync } from './prompts';
export class CertificateStep {
  async provide(): Promise<Buffer> {
    try {
      const path = await this.choosePath();
      return await readFile(path);
    } catch (error) {
      console.error(error);
      return await this.provide();
    }
  }
  private async choosePath(): Promise<string> {
    const { path } = await promptAsync({ type: 'text', name: 'path', message: 'Certificate file:' });
    return path;
  }
}`,
  ],
  invalid: [
    // Control for a command's prompter (`cli.input.select(...)`, left alone): `response.text()` and a Request named
    // `input` read with `input.text()` name a kind of question but ask no one, so this loop retries the service alone.
    {
      code: `
declare const client: { fetch(path: string, init: { method: string; body: string }): Promise<Response> };
export async function relayNotice(input: Request): Promise<string> {
  for (;;) {
    try {
      const response = await client.fetch('/v1/notices', { method: 'PUT', body: await input.text() });
      return await response.text();
    } catch (error) {
      console.warn('relaying the notice failed', error);
    }
  }
}`,
      errors: [{ messageId: 'unbounded', line: 4, column: 3, suggestions: 1 }],
    },
    // Control for the certificate generated before the release is sent again (left alone): looking the certificate up
    // changes nothing, so the next try meets the same refusal, forever.
    {
      code: `
declare function lookUpCertificate(host: string): Promise<void>;
export async function publishRelease(host: string, files: string[]): Promise<{ id: string }> {
  try {
    const res = await fetch('https://deploy.example.com/v2/releases', { method: 'PUT', body: JSON.stringify({ host, files }), signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw Object.assign(new Error('release refused'), { code: (await res.json()).code as string });
    return (await res.json()) as { id: string };
  } catch (error) {
    if ((error as { code?: string }).code === 'certificate_missing') {
      await lookUpCertificate(host);
      return publishRelease(host, files);
    }
    throw error;
  }
}`,
      errors: [{ messageId: 'unbounded', line: 11, column: 14, suggestions: 1 }],
    },
    // Polling by calling itself with no deadline: the fix hands a deadline on to each call.
    {
      code: `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function waitUntilSetUp(): Promise<void> {
  try {
    const { data } = await axios.get('https://admin.example.com/setup-status', { timeout: 5000 });
    if (data.needsSetup !== false) throw new Error('server not ready yet');
  } catch {
    await sleep(2000);
    await waitUntilSetUp();
  }
}`,
      errors: [{ messageId: 'unboundedPoll', line: 10, column: 11, suggestions: [{ messageId: 'fixAddDeadline', output: `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function waitUntilSetUp(deadline = Date.now() + 10 * 60_000): Promise<void> {
  try {
    const { data } = await axios.get('https://admin.example.com/setup-status', { timeout: 5000 });
    if (data.needsSetup !== false) throw new Error('server not ready yet');
  } catch (error) {
    await sleep(2000);
    if (Date.now() > deadline) throw error;
    await waitUntilSetUp(deadline);
  }
}` }] }],
    },
    // Polling for an export with no deadline: the fix gives it one.
    {
      code: `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function waitForExport(id: string) {
  while (true) {
    try {
      return await axios.get('https://api.example.com/exports/' + id, { timeout: 5000 });
    } catch (error: any) {
      if (error.response?.status === 404) {
        await sleep(2000);
        continue;
      }
      throw error;
    }
  }
}`,
      errors: [{ messageId: 'unboundedPoll', line: 5, column: 3, suggestions: [{ messageId: 'fixAddDeadline', output: `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function waitForExport(id: string) {
  const deadline = Date.now() + 10 * 60_000;
  while (true) {
    try {
      return await axios.get('https://api.example.com/exports/' + id, { timeout: 5000 });
    } catch (error: any) {
      if (Date.now() > deadline) throw error;
      if (error.response?.status === 404) {
        await sleep(2000);
        continue;
      }
      throw error;
    }
  }
}` }] }],
    },
    // A new key after each PostgreSQL unique violation, with no limit: the fix stops after 3 attempts.
    {
      code: `
import { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
const pool = new Pool();
export async function issueApiKey(userId: string) {
  while (true) {
    const key = randomBytes(4).toString('hex');
    try {
      await pool.query('INSERT INTO api_keys (user_id, key) VALUES ($1, $2)', [userId, key]);
      return key;
    } catch (error: any) {
      if (error.code !== '23505') throw error;
    }
  }
}`,
      errors: [{ messageId: 'unboundedConflict', line: 6, column: 3, suggestions: [{ messageId: 'fixAddBound', output: `
import { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
const pool = new Pool();
export async function issueApiKey(userId: string) {
  let attempts = 0;
  while (true) {
    const key = randomBytes(4).toString('hex');
    try {
      await pool.query('INSERT INTO api_keys (user_id, key) VALUES ($1, $2)', [userId, key]);
      return key;
    } catch (error: any) {
      if (++attempts >= 3) throw error;
      if (error.code !== '23505') throw error;
    }
  }
}` }] }],
    },
  ],
});

// Loops that end by a deadline, fix the cause before going round, or count each kind of failure apart.
ruleTester.run('no-unbounded-retry: deadlines, remediation and corrected requests', rule, {
  valid: [
    // A local server's manifest fetched until it answers, within one shared deadline.
    `
export async function readManifest(port: number) {
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no manifest in 10 s')), 10_000));
  const url = \`http://127.0.0.1:\${port}/manifest.json\`;
  let response: Response;
  while (true) {
    try {
      response = await Promise.race([fetch(url), deadline]);
      break;
    } catch (error: any) {
      if (error?.name === 'FetchError' || error?.cause?.code === 'ECONNRESET') continue;
      throw error;
    }
  }
  return response.json();
}`,
    // Remediate, then try again: the error says the app is not registered, so register it first.
    `
declare function fetchAppConfig(appId: string): Promise<object>;
declare function registerApp(appId: string): Promise<void>;
export async function loadConfig(appId: string) {
  while (true) {
    try {
      return await fetchAppConfig(appId);
    } catch (error) {
      if ((error as Error).message.includes('is not registered in this workspace')) {
        await registerApp(appId);
      } else {
        throw error;
      }
    }
  }
}`,
    // On a quota error, and once the user agrees, delete the oldest uploads and call itself again.
    `
declare const storage: {
  upload(name: string, body: string): Promise<string>;
  list(): Promise<{ id: string; pinned: boolean }[]>;
  deleteUpload(id: string): Promise<void>;
};
declare function statusOf(error: unknown): number;
declare function askUser(question: string): Promise<boolean>;
const QUOTA_EXCEEDED = 429;
const KEEP_AT_MOST = 1000;
export class Publisher {
  async publish(name: string, body: string): Promise<string | undefined> {
    try {
      return await storage.upload(name, body);
    } catch (error) {
      if (statusOf(error) !== QUOTA_EXCEEDED) throw error;
      const uploads = await storage.list();
      if (uploads.length > KEEP_AT_MOST && (await askUser('Delete the 50 oldest uploads?'))) {
        for (const old of uploads.filter((upload) => !upload.pinned).slice(0, 50)) {
          await storage.deleteUpload(old.id);
        }
        return this.publish(name, body);
      }
    }
    return undefined;
  }
}`,
    // Two counters, one for each kind of failure, each compared with its maximum before going round.
    `
declare class TimeoutError extends Error {}
declare class ServerError extends Error { status: number }
declare function sleep(ms: number): Promise<void>;
export class Importer {
  private maxRetries = 3;
  private maxServerRetries = 8;
  async withRetry<T>(call: () => Promise<T>): Promise<T> {
    let retries = 0;
    let serverRetries = 0;
    while (true) {
      try {
        return await call();
      } catch (error) {
        if (error instanceof TimeoutError) {
          if (retries < this.maxRetries) {
            retries++;
            await sleep(1000 * retries);
            continue;
          }
        }
        if (error instanceof ServerError && error.status >= 500) {
          if (serverRetries < this.maxServerRetries) {
            serverRetries++;
            await sleep(1000 * 2 ** serverRetries);
            continue;
          }
        }
        throw error;
      }
    }
  }
}`,
    // A set-up page asking its own back end until the server is back: the tab bounds it, and the user sees it wait.
    `
'use client';
import axios from 'axios';
declare function sleep(ms: number): Promise<void>;
export async function reloadWhenServerIsBack(): Promise<void> {
  try {
    const { data } = await axios.get('/api/setup-status');
    if (data.ready !== true) throw new Error('server not ready yet');
    location.reload();
  } catch {
    await sleep(2000);
    await reloadWhenServerIsBack();
  }
}`,
  ],
  invalid: [
    // On 429, read the policy again and send at once, with no limit: a retry of a refusing dependency.
    {
      code: `
declare const queues: { getPolicy(name: string): Promise<{ etag: string; members: string[] }>; setPolicy(name: string, policy: object): Promise<void> };
export async function allowEnqueue(name: string, members: string[]) {
  let current = await queues.getPolicy(name);
  while (true) {
    try {
      await queues.setPolicy(name, { etag: current.etag, members });
      return;
    } catch (error: any) {
      if (error?.response?.status === 429) {
        current = await queues.getPolicy(name);
        continue;
      }
      throw error;
    }
  }
}`,
      errors: [{ messageId: 'unbounded', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBound', output: `
declare const queues: { getPolicy(name: string): Promise<{ etag: string; members: string[] }>; setPolicy(name: string, policy: object): Promise<void> };
export async function allowEnqueue(name: string, members: string[]) {
  let current = await queues.getPolicy(name);
  let attempts = 0;
  while (true) {
    try {
      await queues.setPolicy(name, { etag: current.etag, members });
      return;
    } catch (error: any) {
      if (++attempts >= 3) throw error;
      if (error?.response?.status === 429) {
        current = await queues.getPolicy(name);
        continue;
      }
      throw error;
    }
  }
}` }] }],
    },
    // Re-creating a channel after the broker answered 503 is retrying a struggling dependency, not fixing a cause.
    {
      code: `
declare const broker: { createChannel(): Promise<{ publish(message: string): Promise<void> }> };
export async function send(message: string) {
  let channel = await broker.createChannel();
  while (true) {
    try {
      await channel.publish(message);
      return;
    } catch (error: any) {
      if (error.status !== 503) throw error;
      channel = await broker.createChannel();
    }
  }
}`,
      errors: [{ messageId: 'unbounded', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBound', output: `
declare const broker: { createChannel(): Promise<{ publish(message: string): Promise<void> }> };
export async function send(message: string) {
  let channel = await broker.createChannel();
  let attempts = 0;
  while (true) {
    try {
      await channel.publish(message);
      return;
    } catch (error: any) {
      if (++attempts >= 3) throw error;
      if (error.status !== 503) throw error;
      channel = await broker.createChannel();
    }
  }
}` }] }],
    },
    // A counter checked, but both of its outcomes go round: it bounds nothing.
    {
      code: `
declare function sleep(ms: number): Promise<void>;
export async function fetchReport(url: string) {
  let failures = 0;
  while (true) {
    try {
      return await fetch(url);
    } catch (error) {
      failures++;
      if (failures > 3) console.warn('still failing', failures);
      await sleep(1000 * 2 ** Math.min(failures, 5));
    }
  }
}`,
      errors: [{ messageId: 'unbounded', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBound', output: `
declare function sleep(ms: number): Promise<void>;
export async function fetchReport(url: string) {
  let failures = 0;
  let attempts = 0;
  while (true) {
    try {
      return await fetch(url);
    } catch (error) {
      if (++attempts >= 3) throw error;
      failures++;
      if (failures > 3) console.warn('still failing', failures);
      await sleep(1000 * 2 ** Math.min(failures, 5));
    }
  }
}` }] }],
    },
  ],
});
