/**
 * Code both retry rules must leave alone, so both rules' tests run this one list: loops and self-calls that go round
 * again without retrying a failing dependency (a second, different try, a re-run for new work, a person deciding, a
 * new value after a conflict, polling, a corrected request) and retries that are bounded and back off.
 */
export const QUIET_FOR_RETRY_RULES: readonly string[] = [
  // A worker that lost the claim on a free task to another worker reads the batch again and claims the next free
  // one, returning when none is left: each lost claim is a task someone else took, so the tasks left bound it.
  `
const TASK_ALREADY_CLAIMED = 'TASK_ALREADY_CLAIMED';
export async function claimNextTask(store: any, batchId: string, worker: string): Promise<string | null> {
  const batch = await store.readBatch(batchId);
  const free = batch.tasks.find((task: { owner: string | null }) => task.owner === null);
  if (!free) return null;
  try {
    await store.markOwned(batchId, free.id, worker);
    return free.id;
  } catch (error: any) {
    if (error.code === TASK_ALREADY_CLAIMED) return claimNextTask(store, batchId, worker);
    throw error;
  }
}`,
  // The same in a loop.
  `
export async function claimNextTaskInLoop(store: any, batchId: string, worker: string): Promise<string | null> {
  for (;;) {
    const batch = await store.readBatch(batchId);
    const free = batch.tasks.find((task: { owner: string | null }) => task.owner === null);
    if (!free) return null;
    try {
      await store.markOwned(batchId, free.id, worker);
      return free.id;
    } catch (error: any) {
      if (error.message !== 'already claimed') throw error;
    }
  }
}`,
  // Climbing to the nearest folder that exists, one parent per round: each round asks about another folder.
  `
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
export async function nearestExisting(start: string): Promise<string> {
  let folder = start;
  for (;;) {
    try {
      await stat(folder);
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const up = dirname(folder);
    if (up === folder) return folder;
    folder = up;
  }
}`,
  // Renewing expired credentials before going round: the cause is fixed, so the next try is a different one.
  `
export class ToolRunner {
  constructor(private readonly tokens: { renewAccessToken(account: { token: string }): Promise<string | undefined> }) {}
  async run(account: { token: string }, tool: (token: string) => Promise<unknown>): Promise<unknown> {
    while (true) {
      try {
        return await tool(account.token);
      } catch (error) {
        if (error instanceof Error && error.name === 'TokenExpired') {
          const renewed = await this.tokens.renewAccessToken(account);
          if (renewed) {
            account.token = renewed;
            continue;
          }
        }
        throw error;
      }
    }
  }
}
`,
  // A wait through a project helper that only waits on a timer, however named, between few attempts that each
  // wait longer than the last.
  `
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function notify(url: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fetch(url, { method: 'PUT', signal: AbortSignal.timeout(5_000) });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
      await pause(2 ** attempt * 500);
    }
  }
}
`,
  // A second, different try: the same call once more with a flag of its options switched (use the cache).
  `
export class Settings {
  async read(options: { cached?: boolean }): Promise<unknown> {
    try {
      const response = await fetch('https://settings.example.com/v1', { signal: AbortSignal.timeout(5000) });
      return await response.json();
    } catch (error) {
      if (!options.cached) return this.read({ ...options, cached: true });
      throw error;
    }
  }
}
`,
  // Running again for work asked for meanwhile, after a success as after a failure: a re-run, not a retry.
  `
export class Indexer {
  private running: Promise<Response> | null = null;
  private requestedAgain = false;
  async reindex(): Promise<void> {
    this.requestedAgain = false;
    this.running = fetch('https://search.example.com/reindex', { method: 'POST', signal: AbortSignal.timeout(10_000) });
    try {
      await this.running;
      this.running = null;
      if (this.requestedAgain) return await this.reindex();
    } catch (error) {
      this.running = null;
      if (this.requestedAgain) return await this.reindex();
      throw error;
    }
  }
}
`,
  // The person at the terminal is asked for a new value before each try: they decide whether to go on.
  `
declare function askForHandle(suggested?: string): Promise<{ handle: string }>;
export async function claimHandle(suggested?: string): Promise<void> {
  const { handle } = await askForHandle(suggested);
  try {
    await fetch('https://accounts.example.com/handles', { method: 'POST', body: handle, signal: AbortSignal.timeout(5000) });
  } catch (error) {
    if ((error as { status?: number }).status === 409) return claimHandle();
    throw error;
  }
}
`,
  // A command whose prompts are methods of an `input` object it is handed (`cli.input.text`, `cli.input.select`):
  // after a failed draft the person picks "try again" or "cancel", so they decide every further try.
  `
interface Prompter { text(opts: { message: string }): Promise<string>; select(opts: { message: string; choices: string[] }): Promise<string> }
interface Cli { input: Prompter; fetch(path: string, init: { method: string; body: string }): Promise<{ rule?: string }> }
export async function draftRedirect(cli: Cli, description?: string): Promise<string | undefined> {
  let wanted = description;
  let drafted: string | undefined;
  for (;;) {
    if (!wanted) wanted = await cli.input.text({ message: 'Which redirect do you need?' });
    let problem = 'no draft came back';
    try {
      const { rule } = await cli.fetch('/v1/redirects/draft', { method: 'POST', body: JSON.stringify({ wanted }) });
      drafted = rule;
    } catch (error) {
      problem = String(error);
    }
    if (drafted) break;
    console.error(problem);
    const next = await cli.input.select({ message: 'Try again?', choices: ['again', 'cancel'] });
    if (next === 'cancel') return undefined;
    wanted = undefined;
  }
  return drafted;
}
`,
  // A release refused for a missing certificate: the catch has one generated, then sends the release again. The cause
  // is fixed before the second try, so it is no retry of a failing dependency.
  `
declare function generateCertificate(host: string): Promise<void>;
export async function publishRelease(host: string, files: string[]): Promise<{ id: string }> {
  try {
    const res = await fetch('https://deploy.example.com/v2/releases', { method: 'POST', body: JSON.stringify({ host, files }), signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw Object.assign(new Error('release refused'), { code: (await res.json()).code as string });
    return (await res.json()) as { id: string };
  } catch (error) {
    if ((error as { code?: string }).code === 'certificate_missing') {
      await generateCertificate(host);
      return publishRelease(host, files);
    }
    throw error;
  }
}
`,
  // A bucket that answers from another region (a 301): asked once more through a client built to follow the
  // redirect. Another route, not the same request sent again to a struggling service.
  `
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
export class Buckets {
  constructor(private readonly s3: S3Client) {}
  async exists(bucket: string, client: S3Client = this.s3): Promise<boolean> {
    try {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 301) {
        const redirecting = new S3Client({ region: await client.config.region(), followRegionRedirects: true });
        return this.exists(bucket, redirecting);
      }
      if ((error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  }
}
`,
  // A name already taken (an API's 422) and a new random suffix for the next try: nothing failed, no backoff due.
  `
import axios from 'axios';
export async function createWorkspace(base: string) {
  let name = base;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await axios.post('https://api.example.com/workspaces', { name }, { timeout: 5000 });
    } catch (error) {
      if ((error as { response?: { status: number } }).response?.status !== 422) throw error;
      name = base + '-' + Math.floor(Math.random() * 1000);
    }
  }
  throw new Error('no free name');
}
`,
  // Awaiting only this file's own local work (a parser) is not I/O: not a retry.
  `
// retrying local async work: a same-file parser, no I/O
async function parseManifest(text: string): Promise<unknown> {
  return JSON.parse(text);
}
export async function readManifest(chunks: string[]) {
  let buffer = '';
  let manifest: unknown;
  let parsed = false;
  while (!parsed) {
    buffer += chunks.shift() ?? '';
    try {
      manifest = await parseManifest(buffer);
      parsed = true;
    } catch {
      if (chunks.length === 0) throw new Error('incomplete manifest');
    }
  }
  return manifest;
}
`,
  // An event loop that goes on only when an error handler took the error (botbuilder's dialog helper): not a retry.
  `
declare function innerRun(c: unknown): Promise<unknown>;
declare const dialogContext: { emitEvent(n: string, e: unknown): Promise<boolean> };
export async function run(context: unknown) {
  let endOfTurn = false;
  let result;
  while (!endOfTurn) {
    try {
      result = await innerRun(context);
      endOfTurn = true;
    } catch (err) {
      const handled = await dialogContext.emitEvent('error', err);
      if (!handled) throw err;
    }
  }
  return result;
}`,
  // An interceptor that re-sends once after refreshing the token is a second try.
  `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(undefined, async (error) => {
  const original = error.config;
  if (error.response?.status === 401 && !original._retry) {
    original._retry = true;
    await refreshToken();
    return api(original);
  }
  return Promise.reject(error);
});`,
  // An interceptor that counts, checks the method and backs off with jitter.
  `
import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(undefined, async (error) => {
  const config = error.config;
  config.retryCount = (config.retryCount ?? 0) + 1;
  if (config.retryCount > 3 || !['get', 'put', 'delete'].includes(config.method)) throw error;
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** config.retryCount));
  return api(config);
});`,
  // A heartbeat that keeps its schedule after an error (the job reschedules itself after a success too) is scheduling, not retrying.
  `
declare function checkTarget(url: string): Promise<'up' | 'down'>;
declare function saveHeartbeat(status: string): Promise<void>;
export class Monitor {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  constructor(private readonly url: string, private readonly intervalSeconds: number) {}
  start() {
    const beat = async () => {
      await saveHeartbeat(await checkTarget(this.url));
      if (!this.stopped) this.timer = setTimeout(safeBeat, this.intervalSeconds * 1000);
    };
    const safeBeat = async () => {
      try {
        await beat();
      } catch (error) {
        console.error('heartbeat failed', error);
        if (!this.stopped) this.timer = setTimeout(safeBeat, this.intervalSeconds * 1000);
      }
    };
    void safeBeat();
  }
}`,
  // A job still pending throws, the catch waits a second and asks again: polling.
  `
declare const jobs: { get(id: string): Promise<{ state: string; result?: string }> };
declare function sleep(ms: number): Promise<void>;
export async function waitForResult(id: string): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      const job = await jobs.get(id);
      if (job.state !== 'done') throw new Error('job still pending');
      return job.result!;
    } catch {
      await sleep(1000);
    }
  }
  throw new Error('job ' + id + ' did not finish in a minute');
}`,
  // Polling for a release with a fixed interval and a deadline, rethrowing everything but the 404: a fixed interval is right for polling.
  `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function waitForRelease(tag: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      return (await axios.get('https://api.example.com/releases/tags/' + tag, { timeout: 5000 })).data;
    } catch (error: any) {
      if (error.response?.status !== 404) throw error;
    }
    await sleep(5000);
  }
  throw new Error('release ' + tag + ' was not published in time');
}`,
  // The attempts counted as the length of the array of errors: errors.length > maxRetries ends it.
  `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function getWithHistory(url: string, maxRetries = 3) {
  const errors: unknown[] = [];
  while (true) {
    try {
      return await axios.get(url, { timeout: 5000 });
    } catch (error) {
      errors.push(error);
      if (errors.length > maxRetries) throw new AggregateError(errors, 'gave up on ' + url);
      await sleep(Math.random() * 100 * 2 ** errors.length);
    }
  }
}`,
  // A new short code after a Prisma unique violation: nothing failed, so nothing to back off from.
  `
import { PrismaClient } from '@prisma/client';
import { nanoid } from 'nanoid';
const prisma = new PrismaClient();
export async function createShortLink(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await prisma.link.create({ data: { url, code: nanoid(7) } });
    } catch (error: any) {
      if (error.code === 'P2002') continue;
      throw error;
    }
  }
  throw new Error('no free short code');
}`,
  // Calling itself with a new invite code after a MongoDB duplicate key, three times at most.
  `
import mongoose from 'mongoose';
declare const Invite: mongoose.Model<{ code: string }>;
function randomCode() {
  return Math.random().toString(36).slice(2, 8);
}
export async function createInvite(tries = 0): Promise<unknown> {
  try {
    return await Invite.create({ code: randomCode() });
  } catch (error: any) {
    if (error.code === 11000 && tries < 3) return createInvite(tries + 1);
    throw error;
  }
}`,
  // Probing a child process's server every 100 ms until it listens, within one deadline: a fixed poll interval is right.
  `
import http from 'node:http';
function probe(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/ready' }, () => resolve());
    request.on('error', reject);
  });
}
export async function waitForWorker(port: number) {
  const gaveUp = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('worker did not start')), 20_000));
  for (;;) {
    try {
      await Promise.race([probe(port), gaveUp]);
      return;
    } catch (error: any) {
      if (['ECONNREFUSED', 'ENOENT'].includes(error?.code)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      throw error;
    }
  }
}`,
  // The error names what was wrong with the request (the member's kind): correct it and send again.
  `
declare const iam: { setPolicy(resource: string, members: string[]): Promise<void> };
export async function grantReaders(resource: string, emails: string[]) {
  const kinds: Record<string, string> = Object.fromEntries(emails.map((email) => [email, 'user']));
  do {
    try {
      await iam.setPolicy(resource, Object.entries(kinds).map(([email, kind]) => kind + ':' + email));
      break;
    } catch (error: any) {
      const named = /Member (\\S+) is a "([a-z]+)"/.exec(error.message);
      if (!named) throw error;
      kinds[named[1]] = named[2];
      continue;
    }
  } while (true);
}`,
  // Reading a row again until another transaction has committed it: the attempt is a method of this class that
  // throws "not found" when the row is missing, and the catch goes round whatever the error, counting attempts.
  `
class InvoiceNotFoundError extends Error {}
declare const db: { findInvoice(id: string): Promise<{ id: string } | null> };
export class InvoiceReader {
  async readCommitted(id: string, attempts = 10, pauseMs = 50) {
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        return await this.readOrThrow(id);
      } catch (error) {
        lastError = error;
        if (attempt < attempts - 1) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
    throw lastError;
  }
  private async readOrThrow(id: string) {
    const invoice = await db.findInvoice(id);
    if (!invoice) throw new InvoiceNotFoundError('invoice ' + id);
    return invoice;
  }
}`,
  // A worker that starts before the API process has created the tables it reads: its function says it waits for
  // that state, and it asks every 200 ms, thirty times at most.
  `
import { Pool } from 'pg';
const pool = new Pool({ statement_timeout: 5_000 });
export async function awaitTablesCreated(): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      await pool.query('SELECT 1 FROM accounts LIMIT 1');
      return;
    } catch {
      console.warn('tables not created yet, attempt ' + attempt);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}`,
  // A device login asking every second, up to five minutes, whether the person has approved it yet: the work handed
  // to p-retry throws "not approved yet" through a function of this file, inside its tracing callback.
  `
import pRetry from 'p-retry';
declare const tracer: { span<T>(name: string, work: () => Promise<T>): Promise<T> };
declare const auth: { exchange(code: string): Promise<{ token?: string }> };
async function exchangeCode(code: string) {
  return tracer.span('exchange', async () => {
    const answer = await auth.exchange(code);
    if (!answer.token) throw new Error('login not approved yet');
    return answer.token;
  });
}
export async function logIn(code: string) {
  return pRetry(() => exchangeCode(code), { factor: 1, retries: 300, minTimeout: 1_000 });
}`,
  // A development command waiting for the person's own app to come up: it asks its health endpoint every second,
  // waiting after an answer of "not healthy" as after a failure, until the answer says healthy.
  `
declare function checkHealth(url: string): Promise<boolean>;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function watchLocalApp(url: string) {
  let healthy = false;
  while (!healthy) {
    try {
      healthy = await checkHealth(url);
      if (!healthy) await pause(1_000);
    } catch {
      await pause(1_000);
    }
  }
}`,
  // A rate-limited client that comes back when the server says: only a 429 goes round, after the wait its
  // `Retry-After` header asks for (and it gives up when that wait would be long). The server paces it.
  `
import axios from 'axios';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function fetchListing(slug: string): Promise<unknown> {
  try {
    const answer = await axios.get(\`https://catalog.example.org/listings/\${slug}\`, { timeout: 8_000 });
    return answer.data;
  } catch (error: any) {
    if (error.response?.status === 429) {
      const seconds = Number(error.response.headers['retry-after']);
      if (seconds > 0 && seconds <= 5) {
        await sleep(seconds * 1_000);
        return fetchListing(slug);
      }
    }
    throw error;
  }
}`,
  // The same in a loop, with the wait an SDK's error carries (`retryAfter`, in seconds).
  `
declare const mailer: { send(message: object): Promise<void> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function deliver(message: object): Promise<void> {
  while (true) {
    try {
      await mailer.send(message);
      return;
    } catch (error: any) {
      if (error.code !== 'too_many_requests') throw error;
      const { retryAfter } = error;
      await sleep(retryAfter * 1_000);
    }
  }
}`,
  // A reconnect counted per consumer in a Map field (read, compared with a maximum, written back one higher) and
  // spaced by a growing wait: the count per key is a bound like a local counter.
  `
declare const broker: { connect(group: string): Promise<void> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class Consumers {
  private readonly attempts = new Map<string, number>();
  private readonly limit = 6;
  async reconnect(group: string): Promise<void> {
    const made = this.attempts.get(group) ?? 0;
    if (made >= this.limit) throw new Error(\`gave up reconnecting \${group}\`);
    this.attempts.set(group, made + 1);
    try {
      await sleep(500 * 2 ** made);
      await broker.connect(group);
      this.attempts.set(group, 0);
    } catch {
      await this.reconnect(group);
    }
  }
}`,
  // A reconnect guarded against running twice for one consumer: the mark is set before the try and removed only in
  // its finally, so the call from the catch finds it still set and returns at once. Nothing is retried there.
  `
declare const broker: { connect(group: string): Promise<void> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class Rejoiner {
  private readonly rejoining = new Set<string>();
  async rejoin(group: string): Promise<void> {
    if (this.rejoining.has(group)) return;
    this.rejoining.add(group);
    try {
      await sleep(3_000);
      await broker.connect(group);
    } catch {
      await this.rejoin(group);
    } finally {
      this.rejoining.delete(group);
    }
  }
}`,
  // One more try after a recovery its caller hands in (refreshing an expired session): the cause is fixed first.
  `
export async function withRecovery<T>(action: () => Promise<T>, recover: () => Promise<unknown>, retries = 1): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (retries > 0) {
      await recover();
      return withRecovery(action, recover, retries - 1);
    }
    throw error;
  }
}`,
];
