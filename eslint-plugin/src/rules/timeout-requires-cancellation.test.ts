import { RuleTester } from '@typescript-eslint/rule-tester';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import requireTimeout from './require-timeout.js';
import rule from './timeout-requires-cancellation.js';

const ruleTester = new RuleTester();

const timeoutHelper = `
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms)),
  ]);
}`;

ruleTester.run('timeout-requires-cancellation', rule, {
  valid: [
    // The signal reaches the call.
    `
async function get(url: string) {
  return fetch(url, { signal: AbortSignal.timeout(5000) });
}`,
    `
async function get(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}`,
    // A race whose loser is aborted when the timer wins.
    `
async function get(url: string) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { controller.abort(); reject(new Error('timeout')); }, 3000);
  });
  try {
    return await Promise.race([fetch(url, { signal: controller.signal }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}`,
    // Hedging: two real requests racing each other.
    `
async function fastest(id: string) {
  return Promise.race([fetch('https://eu.example.com/items/' + id), fetch('https://us.example.com/items/' + id)]);
}`,
    // A race over a list we cannot read.
    `
async function first(requests: Promise<Response>[]) {
  return Promise.race(requests);
}`,
    // The signal is passed on through a variable.
    `
async function get(url: string) {
  const signal = AbortSignal.timeout(2000);
  return fetch(url, { signal });
}`,
    // The controller is handed to a helper that uses it.
    `
async function get(url: string) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 1000);
  return request(url, controller);
}`,
    // p-timeout with a signal.
    `
import pTimeout from 'p-timeout';
async function get(url: string) {
  const controller = new AbortController();
  return pTimeout(fetch(url, { signal: controller.signal }), { milliseconds: 1000, signal: controller.signal });
}`,
    // cockatiel's cooperative timeout.
    `
import { timeout, TimeoutStrategy } from 'cockatiel';
const policy = timeout(2000, TimeoutStrategy.Cooperative);`,
    // A timer that resolves is a bounded wait ("did it settle within a second?"), not a timeout (undici tests).
    `
import { setTimeout as sleep } from 'node:timers/promises';
async function settledWithin(url: string) {
  const response = await Promise.race([fetch(url), sleep(1_000).then(() => null)]);
  return response !== null;
}`,
    `
function settleOrTimeout(promise: Promise<unknown>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.then(() => 'settled', () => 'settled'),
    new Promise((resolve) => { timer = setTimeout(() => resolve('stuck'), ms); }),
  ]).finally(() => clearTimeout(timer));
}`,
    // The timeout forces a reconnect, which drops the pending ping (outline's redis health check).
    `
class Redis {
  healthcheck() {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('ping timeout')), 1000); });
    Promise.race([this.ping(), timeout])
      .catch(() => this.disconnect(true))
      .finally(() => clearTimeout(timer));
  }
}`,
    // Waiting for an event with a limit: there is no work to cancel (undici's WebSocket tests).
    `
async function opened(ws: WebSocket) {
  await Promise.race([
    new Promise((resolve) => ws.addEventListener('open', resolve)),
    new Promise((_, reject) => setTimeout(() => reject(new Error('not opened')), 5000)),
  ]);
}`,
    // A client that cancels with a signal where it can, and races only where the runtime has no AbortController
    // (stripe-node's fetch client): there the race is all a timeout can do.
    `
class Downloader {
  private readonly get: (url: string, ms: number) => Promise<Response>;
  constructor(fetchImpl: typeof fetch) {
    if (globalThis.AbortController) {
      this.get = (url, ms) => fetchImpl(url, { signal: AbortSignal.timeout(ms) });
    } else {
      this.get = Downloader.racing(fetchImpl);
    }
  }
  private static racing(fetchImpl: typeof fetch) {
    return async (url: string, ms: number) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), ms); });
      try {
        return await Promise.race([fetchImpl(url), expired]);
      } finally {
        clearTimeout(timer);
      }
    };
  }
}`,
    // The same fallback, spelled as a typeof test with an early return.
    `
async function load(url: string, ms: number) {
  if (typeof AbortController !== 'undefined') {
    return fetch(url, { signal: AbortSignal.timeout(ms) });
  }
  const expired = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));
  return Promise.race([fetch(url), expired]);
}`,
    `
const load = typeof AbortController === 'undefined'
  ? (url: string) => Promise.race([fetch(url), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 3000))])
  : (url: string) => fetch(url, { signal: AbortSignal.timeout(3000) });`,
  ],
  invalid: [
    // The race is the path taken when AbortController exists: it could have cancelled, and did not.
    {
      code: `
async function load(url: string, ms: number) {
  if (globalThis.AbortController) {
    const expired = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));
    return Promise.race([fetch(url), expired]);
  }
  return fetch(url);
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 5, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import { timeout } from '@resilint/runtime';

async function load(url: string, ms: number) {
  if (globalThis.AbortController) {
    return timeout(ms).execute(({ signal }) => fetch(url, { signal }));
  }
  return fetch(url);
}` }] }],
    },
    // A factory called both with and without an AbortController around: the race also runs where one exists.
    {
      code: `
function racing(fetchImpl: typeof fetch) {
  return (url: string) => Promise.race([fetchImpl(url), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 3000))]);
}
export const legacy = typeof AbortController === 'undefined' ? racing(fetch) : undefined;
export const modern = racing(fetch);`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 3, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import { timeout } from '@resilint/runtime';

function racing(fetchImpl: typeof fetch) {
  return (url: string) => timeout(3000).execute(({ signal }) => fetchImpl(url, { signal }));
}
export const legacy = typeof AbortController === 'undefined' ? racing(fetch) : undefined;
export const modern = racing(fetch);` }] }],
    },
    {
      code: `
async function get(url: string) {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000));
  return Promise.race([fetch(url), timeout]);
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 4, column: 10, endLine: 4, endColumn: 45, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import { timeout as resilintTimeout } from '@resilint/runtime';

