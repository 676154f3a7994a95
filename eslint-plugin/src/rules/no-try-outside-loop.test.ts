import { RuleTester } from '@typescript-eslint/rule-tester';
import { it } from 'vitest';
import rule from './no-try-outside-loop.js';

const ruleTester = new RuleTester();

const drain = (first: string, next: string) => `
import { Cron } from '@nestjs/schedule';
declare const jobs: { next(): Promise<{ url: string } | undefined> };
declare const pending: { url: string }[];
export class JobRunner {
  @Cron('*/10 * * * * *')
  async runJobs() {
    try {
      let job = ${first};
      while (job) {
        await fetch(job.url, { method: 'POST', signal: AbortSignal.timeout(10_000) });
        job = ${next};
      }
    } catch (error) {
      console.error('job runner stopped', error);
    }
  }
}`;

const LEDGER_WITHOUT_TRANSACTION = `
import knex from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, acquireConnectionTimeout: 10_000 });
export async function postLedger(entries: { account: string; cents: number }[]) {
  try {
    for (const entry of entries) {
      await db('ledger').insert(entry).timeout(5_000);
    }
  } catch (error) {
    console.error('ledger not posted', error);
  }
}`;

ruleTester.run('no-try-outside-loop', rule, {
  valid: [
    // By default a loop whose calls are the application's own database or cache: when the store fails it fails every
    // entry alike (a newsletter server's campaign and prune loops over knex, the thirty-seventh round).
    LEDGER_WITHOUT_TRANSACTION,
    // A scheduled worker taking one job after another from a queue that keeps the rest (met on cnpmcore, the
    // thirty-fourth round): stopping at a failure leaves the jobs not taken where they were, for the next run seconds
    // later (run once, the same drain is reported: see 'cursor walks' below).
    drain('await jobs.next()', 'await jobs.next()'),
    // The catch keeps the error and the try's finally throws it again after its clean-up: the caller learns the batch
    // failed, nothing is swallowed.
    `
export async function forwardAll(events: { id: string }[]) {
  let failure: unknown;
  try {
    for (const event of events) {
      await fetch('https://events.example.com/ingest', { method: 'POST', body: JSON.stringify(event), signal: AbortSignal.timeout(5_000) });
    }
  } catch (error) {
    console.error('forwarding failed', error);
    failure = error;
  } finally {
    if (failure) throw failure;
  }
}`,
    // The loop's writes are one transaction, rolled back in the catch: all or nothing is the point, and after a failed
    // statement the database refuses the rest of the transaction anyway, so no try inside the loop could go on.
    `
import knex from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, acquireConnectionTimeout: 10_000 });
export async function postLedger(entries: { account: string; cents: number }[]) {
  const trx = await db.transaction();
  try {
    for (const entry of entries) {
      await trx('ledger').insert(entry).timeout(5_000);
    }
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    console.error('ledger not posted', error);
  }
}`,
    // The same with a MongoDB session's transaction, aborted in the catch.
    `
import { MongoClient } from 'mongodb';
const client = new MongoClient(process.env.MONGO_URL!, { serverSelectionTimeoutMS: 5_000, socketTimeoutMS: 30_000 });
export async function moveCards(cards: { id: string; column: string }[]) {
  const session = client.startSession();
  session.startTransaction();
  try {
    for (const card of cards) {
      await client.db('board').collection('cards').updateOne({ id: card.id }, { $set: { column: card.column } }, { session, maxTimeMS: 5_000 });
    }
    await session.commitTransaction();
  } catch (error) {
    await session.abortTransaction();
    console.error('cards not moved', error);
  } finally {
    await session.endSession();
  }
}`,
    // An oclif command stopping at the first data file it cannot fetch: oclif's \`this.error\` throws, and the command
    // ends with the message and a failing exit status.
    `
import { Command } from '@oclif/core';
export default class Pull extends Command {
  async run(): Promise<void> {
    const urls = ['https://a.example.com/one.json', 'https://a.example.com/two.json'];
    try {
      for (const url of urls) {
        await fetch(url, { signal: AbortSignal.timeout(10_000) });
      }
    } catch (error) {
      if (error instanceof Error) this.error(error.message);
    }
  }
}`,
    // A command's watch: a failed poll ends the command with an error through a helper that never returns (it exits),
    // so nothing is abandoned in silence.
    `
function fail(code: string, message: string): never {
  console.error(JSON.stringify({ ok: false, code, message }));
  process.exit(1);
}
export async function watch(ids: string[]) {
  try {
    for (const id of ids) console.log(await fetch(\`https://runs.example.com/\${id}\`, { signal: AbortSignal.timeout(5_000) }));
  } catch (error) {
    fail('STATUS_FAILED', String(error));
  }
}`,
    // The same with a helper that is not annotated but ends the process.
    `
function exitWith(message: string) {
  console.error(message);
  process.exit(2);
}
export async function watch(ids: string[]) {
  try {
    for (const id of ids) console.log(await fetch(\`https://runs.example.com/\${id}\`, { signal: AbortSignal.timeout(5_000) }));
  } catch (error) {
    exitWith(String(error));
  }
}`,
    // The pieces of one upload, read in order from its stream and appended to a Redis stream: a piece lost in the
    // middle would leave a hole, so a failure ends the upload and the sender is told (it resumes from the last piece).
    `
import { Redis } from 'ioredis';
const redis = new Redis();
export async function storeUpload(body: ReadableStream<string>, key: string): Promise<Response> {
  let piece = 0;
  try {
    const reader = body.getReader();
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      await redis.xadd(key, '*', 'piece', String(piece), 'data', value);
      piece++;
    }
    return new Response(null, { status: 200 });
  } catch {
    return new Response(String(piece), { status: 500 });
  }
}`,
    // The try is one account's: a failure gives up that account's remaining pages, and the next account goes on.
    `
async function listLocations(accounts: { name: string }[], token: string) {
  const found: unknown[] = [];
  for (const account of accounts) {
    try {
      let page: string | undefined;
      do {
        const query = new URLSearchParams(page ? { page } : {});
        const response = await fetch(\`https://places.example.com/v1/\${account.name}/locations?\${query}\`, { headers: { authorization: token } });
        const body = await response.json();
        found.push(...body.locations);
        page = body.next;
      } while (page);
    } catch (error) {
      console.error('skipping account', account.name, error);
    }
  }
  return found;
}`,
    // The try is already inside the loop.
    `
async function syncAll(ids: string[]) {
  for (const id of ids) {
    try { await fetch('/sync/' + id, { method: 'PUT' }); } catch (error) { console.error(id, error); }
  }
}`,
    // The catch rethrows: all-or-nothing on purpose.
    `
async function importAll(rows: object[]) {
  try {
    for (const row of rows) await fetch('/rows', { method: 'PUT', body: JSON.stringify(row) });
  } catch (error) {
    console.error('import failed', error);
    throw error;
  }
}`,
    // The catch hands the error to Express.
    `
app.post('/bulk', async (req, res, next) => {
  try {
    for (const item of req.body.items) await fetch('/items', { method: 'PUT', body: item });
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});`,
    // The loop makes no external call.
    `
function total(lines: string[]) {
  try {
    let sum = 0;
    for (const line of lines) sum += JSON.parse(line).amount;
    return sum;
  } catch {
    return 0;
  }
}`,
    // Each call has its own .catch.
    `
async function warmAll(urls: string[]) {
  try {
    for (const url of urls) await fetch(url).catch(() => undefined);
  } catch {}
}`,
    // Calls only started in the loop; their failure surfaces at Promise.all, outside it.
    `
async function loadAll(urls: string[]) {
  try {
    const pending = [];
    for (const url of urls) pending.push(fetch(url));
    return await Promise.all(pending);
  } catch {
    return [];
  }
}`,
    // A retry loop inside the try is itself meant to stop on failure.
    `
async function get(url: string) {
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try { return await fetch(url); } catch (error) { if (attempt === 2) throw error; await sleep(2 ** attempt * 100); }
    }
  } catch (error) {
    console.error(error);
  }
}`,
    // The loop is in a callback the try does not cover at run time.
    `
function schedule(urls: string[]) {
  try {
    setTimeout(async () => { for (const url of urls) await fetch(url); }, 0);
  } catch (error) {
    console.error(error);
  }
}`,
    // A nested try closer to the loop.
    `
async function run(urls: string[]) {
  try {
    try {
      for (const url of urls) await fetch(url);
    } catch (error) {
      throw new Error('batch failed', { cause: error });
    }
  } catch (error) {
    console.error(error);
  }
}`,
  ],
  invalid: [
    {
      // the jobs held in memory: the ones after a failure are dropped
      code: drain('pending.shift()', 'pending.shift()'),
      errors: [{ messageId: 'tryOutsideLoop', suggestions: 1 }],
    },
    // Control, with `checkDataStores` (as in `strict`): the same loop of writes with no transaction to roll back: each
    // entry stands alone, and the first failure drops the rest in silence.
    {
      code: LEDGER_WITHOUT_TRANSACTION,
      options: [{ checkDataStores: true }],
      errors: [{ messageId: 'tryOutsideLoop', line: 5, suggestions: 2 }],
    },
    // Control: the catch keeps the error, but the finally only logs it: the rest of the batch is abandoned in silence.
    {
      code: `
export async function forwardAll(events: { id: string }[]) {
  let failure: unknown;
  try {
    for (const event of events) {
      await fetch('https://events.example.com/ingest', { method: 'POST', body: JSON.stringify(event), signal: AbortSignal.timeout(5_000) });
    }
  } catch (error) {
    failure = error;
  } finally {
    if (failure) console.error('forwarding failed', failure);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', line: 4, suggestions: 2 }],
    },
    // Control: a class with an \`error\` method of its own (not an oclif command), which only logs.
    {
      code: `
class Puller {
  error(message: string) { console.error(message); }
  async run(): Promise<void> {
    const urls = ['https://a.example.com/one.json', 'https://a.example.com/two.json'];
    try {
      for (const url of urls) {
        await fetch(url, { signal: AbortSignal.timeout(10_000) });
      }
    } catch (error) {
      if (error instanceof Error) this.error(error.message);
    }
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', suggestions: 2 }],
    },
    // Control for the never-returning helpers above: one that reports and returns leaves the rest of the batch unvisited.
    {
      code: `
function report(message: string): void {
  console.error(message);
}
export async function watch(ids: string[]) {
  try {
    for (const id of ids) console.log(await fetch(\`https://runs.example.com/\${id}\`, { signal: AbortSignal.timeout(5_000) }));
  } catch (error) {
    report(String(error));
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', line: 6, suggestions: 2 }],
    },
    // A worker going round takes a batch each time: a failure still drops the rest of the batch in hand.
    {
      code: `
export async function drain(queue: { take(): Promise<{ url: string }[]> }) {
  while (true) {
    const batch = await queue.take();
    try {
      for (const job of batch) {
        await fetch(job.url, { method: 'POST' });
      }
    } catch (error) {
      console.error('batch failed', error);
    }
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', line: 5, suggestions: [
        { messageId: 'fixMoveTryIntoLoop', output: `
export async function drain(queue: { take(): Promise<{ url: string }[]> }) {
  while (true) {
    const batch = await queue.take();
    for (const job of batch) {
      try {
        await fetch(job.url, { method: 'POST' });
      } catch (error) {
        console.error('batch failed', error);
      }
    }
  }
}` },
        { messageId: 'fixRethrow', output: `
export async function drain(queue: { take(): Promise<{ url: string }[]> }) {
  while (true) {
    const batch = await queue.take();
    try {
      for (const job of batch) {
        await fetch(job.url, { method: 'POST' });
      }
    } catch (error) {
      console.error('batch failed', error);
      throw error;
    }
  }
}` },
      ] }],
    },
    {
      code: `
async function notifyAll(users: { email: string }[]) {
  try {
    for (const user of users) {
      await fetch('https://mail.example.com/send', { method: 'POST', body: user.email });
    }
  } catch (error) {
    console.error('notify failed', error);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', data: { call: '`fetch`' }, line: 3, column: 3, endLine: 3, endColumn: 6, suggestions: [{ messageId: 'fixMoveTryIntoLoop', output: `
async function notifyAll(users: { email: string }[]) {
  for (const user of users) {
    try {
      await fetch('https://mail.example.com/send', { method: 'POST', body: user.email });
    } catch (error) {
      console.error('notify failed', error);
    }
  }
}` }, { messageId: 'fixRethrow', output: `
async function notifyAll(users: { email: string }[]) {
  try {
    for (const user of users) {
      await fetch('https://mail.example.com/send', { method: 'POST', body: user.email });
    }
  } catch (error) {
    console.error('notify failed', error);
    throw error;
  }
}` }] }],
    },
    {
      code: `
import axios from 'axios';
async function fetchPages(pages: number) {
  const results = [];
  try {
    let page = 1;
    while (page <= pages) {
      const { data } = await axios.get('/items', { params: { page } });
      results.push(...data);
      page++;
    }
  } catch {
    // keep what we have
  }
  return results;
}`,
      // the page step stays after the moved try/catch, so a failed page is skipped, not asked for again forever
      errors: [{ messageId: 'tryOutsideLoop', data: { call: '`axios.get`' }, line: 5, column: 3, suggestions: [{ messageId: 'fixMoveTryIntoLoop', output: `
import axios from 'axios';
async function fetchPages(pages: number) {
  const results = [];
  try {
    let page = 1;
    while (page <= pages) {
      try {
        const { data } = await axios.get('/items', { params: { page } });
        results.push(...data);
      } catch {
        // keep what we have
      }
      page++;
    }
  } catch {
    // keep what we have
  }
  return results;
}` }, { messageId: 'fixRethrow', output: `
import axios from 'axios';
async function fetchPages(pages: number) {
  const results = [];
  try {
    let page = 1;
    while (page <= pages) {
      const { data } = await axios.get('/items', { params: { page } });
      results.push(...data);
      page++;
    }
  } catch (error) {
    // keep what we have
    throw error;
  }
  return results;
}` }] }],
    },
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function archive(ids: number[]) {
  try {
    let i = 0;
    do {
      await pool.query('UPDATE orders SET archived = true WHERE id = $1', [ids[i]]);
      i++;
    } while (i < ids.length);
  } catch (error) {
    return false;
  }
  return true;
}`,
      // (a database's calls are reported with `checkDataStores`)
      options: [{ checkDataStores: true }],
      errors: [{ messageId: 'tryOutsideLoop', line: 5, column: 3, suggestions: [{ messageId: 'fixRethrow', output: `
import { Pool } from 'pg';
const pool = new Pool();
export async function archive(ids: number[]) {
  try {
    let i = 0;
    do {
      await pool.query('UPDATE orders SET archived = true WHERE id = $1', [ids[i]]);
      i++;
    } while (i < ids.length);
  } catch (error) {
    throw error;
  }
  return true;
}` }] }],
    },
    {
      code: `
async function mirror(keys: string[]) {
  try {
    for (let i = 0; i < keys.length; i++) await fetch('/copy/' + keys[i], { method: 'PUT' });
  } catch (e) {
    logger.warn(e);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', line: 3, column: 3, suggestions: [{ messageId: 'fixMoveTryIntoLoop', output: `
async function mirror(keys: string[]) {
  for (let i = 0; i < keys.length; i++) {
    try {
      await fetch('/copy/' + keys[i], { method: 'PUT' });
    } catch (e) {
      logger.warn(e);
    }
  }
}` }, { messageId: 'fixRethrow', output: `
async function mirror(keys: string[]) {
  try {
    for (let i = 0; i < keys.length; i++) await fetch('/copy/' + keys[i], { method: 'PUT' });
  } catch (e) {
    logger.warn(e);
    throw e;
  }
}` }] }],
    },
  ],
});

// Walking pages: each request needs what the previous answer pointed to, so a failure ends the walk anyway.
ruleTester.run('no-try-outside-loop: cursor walks', rule, {
  valid: [
    // Following "next" links through a registry's tag pages, falling back to a default when any page fails.
    `
export async function releasesBehind(current: string): Promise<number> {
  try {
    const seen: string[] = [];
    let nextPage: string | null = 'https://registry.example.com/v2/app/tags?page_size=100';
    while (nextPage) {
      const response = await fetch(nextPage);
      const body = (await response.json()) as { results: { name: string }[]; next?: string | null };
      seen.push(...body.results.map((tag) => tag.name));
      const index = seen.indexOf(current);
      if (index !== -1) return index;
      nextPage = body.next ?? null;
    }
    return -1;
  } catch (error) {
    console.warn('could not read the release list', error);
    return -1;
  }
}`,
    // A cursor handed back by each answer, in a request's options.
    `
import axios from 'axios';
export async function countMembers(team: string): Promise<number | undefined> {
  try {
    let total = 0;
    let cursor: string | undefined;
    do {
      const { data } = await axios.get('https://chat.example.com/api/members', { params: { team, cursor }, timeout: 5000 });
      total += data.members.length;
      cursor = data.nextCursor;
    } while (cursor);
    return total;
  } catch {
    return undefined;
  }
}`,
  ],
  invalid: [
    // Jobs taken from a queue do not depend on the previous request: one failed post abandons the rest.
    {
      code: `
declare const queue: { take(): Promise<string | undefined> };
export async function drain() {
  try {
    let job = await queue.take();
    while (job) {
      await fetch('https://worker.example.com/run', { method: 'POST', body: job });
      job = await queue.take();
    }
  } catch (error) {
    console.error('drain failed', error);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', line: 4, column: 3, suggestions: [{ messageId: 'fixRethrow', output: `
declare const queue: { take(): Promise<string | undefined> };
export async function drain() {
  try {
    let job = await queue.take();
    while (job) {
      await fetch('https://worker.example.com/run', { method: 'POST', body: job });
      job = await queue.take();
    }
  } catch (error) {
    console.error('drain failed', error);
    throw error;
  }
}` }] }],
    },
    // A generator handing out one package's releases at a time, its index stepped before the yield: the step goes
    // after the moved try/catch and the yield stays in the try, so a package with no releases is logged and skipped.
    {
      code: `
import axios from 'axios';
export async function* releasesOf(names: string[]) {
  try {
    let at = 0;
    do {
      const answer = await axios.get<{ versions?: string[] }>('https://registry.example.com/' + names[at]);
      if (!answer.data.versions) throw new Error('no releases for ' + names[at]);
      const releases = answer.data.versions.map((version) => names[at] + '@' + version);
      at += 1;
      yield releases;
    } while (at < names.length);
  } catch (error) {
    console.error(error);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', line: 4, column: 3, suggestions: [{ messageId: 'fixMoveTryIntoLoop', output: `
import axios from 'axios';
export async function* releasesOf(names: string[]) {
  try {
    let at = 0;
    do {
      try {
        const answer = await axios.get<{ versions?: string[] }>('https://registry.example.com/' + names[at]);
        if (!answer.data.versions) throw new Error('no releases for ' + names[at]);
        const releases = answer.data.versions.map((version) => names[at] + '@' + version);
        yield releases;
      } catch (error) {
        console.error(error);
      }
      at += 1;
    } while (at < names.length);
  } catch (error) {
    console.error(error);
  }
}` }, { messageId: 'fixRethrow', output: `
import axios from 'axios';
export async function* releasesOf(names: string[]) {
  try {
    let at = 0;
    do {
      const answer = await axios.get<{ versions?: string[] }>('https://registry.example.com/' + names[at]);
      if (!answer.data.versions) throw new Error('no releases for ' + names[at]);
      const releases = answer.data.versions.map((version) => names[at] + '@' + version);
      at += 1;
      yield releases;
    } while (at < names.length);
  } catch (error) {
    console.error(error);
    throw error;
  }
}` }] }],
    },
    // No move where the step cannot go after the try: the statements after it read the counter (they would see it
    // one behind), leave the iteration early (their `continue` came after the step), or the counter is shared.
    ...[
      `      n++;
      console.log('copied', n);`,
      `      n = n + 1;
      if (skipRest) continue;`,
    ].map((tail) => ({
      code: `
declare const skipRest: boolean;
export async function copyAll(keys: string[]) {
  try {
    let n = 0;
    while (n < keys.length) {
      await fetch('https://store.example.com/copy/' + keys[n], { method: 'PUT' });
${tail}
    }
  } catch (error) {
    console.error(error);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop' as const, suggestions: [{ messageId: 'fixRethrow' as const, output: `
declare const skipRest: boolean;
export async function copyAll(keys: string[]) {
  try {
    let n = 0;
    while (n < keys.length) {
      await fetch('https://store.example.com/copy/' + keys[n], { method: 'PUT' });
${tail}
    }
  } catch (error) {
    console.error(error);
    throw error;
  }
}` }] }],
    })),
    {
      code: `
let sent = 0;
export async function sendAll(messages: string[]) {
  try {
    while (sent < messages.length) {
      await fetch('https://mail.example.com/send', { method: 'POST', body: messages[sent] });
      sent++;
    }
  } catch (error) {
    console.error(error);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', suggestions: [{ messageId: 'fixRethrow', output: `
let sent = 0;
export async function sendAll(messages: string[]) {
  try {
    while (sent < messages.length) {
      await fetch('https://mail.example.com/send', { method: 'POST', body: messages[sent] });
      sent++;
    }
  } catch (error) {
    console.error(error);
    throw error;
  }
}` }] }],
    },
  ],
});

// A queue sent in order: the drain stops at the batch that failed and runs itself again on a timer, the failed batch
// first, the rest behind it (a chat SDK's outgoing message queue, the thirty-sixth round). Nothing is abandoned.
ruleTester.run('no-try-outside-loop: drains that run again', rule, {
  valid: [
    `
declare const store: { oldest(): Promise<{ id: number; body: string } | null>; remove(id: number): Promise<void> };
export class OutgoingQueue {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  flush = async (): Promise<void> => {
    try {
      for (let batch = await store.oldest(); batch; batch = await store.oldest()) {
        await fetch('https://chat.example.com/send', { method: 'PUT', body: batch.body, signal: AbortSignal.timeout(10_000) });
        await store.remove(batch.id);
        this.failures = 0;
      }
    } catch (error) {
      this.failures++;
      if (this.failures > 5) return;
      this.timer = setTimeout(this.flush, 1_000 * 2 ** this.failures);
    }
  };
}`,
    `
declare const outbox: { next(): Promise<string | undefined>; done(): Promise<void> };
export async function deliver(attempt = 0): Promise<void> {
  try {
    for (let message = await outbox.next(); message; message = await outbox.next()) {
      await fetch('https://hooks.example.com/in', { method: 'POST', body: message, signal: AbortSignal.timeout(5_000) });
      await outbox.done();
    }
  } catch {
    if (attempt < 3) setTimeout(() => deliver(attempt + 1), 2_000 * 2 ** attempt);
  }
}`,
  ],
  invalid: [
    // the catch arms another function: this drain's remaining items are dropped
    {
      code: `
declare const outbox: { next(): Promise<string | undefined> };
declare function alertOperators(): void;
export async function deliver(): Promise<void> {
  try {
    for (let message = await outbox.next(); message; message = await outbox.next()) {
      await fetch('https://hooks.example.com/in', { method: 'POST', body: message, signal: AbortSignal.timeout(5_000) });
    }
  } catch {
    setTimeout(() => alertOperators(), 1_000);
  }
}`,
      errors: [{ messageId: 'tryOutsideLoop', line: 5, suggestions: [
        { messageId: 'fixMoveTryIntoLoop', output: `
declare const outbox: { next(): Promise<string | undefined> };
declare function alertOperators(): void;
export async function deliver(): Promise<void> {
  for (let message = await outbox.next(); message; message = await outbox.next()) {
    try {
      await fetch('https://hooks.example.com/in', { method: 'POST', body: message, signal: AbortSignal.timeout(5_000) });
    } catch {
      setTimeout(() => alertOperators(), 1_000);
    }
  }
}` },
        { messageId: 'fixRethrow', output: `
declare const outbox: { next(): Promise<string | undefined> };
declare function alertOperators(): void;
export async function deliver(): Promise<void> {
  try {
    for (let message = await outbox.next(); message; message = await outbox.next()) {
      await fetch('https://hooks.example.com/in', { method: 'POST', body: message, signal: AbortSignal.timeout(5_000) });
    }
  } catch (error) {
    setTimeout(() => alertOperators(), 1_000);
    throw error;
  }
}` },
      ] }],
    },
  ],
});