async function get(url: string) {
  return resilintTimeout(5000).execute(({ signal }) => fetch(url, { signal }));
}` }] }],
    },
    {
      code: `
import axios from 'axios';
async function getUser(id: string) {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      axios.get('/users/' + id),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), 2000); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}`,
      errors: [{ messageId: 'raceNotCancelled', line: 6, column: 18, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import axios from 'axios';
import { timeout } from '@resilint/runtime';
async function getUser(id: string) {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await timeout(2000).execute(({ signal }) => axios.get('/users/' + id, { signal }));
  } finally {
    clearTimeout(timer);
  }
}` }] }],
    },
    // The race sits in a small guard function; the timer it races is made, and cleared, by the function around it.
    {
      code: `
export function timed(doFetch: typeof fetch, url: string, ms: number) {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => { pending = setTimeout(() => reject(new Error('timed out')), ms); });
  const release = () => clearTimeout(pending);
  const guard = (work: Promise<Response>) => Promise.race([work, expired]);
  return { response: guard(doFetch(url)), release };
}`,
      errors: [{ messageId: 'raceNotCancelled', line: 6, suggestions: [{ messageId: 'fixHelperTakesSignal', output: `
import { timeout } from '@resilint/runtime';

export function timed(doFetch: typeof fetch, url: string, ms: number) {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const release = () => clearTimeout(pending);
  const guard = (work: (signal: AbortSignal) => Promise<Response>) => timeout(ms).execute(({ signal }) => work(signal));
  return { response: guard((signal) => doFetch(url, { signal })), release };
}` }] }],
    },
    // A sleep that throws afterwards.
    {
      code: `
import { setTimeout as sleep } from 'node:timers/promises';
async function get(url: string) {
  return Promise.race([fetch(url), sleep(1000).then(() => { throw new Error('timeout'); })]);
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 4, column: 10, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import { setTimeout as sleep } from 'node:timers/promises';
import { timeout } from '@resilint/runtime';
async function get(url: string) {
  return timeout(1000).execute(({ signal }) => fetch(url, { signal }));
}` }] }],
    },
    // A generic helper built on such a race.
    {
      code: `${timeoutHelper}
export const load = (url: string) => withTimeout(fetch(url), 5000);`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 3, column: 10, suggestions: [{ messageId: 'fixHelperTakesSignal', output: `
import { timeout } from '@resilint/runtime';

function withTimeout<T>(promise: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  return timeout(ms).execute(({ signal }) => promise(signal));
}
export const load = (url: string) => withTimeout((signal) => fetch(url, { signal }), 5000);` }] }],
    },
    // A timeout helper function used in the race.
    {
      code: `
const rejectAfter = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
export async function getConfig() {
  return Promise.race([fetch('/config'), rejectAfter(3000)]);
}`,
      // The helper's delay parameter gives the runtime timeout its duration.
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 4, column: 10, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import { timeout } from '@resilint/runtime';

export async function getConfig() {
  return timeout(3000).execute(({ signal }) => fetch('/config', { signal }));
}` }] }],
    },
    // An AbortController aborted by a timer whose signal never reaches the call.
    {
      code: `
async function get(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  const response = await fetch(url);
  clearTimeout(timer);
  return response;
}`,
      errors: [{ messageId: 'controllerUnused', line: 3, column: 22, suggestions: [{ messageId: 'fixPassSignal', output: `
async function get(url: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  const response = await fetch(url, { signal: controller.signal });
  clearTimeout(timer);
  return response;
}` }] }],
    },
    {
      code: `
async function get(url: string) {
  const signal = AbortSignal.timeout(5000);
  return fetch(url);
}`,
      errors: [{ messageId: 'signalUnused', line: 3, column: 18, suggestions: [{ messageId: 'fixPassSignal', output: `
async function get(url: string) {
  const signal = AbortSignal.timeout(5000);
  return fetch(url, { signal });
}` }] }],
    },
    {
      code: `
import pTimeout from 'p-timeout';
export const get = (url: string) => pTimeout(fetch(url), { milliseconds: 1000 });`,
      errors: [{ messageId: 'pTimeoutNoSignal', line: 3, column: 37, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import pTimeout from 'p-timeout';
import { timeout } from '@resilint/runtime';
export const get = (url: string) => timeout(1000).execute(({ signal }) => fetch(url, { signal }));` }] }],
    },
    {
      code: `
import { timeout, TimeoutStrategy } from 'cockatiel';
const policy = timeout(2000, TimeoutStrategy.Aggressive);`,
      errors: [{ messageId: 'aggressiveTimeout', line: 3, column: 16, suggestions: [{ messageId: 'fixCooperativeTimeout', output: `
import { timeout, TimeoutStrategy } from 'cockatiel';
const policy = timeout(2000, TimeoutStrategy.Cooperative);` }] }],
    },
  ],
});

// Shapes met in real code (the evaluation's report), in our own words.
ruleTester.run('timeout-requires-cancellation: work that takes no signal', rule, {
  valid: [
    // A cache health check whose reads take no signal: nothing here could stop them, the race is all there is to do.
    `
import { randomUUID } from 'node:crypto';
declare const cache: { set(key: string, value: string, ttl: number): Promise<void>; get(key: string): Promise<string | undefined>; del(key: string): Promise<void> };
export async function isCacheHealthy(): Promise<boolean> {
  const key = 'health-' + randomUUID();
  try {
    await Promise.race([
      (async () => {
        await cache.set(key, 'ok', 5000);
        if ((await cache.get(key)) !== 'ok') throw new Error('cache returned another value');
      })(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('cache health check timed out')), 5000)),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    await cache.del(key).catch(() => undefined);
  }
}`,
    // A message to a browser tab's content script raced against a timer: the answer is awaited from another context,
    // and no signal reaches the page's work.
    `
declare const chrome: { tabs: { sendMessage(tabId: number, message: unknown): Promise<{ html: string }> } };
export async function capturePage(tabId: number): Promise<string> {
  const response = await Promise.race([
    chrome.tabs.sendMessage(tabId, { type: 'CAPTURE' }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('capture timed out')), 30_000)),
  ]);
  return response.html;
}`,
    // Uploads started elsewhere, waited for with a deadline: the helper cannot stop work it did not start.
    `
export async function waitForUploads(pending: Set<Promise<void>>, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      Promise.allSettled([...pending]),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('uploads did not finish')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}`,
    // One deadline for a whole poll of a local server, raced by every probe: it bounds the wait, not one request.
    `
export async function waitForManifest(port: number): Promise<Response> {
  const gaveUp = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('server did not start')), 10_000));
  for (;;) {
    try {
      return await Promise.race([fetch('http://127.0.0.1:' + port + '/manifest'), gaveUp]);
    } catch (error: any) {
      if (error?.cause?.code !== 'ECONNREFUSED') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}`,
  ],
  invalid: [
    // A request raced against a timer: it could take a signal, and keeps its connection when the timer wins.
    {
      code: `
export async function getQuote(symbol: string): Promise<unknown> {
  const response = await Promise.race([
    fetch('https://quotes.example.com/' + symbol),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('quote timed out')), 5000)),
  ]);
  return response.json();
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 3, column: 26, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import { timeout } from '@resilint/runtime';

export async function getQuote(symbol: string): Promise<unknown> {
  const response = await timeout(5000).execute(({ signal }) => fetch('https://quotes.example.com/' + symbol, { signal }));
  return response.json();
}` }] }],
    },
  ],
});

ruleTester.run('timeout-requires-cancellation: cancelled losers, event races, timer helpers', rule, {
  valid: [
    // The loser of the race is ended in the finally (client.end()).
    `
import { Client } from 'pg';
function timeoutAfter(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('query timed out')), ms));
}
export async function runReport(sql: string) {
  const client = new Client();
  await client.connect();
  try {
    return await Promise.race([client.query(sql), timeoutAfter(30_000)]);
  } finally {
    await client.end();
  }
}`,
    // The loser is killed in the catch by the app's own helper.
    `
import { spawn } from 'node:child_process';
import axios from 'axios';
declare function killProcessTree(pid: number | undefined): Promise<void>;
function timeoutAfter(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('render timed out')), ms));
}
export async function render(url: string) {
  const child = spawn('chromium', ['--headless', url]);
  try {
    return await Promise.race([axios.get(url + '/ready', { timeout: 5000 }), timeoutAfter(60_000)]);
  } catch (error) {
    await killProcessTree(child.pid);
    throw error;
  }
}`,
    // A race against an event (events.once), not against work.
    `
import events from 'node:events';
import type { Socket } from 'node:net';
function timeoutAfter(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('socket did not close')), ms));
}
export async function closeGracefully(socket: Socket) {
  socket.end();
  await Promise.race([events.once(socket, 'close'), timeoutAfter(1000)]);
}`,
    // A race against a promise a listener resolves, returned by a same-file function.
    `
import { spawn, type ChildProcess } from 'node:child_process';
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', resolve));
}
function timeoutAfter(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('worker did not exit')), ms));
}
export async function stopWorker(child: ChildProcess) {
  child.kill('SIGTERM');
  return Promise.race([exited(child), timeoutAfter(10_000)]);
}`,
  ],
  invalid: [
    // A timeout helper returning its race through .finally, handed a request that takes a signal: the helper takes the work as a function of a signal.
    {
      code: `
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
export async function publish(url: string, message: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await withTimeout(fetch(url, { method: 'PUT', body: message }), 2000);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}`,
      errors: [{ messageId: 'raceNotCancelled', line: 7, column: 10, suggestions: [{ messageId: 'fixHelperTakesSignal', output: `
import { timeout } from '@resilint/runtime';

function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return timeout(ms).execute(({ signal }) => work(signal)).finally(() => clearTimeout(timer));
}
export async function publish(url: string, message: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await withTimeout((signal) => fetch(url, { method: 'PUT', body: message, signal }), 2000);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}` }] }],
    },
    // The policy's work, an arrow making one request, takes the policy's signal when the strategy becomes cooperative.
    {
      code: `
import { timeout, TimeoutStrategy } from 'cockatiel';
const policy = timeout(2000, TimeoutStrategy.Aggressive);
export const getStatus = () => policy.execute(() => fetch('https://status.example.com/'));`,
      errors: [{ messageId: 'aggressiveTimeout', line: 3, column: 16, suggestions: [{ messageId: 'fixCooperativeTimeout', output: `
import { timeout, TimeoutStrategy } from 'cockatiel';
const policy = timeout(2000, TimeoutStrategy.Cooperative);
export const getStatus = () => policy.execute(({ signal }) => fetch('https://status.example.com/', { signal }));` }] }],
    },
    // The timer comes from a same-file helper: its delay argument gives the fix its duration.
    {
      code: `
import axios from 'axios';
function timeoutAfter(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));
}
export async function getUser(id: string) {
  return Promise.race([axios.get('https://api.example.com/users/' + id), timeoutAfter(5000)]);
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 7, column: 10, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import axios from 'axios';
import { timeout } from '@resilint/runtime';
export async function getUser(id: string) {
  return timeout(5000).execute(({ signal }) => axios.get('https://api.example.com/users/' + id, { signal }));
}` }] }],
    },
    // A start-up that races its initialisation against a timer made by a local helper with its own delay: the fix
    // takes the helper's delay, and the helper goes with the race, its only use.
    {
      code: `
const STARTUP_TIMEOUT_MS = 10_000;
export class Scheduler {
  async initialize(): Promise<void> {
    await fetch('https://scheduler.example.com/register', { method: 'PUT' });
  }
  async start(): Promise<void> {
    const createTimeoutPromise = () =>
      new Promise((_, reject) => {
        setTimeout(() => reject(new Error('Timed out while starting the scheduler')), STARTUP_TIMEOUT_MS);
      });
    await Promise.race([this.initialize(), createTimeoutPromise()]);
  }
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 12, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import { timeout } from '@resilint/runtime';

const STARTUP_TIMEOUT_MS = 10_000;
export class Scheduler {
  async initialize(): Promise<void> {
    await fetch('https://scheduler.example.com/register', { method: 'PUT' });
  }
  async start(): Promise<void> {
    await timeout(STARTUP_TIMEOUT_MS).execute(() => this.initialize());
  }
}` }] }],
    },
    // A helper another module may import stays; a delay the race cannot see is not copied to it.
    {
      code: `
import axios from 'axios';
export function timeoutAfter(): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 5000));
}
export async function getUser(id: string) {
  return Promise.race([axios.get('https://api.example.com/users/' + id), timeoutAfter()]);
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 7, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import axios from 'axios';
import { timeout } from '@resilint/runtime';
export function timeoutAfter(): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 5000));
}
export async function getUser(id: string) {
  return timeout(5000).execute(({ signal }) => axios.get('https://api.example.com/users/' + id, { signal }));
}` }] }],
    },
  ],
});

// A timeout helper can only clear its own timer: cancelling the work is for the callers that hand it over.
ruleTester.run('timeout-requires-cancellation: helpers handed their work', rule, {
  valid: [
    // A health check's helper clears its timer in finally and is only handed Redis reads, which take no signal.
    `
declare const redis: { llen(key: string): Promise<number> };
export class QueueHealth {
  static readonly limitMs = 10_000;
  static async waiting(queue: string): Promise<number> {
    const [ready, paused] = await Promise.all([redis.llen(queue + ':wait'), redis.llen(queue + ':paused')]);
    return ready + paused;
  }
  static async isStuck(queue: string): Promise<boolean> {
    try {
      return (await this.bounded(this.waiting(queue))) > 50;
    } catch {
      return true;
    }
  }
  private static bounded<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('health check timed out')), this.limitMs);
    });
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  }
}`,
  ],
  invalid: [
    // A retry helper racing each attempt against a fresh timer it never clears: a timed-out attempt keeps running
    // while the next one starts.
    {
      code: `
declare function sleep(ms: number): Promise<void>;
export async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      const expired = new Promise<T>((_, reject) => setTimeout(() => reject(new Error('attempt timed out')), 10_000));
      return await Promise.race([attempt(), expired]);
    } catch (error) {
      if (tries >= 3) throw error;
      await sleep(100 * 2 ** tries);
    }
  }
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 7, column: 20, suggestions: [{ messageId: 'fixRaceToTimeout', output: `
import { timeout } from '@resilint/runtime';

declare function sleep(ms: number): Promise<void>;
export async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await timeout(10_000).execute(() => attempt());
    } catch (error) {
      if (tries >= 3) throw error;
      await sleep(100 * 2 ** tries);
    }
  }
}` }] }],
    },
  ],
});

describe('with require-timeout', () => {
  const lint = (code: string) =>
    new Linter({ configType: 'flat' }).verify(code, [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parser as Linter.Parser },
        plugins: { resilint: { rules: { 'require-timeout': requireTimeout, 'timeout-requires-cancellation': rule } } as never },
        rules: { 'resilint/require-timeout': 'error', 'resilint/timeout-requires-cancellation': 'error' },
      },
    ], 'file.ts');

  it('reports a call under a non-cancelling race once, by this rule', () => {
    const messages = lint(`
async function get(url: string) {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000));
  return Promise.race([fetch(url), timeout]);
}`);
    expect(messages.map((message) => message.ruleId)).toEqual(['resilint/timeout-requires-cancellation']);
  });

  it('reports a call given to a non-cancelling helper once', () => {
    const messages = lint(`${timeoutHelper}
export const load = (url: string) => withTimeout(fetch(url), 5000);`);
    expect(messages.map((message) => message.ruleId)).toEqual(['resilint/timeout-requires-cancellation']);
  });

  it('still lets require-timeout report calls no timeout covers', () => {
    const messages = lint(`
export async function get(url: string) {
  return fetch(url);
}`);
    expect(messages.map((message) => message.ruleId)).toEqual(['resilint/require-timeout']);
  });
});
