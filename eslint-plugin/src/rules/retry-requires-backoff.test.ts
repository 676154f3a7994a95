import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { QUIET_FOR_RETRY_RULES } from './retry-shapes.cases.js';
import rule from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

ruleTester.run('retry-requires-backoff', rule, {
  valid: [
    // Shapes both retry rules leave alone (one list, shared with the other rule's tests).
    ...QUIET_FOR_RETRY_RULES,
    // One re-send after logging in again on 401/403 (got).
    `
import got from 'got';
let token = '';
async function login() {
  token = (await got.post('https://auth.example.com/login', { timeout: { request: 5000 } }).json<{ token: string }>()).token;
}
export async function listRepos(org: string, tried = 0): Promise<unknown> {
  try {
    return await got('https://api.example.com/orgs/' + org, { headers: { authorization: token }, timeout: { request: 5000 } }).json();
  } catch (error: any) {
    if ((error.response?.statusCode === 401 || error.response?.statusCode === 403) && tried < 1) {
      await login();
      return listRepos(org, tried + 1);
    }
    throw error;
  }
}
`,
    // Recursion that moves to the next item on failure (parse-server specs): iterating, not retrying.
    `
function runAll(tests, done) {
  const next = (index) => {
    if (index < tests.length) {
      tests[index].save().then(() => next(index + 1), () => { next(index + 1); });
    } else done();
  };
  next(0);
}`,
    `
async function uploadAll(files: string[]): Promise<void> {
  if (files.length === 0) return;
  try {
    await fetch('/upload', { method: 'PUT', body: files[0], signal: AbortSignal.timeout(5000) });
  } catch (error) {
    console.warn('skipped', files[0], error);
  }
  return uploadAll(files.slice(1));
}
async function drain(queue: string[]): Promise<void> {
  try {
    await fetch('/jobs/' + queue[0], { signal: AbortSignal.timeout(5000) });
  } catch {
    if (queue.length > 1) return drain(queue.slice(1));
  }
}`,
    // Re-sending once after refreshing an expired token on 401 (botpress zoho client): the cause is fixed, waiting adds nothing.
    `
import axios from 'axios';
const MAX_AUTH_RETRIES = 1;
export class Client {
  private token = '';
  private async refreshAccessToken() {
    const res = await axios.post('https://accounts.example.com/oauth/token', { grant_type: 'refresh_token' }, { timeout: 5000 });
    this.token = res.data.access_token;
  }
  async makeRequest(endpoint: string, method: string, data?: unknown, retryCount = 0): Promise<unknown> {
    try {
      const res = await axios({ url: endpoint, method, data, timeout: 10_000, headers: { Authorization: this.token } });
      return res.data;
    } catch (error) {
      if (axios.isAxiosError(error) && error.response?.status === 401 && retryCount < MAX_AUTH_RETRIES) {
        await this.refreshAccessToken();
        return this.makeRequest(endpoint, method, data, retryCount + 1);
      }
      throw error;
    }
  }
}`,
    // Exponential backoff with `2 ** attempt` and jitter.
    `
async function getUser(id: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetch('/users/' + id);
    } catch (error) {
      if (attempt === 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100 + Math.random() * 100));
    }
  }
}`,
    // `delay *= 2` between attempts.
    `
async function load(url: string) {
  let delay = 200;
  let attempts = 0;
  while (true) {
    try {
      return await fetch(url);
    } catch (error) {
      if (++attempts >= 4) throw error;
      await sleep(delay);
      delay *= 2;
    }
  }
}`,
    // A backoff helper fed the attempt number.
    `
import { setTimeout as wait } from 'node:timers/promises';
async function send(payload: unknown) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await fetch('/events', { method: 'PUT', body: JSON.stringify(payload) });
    } catch (error) {
      if (attempt === 3) throw error;
      await wait(backoffMs(attempt));
    }
  }
}`,
    // Math.pow and a cap.
    `
async function query(run: () => Promise<unknown>) {
  for (let i = 0; i < 4; i++) {
    try { return await run(); } catch { await delay(Math.min(Math.pow(2, i) * 50, 2000)); }
  }
}`,
    // A polling loop waiting a fixed interval between successful calls is not a retry.
    `
async function waitForJob(id: string) {
  while (true) {
    try {
      const response = await fetch('/jobs/' + id);
      const job = await response.json();
      if (job.done) return job;
    } catch (error) {
      console.warn('poll failed', error);
    }
    await sleep(5000);
  }
}`,
    // A loop over items with a try per item: each item is tried once.
    `
async function sendAll(items: string[]) {
  for (const item of items) {
    try { await fetch('/items', { method: 'PUT', body: item }); } catch (error) { console.error(error); }
  }
}`,
    // Failing over between mirrors is not retrying the same one.
    `
async function download(mirrors: string[]) {
  for (let i = 0; i < mirrors.length; i++) {
    try { return await fetch(mirrors[i]); } catch { /* next mirror */ }
  }
  throw new Error('all mirrors failed');
}`,
    // A catch that rethrows ends the loop: no retry.
    `
async function once(url: string) {
  while (true) {
    try { return await fetch(url); } catch (error) { throw error; }
  }
}`,
    // The server says how long to wait (Retry-After): a delay we cannot read is not reported.
    `
async function call(url: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(url);
    } catch (error: any) {
      const retryAfter = Number(error.response.headers.get('retry-after'));
      await sleep(retryAfter * 1000);
    }
  }
}`,
    // A wait done by a method of this class that we cannot see into the arguments of.
    `
class Client {
  async request(url: string) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try { return await fetch(url); } catch (error) { await this.pauseBeforeRetry(error); }
    }
  }
  async pauseBeforeRetry(error: unknown) { await sleep(this.policy.next(error)); }
}`,
    // Recursion with a doubling delay passed along.
    `
async function fetchWithRetry(url: string, retries = 3, delayMs = 100): Promise<Response> {
  try {
    return await fetch(url);
  } catch (error) {
    if (retries <= 0) throw error;
    await sleep(delayMs);
    return fetchWithRetry(url, retries - 1, delayMs * 2);
  }
}`,
    // Self-recursion that is not from a failure (pagination).
    `
async function fetchAll(url: string): Promise<unknown[]> {
  const response = await fetch(url);
  const page = await response.json();
  return page.next ? [...page.items, ...(await fetchAll(page.next))] : page.items;
}`,
    // Libraries configured with growing delays.
    `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay });`,
    `
import axiosRetry from 'axios-retry';
axiosRetry(client, { retries: 3, retryDelay: (retryCount) => retryCount * 1000 });`,
    `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { retries: 5, minTimeout: 100, maxTimeout: 5000 });`,
    `
import retry from 'async-retry';
await retry(async () => { await fetch(url); }, { retries: 5 });`,
    `
import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });`,
    `
import got from 'got';
await got(url, { retry: { limit: 3, calculateDelay: ({ computedValue }) => computedValue } });`,
    `
import ky from 'ky';
const api = ky.create({ retry: { limit: 3, delay: (attemptCount) => 0.3 * 2 ** (attemptCount - 1) * 1000 } });`,
    `
import { retry, exponentialBackoff } from '@resilint/runtime';
const policy = retry({ maxAttempts: 4, backoff: exponentialBackoff({ initialDelayMs: 200 }) });`,
    `
import { retry } from '@resilint/runtime';
const policy = retry();`,
    // Options from elsewhere: unknown, not reported.
    `
import pRetry from 'p-retry';
await pRetry(run, options);`,
    // requireJitter: randomised growing delay passes.
    {
      code: `
import retry from 'async-retry';
await retry(async () => { await fetch(url); }, { retries: 5 });`,
      options: [{ requireJitter: true }],
    },
    {
      code: `
async function get(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fetch(url); } catch { await sleep(Math.random() * 2 ** attempt * 100); }
  }
}`,
      options: [{ requireJitter: true }],
    },
    // A user's sleep helper from settings, given a growing delay.
    {
      code: `
import { pauseFor } from './util';
async function get(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fetch(url); } catch { await pauseFor(attempt * 500); }
  }
}`,
      settings: { resilint: { sleepHelpers: ['./util#pauseFor'] } },
    },
    // A generic retry helper handing the attempt number to the work, which may wait on its own (supabase auth-js).
    `
export function retryable<T>(fn: (attempt: number) => Promise<T>, isRetryable: (attempt: number, error: unknown) => boolean) {
  return (async () => {
    for (let attempt = 0; attempt < Infinity; attempt++) {
      try {
        return await fn(attempt);
      } catch (error) {
        if (!isRetryable(attempt, error)) throw error;
      }
    }
  })();
}`,
    // Parsing a growing buffer, not retrying I/O (langchain-google-common).
    `
class JsonStream {
  buffer = '';
  nextObject(): object | null {
    let result: object | null = null;
    let index = 0;
    while (result === null && this.buffer.length > index) {
      index = this.buffer.indexOf('}', index + 1);
      if (index === -1) return null;
      try {
        result = JSON.parse(this.buffer.substring(0, index + 1));
        this.buffer = this.buffer.slice(index + 1);
      } catch {
        // not a complete object yet
      }
    }
    return result;
  }
}`,
    // Calling itself once more in another mode is a second, different try (outline's image download).
    `
export const downloadImage = async (src: string, cache?: RequestCache): Promise<void> => {
  try {
    const response = await fetch(src, { cache });
    save(await response.blob());
  } catch {
    if (cache !== 'reload') await downloadImage(src, 'reload');
    else window.open(src, '_blank');
  }
};`,
    // A stream read loop whose catch stops it through its condition (sentry's fetch instrumentation).
    `
async function drain(reader: ReadableStreamDefaultReader) {
  let reading = true;
  while (reading) {
    try {
      const { done } = await reader.read();
      if (done) reading = false;
    } catch {
      reading = false;
    }
  }
}`,
    // The attempt handed to the work inside an object (sentry's workflow test double).
    `
async function runStep(callback: (context: { attempt: number }) => Promise<unknown>, limit: number) {
  for (let attempt = 1; attempt <= limit; attempt++) {
    try {
      return await callback({ attempt });
    } catch (error) {
      if (attempt === limit) throw error;
    }
  }
}`,
    // requireJitter: a backoff helper may randomise inside; not reported.
    {
      code: `
async function get(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fetch(url); } catch { await sleep(backoffDelay(attempt)); }
  }
}`,
      options: [{ requireJitter: true }],
    },
    // A page's HTTP interceptor (an Angular library's) sending a failed request once more, at once: client code, one
    // more attempt; its user's retries are spread by their clicks.
    `
import { Injectable } from '@angular/core';
import { HttpEvent, HttpHandler, HttpInterceptor, HttpRequest } from '@angular/common/http';
import { Observable, retry } from 'rxjs';
@Injectable()
export class RetryOnceInterceptor implements HttpInterceptor {
  intercept(request: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return next.handle(request).pipe(retry(1));
  }
}`,
    // A desktop app's main process (it uses Electron's API) trying its sync twice at most, at once.
    `
import { ipcMain } from 'electron';
ipcMain.handle('sync', async () => {
  for (let attempt = 0; attempt < 2; attempt++) {
    try { return await fetch('https://sync.example.com/v1/state', { signal: AbortSignal.timeout(5000) }); } catch {}
  }
  return null;
});`,
    // More attempts from a page are left alone too unless `checkPages` is on (as in `strict`): the tab's life bounds
    // them (an Angular front end's components retrying its own API, judged false on the fortieth round)
    `
import { Injectable } from '@angular/core';
import { HttpEvent, HttpHandler, HttpInterceptor, HttpRequest } from '@angular/common/http';
import { Observable, retry } from 'rxjs';
@Injectable()
export class RetryManyInterceptor implements HttpInterceptor {
  intercept(request: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return next.handle(request).pipe(retry(5));
  }
}`,
  ],
  invalid: [
    // Controls: the same interceptor retrying five times at once with `checkPages`, and a server's (not a page's) `retry(1)`.
    {
      options: [{ checkPages: true }],
      code: `
import { Injectable } from '@angular/core';
import { HttpEvent, HttpHandler, HttpInterceptor, HttpRequest } from '@angular/common/http';
import { Observable, retry } from 'rxjs';
@Injectable()
export class RetryManyInterceptor implements HttpInterceptor {
  intercept(request: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return next.handle(request).pipe(retry(5));
  }
}`,
      errors: [{ messageId: 'noDelay', suggestions: [{ messageId: 'fixAddBackoff', output: `
import { Injectable } from '@angular/core';
import { HttpEvent, HttpHandler, HttpInterceptor, HttpRequest } from '@angular/common/http';
import { Observable, retry, timer } from 'rxjs';
@Injectable()
export class RetryManyInterceptor implements HttpInterceptor {
  intercept(request: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return next.handle(request).pipe(retry({ count: 5, delay: (_error, attempt) => timer(Math.random() * Math.min(30_000, 100 * 2 ** attempt)) }));
  }
}` }] }],
    },
    {
      code: `
import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { retry } from 'rxjs';
@Injectable()
export class RatesService {
  constructor(private readonly http: HttpService) {}
  latest() { return this.http.get('https://rates.example.com/latest', { timeout: 5000 }).pipe(retry(1)); }
}`,
      errors: [{ messageId: 'noDelay', suggestions: [{ messageId: 'fixAddBackoff', output: `
import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { retry, timer } from 'rxjs';
@Injectable()
export class RatesService {
  constructor(private readonly http: HttpService) {}
  latest() { return this.http.get('https://rates.example.com/latest', { timeout: 5000 }).pipe(retry({ count: 1, delay: (_error, attempt) => timer(Math.random() * Math.min(30_000, 100 * 2 ** attempt)) })); }
}` }] }],
    },
    // Retrying a same-file wrapper of fetch at once is still reported.
    {
      code: `
async function loadProfile(id: string) {
  const response = await fetch('/profiles/' + id, { signal: AbortSignal.timeout(5000) });
  return response.json();
}
export async function profileWithRetry(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await loadProfile(id);
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}
`,
      errors: [{ messageId: 'noDelay', line: 7, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
async function loadProfile(id: string) {
  const response = await fetch('/profiles/' + id, { signal: AbortSignal.timeout(5000) });
  return response.json();
}
export async function profileWithRetry(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await loadProfile(id);
    } catch (error) {
      if (attempt === 2) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
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
      errors: [{ messageId: 'noDelay', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
async function deliver(message: { id: string }, api: { send(m: unknown): Promise<void> }) {
  let sent = false;
  let retryDelayMs = 100;
  while (!sent) {
    try {
      await api.send(message);
      sent = true;
    } catch (error) {
      console.warn('send failed, trying again', error);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs)));
      retryDelayMs *= 2;
    }
  }
}
` }] }],
    },
    // A 503 branch is a retry even when the catch first reports the failure.
    {
      code: `
import axios from 'axios';
export async function makeRequest(endpoint: string, retryCount = 0): Promise<unknown> {
  try {
    return (await axios.get(endpoint, { timeout: 5000 })).data;
  } catch (error) {
    if (axios.isAxiosError(error) && error.response?.status === 503 && retryCount < 3) {
      await axios.post('/metrics/failures', { endpoint }, { timeout: 1000 });
      return makeRequest(endpoint, retryCount + 1);
    }
    throw error;
  }
}
`,
      errors: [{ messageId: 'noDelay', line: 9, column: 14, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axios from 'axios';
export async function makeRequest(endpoint: string, retryCount = 0): Promise<unknown> {
  try {
    return (await axios.get(endpoint, { timeout: 5000 })).data;
  } catch (error) {
    if (axios.isAxiosError(error) && error.response?.status === 503 && retryCount < 3) {
      await axios.post('/metrics/failures', { endpoint }, { timeout: 1000 });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** retryCount)));
      return makeRequest(endpoint, retryCount + 1);
    }
    throw error;
  }
}
` }] }],
    },
    // Control for the client built to follow a redirect (left alone): a new client after a 503 sends the same
    // request to the same struggling service at once.
    {
      code: `
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
export class Buckets {
  constructor(private readonly s3: S3Client) {}
  async exists(bucket: string, client: S3Client = this.s3): Promise<boolean> {
    try {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 503) {
        const fresh = new S3Client({ region: await client.config.region() });
        return this.exists(bucket, fresh);
      }
      throw error;
    }
  }
}
`,
      errors: [{ messageId: 'noDelay', line: 12, column: 16, suggestions: 1 }],
    },
    // Error-first callback: retries itself from `if (err)` at once.
    {
      code: `
function loadConfig(done: (error: Error | null, config?: unknown) => void, attempt = 0) {
  request('https://config.example.com', (err, response, body) => {
    if (err) {
      if (attempt >= 3) return done(err);
      return loadConfig(done, attempt + 1);
    }
    done(null, JSON.parse(body));
  });
}`,
      errors: [
        {
          messageId: 'noDelay',
          data: { retry: '`loadConfig` (retrying by calling itself)' },
          line: 6,
          column: 14,
          suggestions: [
            {
              messageId: 'fixAddBackoff',
              output: `
function loadConfig(done: (error: Error | null, config?: unknown) => void, attempt = 0) {
  request('https://config.example.com', (err, response, body) => {
    if (err) {
      if (attempt >= 3) return done(err);
      return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt))).then(() => loadConfig(done, attempt + 1));
    }
    done(null, JSON.parse(body));
  });
}`,
            },
          ],
        },
      ],
    },
    // The same callback's test joining the error with the count (`if (err && attempt < 3)`), the request made by a
    // helper of the file that takes the callback (met on a search SDK's transport, the thirty-fifth round).
    {
      code: `
import https from 'node:https';
function once(url: string, done: (error: Error | null, status?: number) => void) {
  const req = https.get(url, { timeout: 30_000 }, (res) => done(null, res.statusCode));
  req.on('timeout', () => req.destroy(new Error('timed out')));
  req.on('error', done);
}
export function fetchStatus(url: string, callback: (error: Error | null, status?: number) => void, attempt = 0) {
  once(url, (err, status) => {
    if (err && attempt < 3) return fetchStatus(url, callback, attempt + 1);
    callback(err, status);
  });
}`,
      errors: [{ messageId: 'noDelay', line: 10, column: 36, suggestions: 1 }],
    },
    // Reconnecting on 'close' after a fixed second.
    {
      code: `
import net from 'node:net';
export function connect(): void {
  const socket = net.connect(6379, 'cache.internal');
  socket.on('close', () => setTimeout(connect, 1000));
}`,
      errors: [{ messageId: 'constantDelay', line: 5, column: 28, suggestions: [{ messageId: 'fixAddBackoff', output: `
import net from 'node:net';
export function connect(attempt = 0): void {
  const socket = net.connect(6379, 'cache.internal');
  socket.on('close', () => setTimeout(() => connect(attempt + 1), Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
}` }] }],
    },
    {
      code: `
async function getUser(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch('/users/' + id);
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}`,
      errors: [
        {
          messageId: 'noDelay',
          data: { retry: 'This retry loop' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 6,
          suggestions: [{ messageId: 'fixAddBackoff', output: `
async function getUser(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch('/users/' + id);
    } catch (error) {
      if (attempt === 2) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }],
        },
      ],
    },
    {
      code: `
async function getUser(id: string) {
  let attempts = 0;
  while (true) {
    try {
      return await fetch('/users/' + id);
    } catch (error) {
      if (++attempts > 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}`,
      errors: [{ messageId: 'constantDelay', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
async function getUser(id: string) {
  let attempts = 0;
  let retryDelayMs = 100;
  while (true) {
    try {
      return await fetch('/users/' + id);
    } catch (error) {
      if (++attempts > 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs)));
      retryDelayMs *= 2;
    }
  }
}` }] }],
    },
    // A constant passed in, and a success flag ending the loop.
    {
      code: `
async function save(doc: object, retryDelayMs: number) {
  let saved = false;
  let tries = 0;
  while (!saved && tries < 5) {
    try {
      await fetch('/docs', { method: 'PUT', body: JSON.stringify(doc) });
      saved = true;
    } catch {
      tries++;
      await sleep(retryDelayMs);
    }
  }
}`,
      errors: [{ messageId: 'constantDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
async function save(doc: object, retryDelayMs: number) {
  let saved = false;
  let tries = 0;
  let resilintRetryDelayMs = 100;
  while (!saved && tries < 5) {
    try {
      await fetch('/docs', { method: 'PUT', body: JSON.stringify(doc) });
      saved = true;
    } catch {
      tries++;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, resilintRetryDelayMs)));
      resilintRetryDelayMs *= 2;
    }
  }
}` }] }],
    },
    // do...while with a status check.
    {
      code: `
async function ping(url: string) {
  let attempt = 0;
  do {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch (error) {
      console.warn(error);
    }
    attempt++;
  } while (attempt < 3);
}`,
      errors: [{ messageId: 'noDelay', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
async function ping(url: string) {
  let attempt = 0;
  let retryDelayMs = 100;
  do {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch (error) {
      console.warn(error);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs)));
      retryDelayMs *= 2;
    }
    attempt++;
  } while (attempt < 3);
}` }] }],
    },
    // Recursion from the catch, without delay.
    {
      code: `
async function fetchWithRetry(url: string, retries = 3): Promise<Response> {
  try {
    return await fetch(url);
  } catch (error) {
    if (retries === 0) throw error;
    return fetchWithRetry(url, retries - 1);
  }
}`,
      errors: [{ messageId: 'noDelay', data: { retry: '`fetchWithRetry` (retrying by calling itself)' }, line: 7, column: 12, suggestions: [{ messageId: 'fixAddBackoff', output: `
async function fetchWithRetry(url: string, retries = 3): Promise<Response> {
  try {
    return await fetch(url);
  } catch (error) {
    if (retries === 0) throw error;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** (3 - retries))));
    return fetchWithRetry(url, retries - 1);
  }
}` }] }],
    },
    // `.catch(() => self())`.
    {
      code: `
function loadConfig(attempt = 0): Promise<unknown> {
  return fetch('/config').then((r) => r.json()).catch((error) => {
    if (attempt >= 2) throw error;
    return loadConfig(attempt + 1);
  });
}`,
      errors: [{ messageId: 'noDelay', line: 5, column: 12, suggestions: [{ messageId: 'fixAddBackoff', output: `
function loadConfig(attempt = 0): Promise<unknown> {
  return fetch('/config').then((r) => r.json()).catch((error) => {
    if (attempt >= 2) throw error;
    return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt))).then(() => loadConfig(attempt + 1));
  });
}` }] }],
    },
    // Reconnecting after a fixed second.
    {
      code: `
class Feed {
  async connect() {
    try {
      await this.client.subscribe('prices');
    } catch (error) {
      setTimeout(() => this.connect(), 1000);
    }
  }
}`,
      errors: [{ messageId: 'constantDelay', line: 7, column: 24, suggestions: [{ messageId: 'fixAddBackoff', output: `
class Feed {
  async connect(attempt = 0) {
    try {
      await this.client.subscribe('prices');
    } catch (error) {
      setTimeout(() => this.connect(attempt + 1), Math.random() * Math.min(30_000, 100 * 2 ** attempt));
    }
  }
}` }] }],
    },
    // Libraries.
    {
      code: `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3 });`,
      errors: [{ messageId: 'noDelay', data: { retry: '`axios-retry`' }, line: 3, column: 1, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay });` }] }],
    },
    {
      code: `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3, retryDelay: () => 1000 });`,
      errors: [{ messageId: 'constantDelay', line: 3, column: 33, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay });` }] }],
    },
    {
      code: `
const pRetry = require('p-retry');
pRetry(() => fetch(url), { retries: 6, factor: 1 });`,
      errors: [{ messageId: 'constantDelay', data: { retry: '`p-retry`' }, line: 3, column: 40, suggestions: [{ messageId: 'fixAddBackoff', output: `
const pRetry = require('p-retry');
pRetry(() => fetch(url), { retries: 6, factor: 2, minTimeout: 100, maxTimeout: 30_000, randomize: true });` }] }],
    },
    {
      code: `
import retry from 'async-retry';
await retry(async () => { await fetch(url); }, { retries: 6, minTimeout: 500, maxTimeout: 500 });`,
      errors: [{ messageId: 'constantDelay', line: 3, column: 79, suggestions: [{ messageId: 'fixAddBackoff', output: `
import retry from 'async-retry';
await retry(async () => { await fetch(url); }, { retries: 6, minTimeout: 100, maxTimeout: 30_000, factor: 2, randomize: true });` }] }],
    },
    {
      code: `
import { retry, handleAll } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3 });`,
      errors: [{ messageId: 'noDelay', data: { retry: "Cockatiel's `retry`" }, line: 3, column: 16, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });` }] }],
    },
    {
      code: `
import { retry, handleAll, ConstantBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ConstantBackoff(500) });`,
      errors: [{ messageId: 'constantDelay', line: 3, column: 51, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { retry, handleAll, ConstantBackoff, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });` }] }],
    },
    {
      code: `
import got from 'got';
const client = got.extend({ retry: { limit: 6, calculateDelay: () => 2000 } });`,
      errors: [{ messageId: 'constantDelay', line: 3, column: 48, suggestions: [{ messageId: 'fixAddBackoff', output: `
import got from 'got';
const client = got.extend({ retry: { limit: 6 } });` }] }],
    },
    {
      code: `
import ky from 'ky';
await ky.get(url, { retry: { limit: 8, delay: () => 1000 } });`,
      errors: [{ messageId: 'constantDelay', line: 3, column: 40, suggestions: [{ messageId: 'fixAddBackoff', output: `
import ky from 'ky';
await ky.get(url, { retry: { limit: 8 } });` }] }],
    },
    {
      code: `
import { retry, exponentialBackoff } from '@resilint/runtime';
const policy = retry({ maxAttempts: 3, backoff: exponentialBackoff({ multiplier: 1 }) });`,
      errors: [{ messageId: 'constantDelay', data: { retry: '`retry` from the runtime' }, line: 3, column: 40, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { retry, exponentialBackoff } from '@resilint/runtime';
const policy = retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) });` }] }],
    },
    // requireJitter.
    {
      code: `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { retries: 5 });`,
      options: [{ requireJitter: true }],
      errors: [{ messageId: 'noJitter', line: 3, column: 7, suggestions: [{ messageId: 'fixAddBackoff', output: `
import pRetry from 'p-retry';
await pRetry(() => fetch(url), { retries: 5, factor: 2, minTimeout: 100, maxTimeout: 30_000, randomize: true });` }] }],
    },
    {
      code: `
async function get(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fetch(url); } catch { await sleep(2 ** attempt * 100); }
  }
}`,
      options: [{ requireJitter: true }],
      errors: [{ messageId: 'noJitter', line: 3, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
async function get(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fetch(url); } catch { await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt))); }
  }
}` }] }],
    },
    // The user's sleep helper with a constant.
    {
      code: `
import { pauseFor } from './util';
async function get(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fetch(url); } catch { await pauseFor(250); }
  }
}`,
      settings: { resilint: { sleepHelpers: ['./util#pauseFor'] } },
      errors: [{ messageId: 'constantDelay', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { pauseFor } from './util';
async function get(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fetch(url); } catch { await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt))); }
  }
}` }] }],
    },
  ],
});

// Shapes met in real code (the evaluation's report), in our own words.
ruleTester.run('retry-requires-backoff: scheduling, failover, jittered waits, restarts', rule, {
  valid: [
    // Each iteration takes another node from the list before its try: failover, each node tried once.
    `
import axios from 'axios';
export async function checkCluster(nodes: string[]) {
  const errors: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    try {
      await axios.get(node + '/api/health', { timeout: 5000 });
      return;
    } catch (error) {
      errors.push(node + ': ' + (error as Error).message);
    }
  }
  throw new Error('every node failed: ' + errors.join('; '));
}`,
    // A long fixed wait plus a random span on 429: randomised, so no lock-step.
    `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function postToChat(webhook: string, text: string, maxAttempts = 3) {
  let remaining = Math.min(maxAttempts, 10);
  while (remaining > 0) {
    try {
      await axios.post(webhook, { text }, { timeout: 10_000 });
      return;
    } catch (error: any) {
      if (error.response?.status !== 429) throw error;
      remaining--;
      if (!remaining) throw error;
      await sleep(60_000 + Math.random() * 120_000);
    }
  }
}`,
  ],
  invalid: [
    // Rescheduled only from the catch: a retry, with a fixed delay.
    {
      code: `
declare function checkTarget(url: string): Promise<'up' | 'down'>;
export class Watcher {
  constructor(private readonly url: string) {}
  watch() {
    const attempt = async () => {
      try {
        await checkTarget(this.url);
      } catch (error) {
        setTimeout(attempt, 5000);
      }
    };
    void attempt();
  }
}`,
      errors: [{ messageId: 'constantDelay', line: 10, column: 9, suggestions: [{ messageId: 'fixAddBackoff', output: `
declare function checkTarget(url: string): Promise<'up' | 'down'>;
export class Watcher {
  constructor(private readonly url: string) {}
  watch() {
    const attempt = async (resilintAttempt = 0) => {
      try {
        await checkTarget(this.url);
      } catch (error) {
        setTimeout(() => attempt(resilintAttempt + 1), Math.random() * Math.min(30_000, 100 * 2 ** resilintAttempt));
      }
    };
    void attempt();
  }
}` }] }],
    },
    // A child process restarted from its close listener at once: a crash loop; the fix waits with backoff.
    {
      code: `
import { spawn } from 'node:child_process';
export class EmbeddedDatabase {
  start(): void {
    const child = spawn('mariadbd', ['--datadir', './data']);
    child.on('close', (code) => {
      if (code !== 0) this.start();
    });
  }
}`,
      errors: [{ messageId: 'noDelay', line: 7, column: 23, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { spawn } from 'node:child_process';
export class EmbeddedDatabase {
  start(attempt = 0): void {
    const child = spawn('mariadbd', ['--datadir', './data']);
    child.on('close', (code) => {
      if (code !== 0) new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt))).then(() => this.start(attempt + 1));
    });
  }
}` }] }],
    },
  ],
});

ruleTester.run('retry-requires-backoff: polling, conflicts and retries through helpers', rule, {
  valid: [
    // Throwing 'not ready' in the attempt and polling again from the catch every 2 s: polling, a fixed interval is right.
    `
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
    // Waiting once a second for a file to appear: only a 404 ("not present") goes round, every other answer bails.
    `
import retry from 'async-retry';
export async function waitForMarker(url: string) {
  return retry(async (bail) => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw Object.assign(new Error(response.statusText), { status: response.status });
      return await response.text();
    } catch (error) {
      if ((error as { status?: number }).status === 404) throw new Error('marker file not present');
      return bail(error as Error);
    }
  }, { retries: 180, minTimeout: 1_000, maxTimeout: 1_000 });
}`,
    // A new key after each PostgreSQL unique violation (its missing bound is no-unbounded-retry's).
    `
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
    // An imported retry helper: its loop is judged where it is written, not at each call.
    `
import axios from 'axios';
import { retryAsync } from './lib/retry';
export async function placeOrder(order: { sku: string; quantity: number }) {
  return retryAsync(() => axios.post('https://shop.example.com/orders', order, { timeout: 5000 }), { retries: 3 });
}`,
    // The statement after the try runs after a failure too: it tries once, not a retry.
    `
import axios from 'axios';
export async function getUser(id: string) {
  let response;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      response = await axios.get('https://api.example.com/users/' + id, { timeout: 5000 });
    } catch (error) {
      console.warn('lookup failed', error);
    }
    return response?.data;
  }
}`,
  ],
  invalid: [
    // The loop's condition is set from the answer, but only failures wait: a retry of a failing connection.
    {
      code: `
declare const broker: { connect(): Promise<boolean> };
export async function connectBroker() {
  let connected = false;
  while (!connected) {
    try {
      connected = await broker.connect();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
  }
}`,
      errors: [{ messageId: 'constantDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
declare const broker: { connect(): Promise<boolean> };
export async function connectBroker() {
  let connected = false;
  let retryDelayMs = 100;
  while (!connected) {
    try {
      connected = await broker.connect();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs)));
      retryDelayMs *= 2;
    }
  }
}` }] }],
    },
    // The same fixed wait for a table, in a function named for loading rather than waiting: a retry of a failing
    // database, in lock-step.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool({ statement_timeout: 5_000 });
export async function loadAccounts() {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      return await pool.query('SELECT id FROM accounts');
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}`,
      errors: [{ messageId: 'constantDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { Pool } from 'pg';
const pool = new Pool({ statement_timeout: 5_000 });
export async function loadAccounts() {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      return await pool.query('SELECT id FROM accounts');
    } catch {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }] }],
    },
    // A method of the class that reads the row but throws nothing of its own: any failure of the database goes
    // round at a fixed interval.
    {
      code: `
declare const db: { findInvoice(id: string): Promise<{ id: string } | null> };
export class InvoiceReader {
  async read(id: string) {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        return await this.load(id);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
  private async load(id: string) {
    return db.findInvoice(id);
  }
}`,
      errors: [{ messageId: 'constantDelay', line: 5, column: 5, suggestions: [{ messageId: 'fixAddBackoff', output: `
declare const db: { findInvoice(id: string): Promise<{ id: string } | null> };
export class InvoiceReader {
  async read(id: string) {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        return await this.load(id);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
      }
    }
  }
  private async load(id: string) {
    return db.findInvoice(id);
  }
}` }] }],
    },

    // Polling with no wait at all between requests.
    {
      code: `
import axios from 'axios';
export async function waitForBuild(id: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await axios.get('https://ci.example.com/builds/' + id + '/artifact', { timeout: 5000 });
    } catch (error: any) {
      if (error.response?.data?.state !== 'in_progress') throw error;
    }
  }
  throw new Error('build did not finish');
}`,
      errors: [{ messageId: 'pollWithoutWait', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axios from 'axios';
export async function waitForBuild(id: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await axios.get('https://ci.example.com/builds/' + id + '/artifact', { timeout: 5000 });
    } catch (error: any) {
      if (error.response?.data?.state !== 'in_progress') throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
  throw new Error('build did not finish');
}` }] }],
    },
    // A continue before the rethrow goes round again: the wait goes before the continue.
    {
      code: `
import axios from 'axios';
export async function getPrice(symbol: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await axios.get('https://prices.example.com/' + symbol, { timeout: 2000 });
    } catch (error: any) {
      if (error.response?.status === 503) continue;
      throw error;
    }
  }
  throw new Error('prices unavailable');
}`,
      errors: [{ messageId: 'noDelay', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axios from 'axios';
export async function getPrice(symbol: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await axios.get('https://prices.example.com/' + symbol, { timeout: 2000 });
    } catch (error: any) {
      if (error.response?.status === 503) { await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt))); continue; }
      throw error;
    }
  }
  throw new Error('prices unavailable');
}` }] }],
    },
    // Retrying the very same insert after a unique violation generates nothing new: a plain retry.
    {
      code: `
import { Pool } from 'pg';
const pool = new Pool();
export async function addMember(teamId: string, userId: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await pool.query('INSERT INTO members (team_id, user_id) VALUES ($1, $2)', [teamId, userId]);
    } catch (error: any) {
      if (error.code !== '23505') throw error;
    }
  }
}`,
      errors: [{ messageId: 'noDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { Pool } from 'pg';
const pool = new Pool();
export async function addMember(teamId: string, userId: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await pool.query('INSERT INTO members (team_id, user_id) VALUES ($1, $2)', [teamId, userId]);
    } catch (error: any) {
      if (error.code !== '23505') throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }] }],
    },
    // A same-file helper retrying the function it is given, reported once at its loop.
    {
      code: `
import axios from 'axios';
async function withRetry<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
export function chargeCard(cardId: string, amount: number) {
  return withRetry(() => axios.post('https://payments.example.com/charges', { cardId, amount }, { timeout: 5000 }));
}`,
      errors: [{ messageId: 'noDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axios from 'axios';
async function withRetry<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
  throw lastError;
}
export function chargeCard(cardId: string, amount: number) {
  return withRetry(() => axios.post('https://payments.example.com/charges', { cardId, amount }, { timeout: 5000 }));
}` }] }],
    },
    // Success returns after the try, a failure continues: a retry loop.
    {
      code: `
import axios from 'axios';
export async function getUser(id: string) {
  let response;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      response = await axios.get('https://api.example.com/users/' + id, { timeout: 5000 });
    } catch {
      continue;
    }
    return response.data;
  }
  throw new Error('user service unavailable');
}`,
      errors: [{ messageId: 'noDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axios from 'axios';
export async function getUser(id: string) {
  let response;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      response = await axios.get('https://api.example.com/users/' + id, { timeout: 5000 });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
      continue;
    }
    return response.data;
  }
  throw new Error('user service unavailable');
}` }] }],
    },
    // p-retry options held in a const: the fix edits the const.
    {
      code: `
import pRetry from 'p-retry';
import axios from 'axios';
const retryOptions = { retries: 5, minTimeout: 1000, maxTimeout: 1000 };
export async function getRates() {
  return pRetry(() => axios.get('https://rates.example.com/latest', { timeout: 5000 }), retryOptions);
}`,
      errors: [{ messageId: 'constantDelay', line: 4, column: 54, suggestions: [{ messageId: 'fixAddBackoff', output: `
import pRetry from 'p-retry';
import axios from 'axios';
const retryOptions = { retries: 5, minTimeout: 100, maxTimeout: 30_000, factor: 2, randomize: true };
export async function getRates() {
  return pRetry(() => axios.get('https://rates.example.com/latest', { timeout: 5000 }), retryOptions);
}` }] }],
    },
    // A retry loop around a same-file timeout helper racing a request it is handed.
    {
      code: `
declare const queue: { send(message: string): Promise<void> };
import { setTimeout as wait } from "node:timers/promises";
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
export async function publish(message: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await withTimeout(queue.send(message), 2000);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}`,
      errors: [{ messageId: 'noDelay', line: 12, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
declare const queue: { send(message: string): Promise<void> };
import { setTimeout as wait } from "node:timers/promises";
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
export async function publish(message: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await withTimeout(queue.send(message), 2000);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }] }],
    },
  ],
});

// Waiting for a local server, fixing the cause first, a request refused for now: not retries of a struggling dependency.
ruleTester.run('retry-requires-backoff: local servers starting, remediation, corrected requests', rule, {
  valid: [
    // Remediate, then try again: create the missing project, then read its settings.
    `
declare const api: { getSettings(project: string): Promise<object>; createProject(project: string): Promise<void> };
export async function settingsOf(project: string) {
  let settings: object | undefined;
  while (!settings) {
    try {
      settings = await api.getSettings(project);
    } catch (error: any) {
      if (error.code !== 'PROJECT_MISSING') throw error;
      await api.createProject(project);
    }
  }
  return settings;
}`,
    // After a quota error, free room (with the user's consent) and call itself again.
    `
declare const registry: { push(tag: string): Promise<void>; tags(): Promise<string[]>; removeTag(tag: string): Promise<void> };
declare function confirm(question: string): Promise<boolean>;
export async function pushImage(tag: string): Promise<void> {
  try {
    await registry.push(tag);
  } catch (error: any) {
    if (error.code !== 'QUOTA_EXCEEDED') throw error;
    const tags = await registry.tags();
    if (await confirm('Remove the ' + tags.length + ' oldest tags?')) {
      for (const old of tags.slice(0, 20)) await registry.removeTag(old);
      return pushImage(tag);
    }
    throw error;
  }
}`,
    // A validation answering 400 until the build it names is visible: asked five times a second apart, a poll.
    `
declare const hosting: { createRollout(build: string, options: { validateOnly: boolean }): Promise<void> };
declare class ApiError extends Error { status: number }
declare function sleep(ms: number): Promise<void>;
export async function validateRollout(build: string) {
  let tries = 0;
  let valid = false;
  while (!valid) {
    tries++;
    try {
      await hosting.createRollout(build, { validateOnly: true });
      valid = true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        if (tries >= 5) throw error;
        await sleep(1000);
      } else {
        throw error;
      }
    }
  }
}`,
  ],
  invalid: [
    // A local server's manifest fetched again at once after every refusal: a poll must still wait between asks.
    {
      code: `
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
      errors: [{ messageId: 'pollWithoutWait', line: 6, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
export async function readManifest(port: number) {
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no manifest in 10 s')), 10_000));
  const url = \`http://127.0.0.1:\${port}/manifest.json\`;
  let response: Response;
  let retryDelayMs = 100;
  while (true) {
    try {
      response = await Promise.race([fetch(url), deadline]);
      break;
    } catch (error: any) {
      if (error?.name === 'FetchError' || error?.cause?.code === 'ECONNRESET') { await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs))); retryDelayMs *= 2; continue; }
      throw error;
    }
  }
  return response.json();
}` }] }],
    },
    // Reading a policy again on 429 and re-sending at once: a retry against a refusing service, with no wait.
    {
      code: `
declare const queues: { getPolicy(name: string): Promise<{ etag: string }>; setPolicy(name: string, policy: object): Promise<void> };
export async function allowEnqueue(name: string, members: string[]) {
  let current = await queues.getPolicy(name);
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await queues.setPolicy(name, { etag: current.etag, members });
      return;
    } catch (error: any) {
      if (error?.response?.status !== 429) throw error;
      current = await queues.getPolicy(name);
    }
  }
}`,
      errors: [{ messageId: 'noDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
declare const queues: { getPolicy(name: string): Promise<{ etag: string }>; setPolicy(name: string, policy: object): Promise<void> };
export async function allowEnqueue(name: string, members: string[]) {
  let current = await queues.getPolicy(name);
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await queues.setPolicy(name, { etag: current.etag, members });
      return;
    } catch (error: any) {
      if (error?.response?.status !== 429) throw error;
      current = await queues.getPolicy(name);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }] }],
    },
    // Calling itself again at once after a timed-out page, five times at most: bounded, but with no wait.
    {
      code: `
declare const accounts: { page(token?: string): Promise<{ users: string[]; next?: string }> };
export async function exportAll(state: { token?: string; timeouts: number; out: string[] }): Promise<void> {
  try {
    const page = await accounts.page(state.token);
    state.out.push(...page.users);
    if (!page.next) return;
    state.token = page.next;
    return exportAll(state);
  } catch (error: any) {
    if (error.cause?.code === 'ETIMEDOUT') {
      state.timeouts++;
      if (state.timeouts > 5) throw error;
      return exportAll(state);
    }
    throw error;
  }
}`,
      errors: [{ messageId: 'noDelay', line: 14, column: 14, suggestions: [{ messageId: 'fixAddBackoff', output: `
declare const accounts: { page(token?: string): Promise<{ users: string[]; next?: string }> };
export async function exportAll(state: { token?: string; timeouts: number; out: string[] }, attempt = 0): Promise<void> {
  try {
    const page = await accounts.page(state.token);
    state.out.push(...page.users);
    if (!page.next) return;
    state.token = page.next;
    return exportAll(state);
  } catch (error: any) {
    if (error.cause?.code === 'ETIMEDOUT') {
      state.timeouts++;
      if (state.timeouts > 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
      return exportAll(state, attempt + 1);
    }
    throw error;
  }
}` }] }],
    },
  ],
});

ruleTester.run('retry-requires-backoff: waiting for a state, asking the user, intervals chosen by callers', rule, {
  valid: [
    // Asking for an export every 2 s until it is ready or the deadline passes, whatever a failed ask said: a poll.
    `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function waitForExport(id: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const { data } = await axios.get('https://reports.example.com/exports/' + id, { timeout: 5000 });
      if (data.state === 'ready') return data.url;
    } catch (error) {
      lastError = error;
    }
    await sleep(2000);
  }
  throw new Error('export ' + id + ' not ready in time: ' + String(lastError));
}`,
    // The answer is null until someone approves; the deadline is checked after each ask: a poll.
    `
import { setTimeout as sleep } from 'node:timers/promises';
declare const approvals: { find(id: string): Promise<{ by: string } | null> };
export async function waitForApproval(id: string) {
  const deadline = Date.now() + 15 * 60_000;
  while (true) {
    let approval: { by: string } | null = null;
    try {
      approval = await approvals.find(id);
    } catch (error) {
      console.debug('asking again', error);
    }
    if (approval) return approval;
    if (Date.now() >= deadline) throw new Error('nobody approved ' + id);
    await sleep(3000);
  }
}`,
    // Watching a session every 5 s until it ends or the user presses Ctrl-C (the signal): a poll, also after an error.
    `
import { setTimeout as sleep } from 'node:timers/promises';
declare const sessions: { get(id: string): Promise<{ status: string }> };
export async function followSession(id: string, signal: AbortSignal) {
  while (!signal.aborted) {
    let session;
    try {
      session = await sessions.get(id);
    } catch {
      await sleep(5000);
      continue;
    }
    if (session.status === 'stopped') return;
    await sleep(5000);
  }
}`,
    // A database container asked every half second whether it accepts connections, forty times: a child process on
    // this machine, which no crowd of clients shares, so a fixed interval is right.
    `
import { execa } from 'execa';
import { setTimeout as sleep } from 'node:timers/promises';
export async function waitForPostgres(container: string) {
  let ready = false;
  for (let i = 0; i < 40; i++) {
    try {
      await execa('docker', ['exec', container, 'pg_isready']);
      ready = true;
      break;
    } catch {
      await sleep(500);
    }
  }
  if (!ready) throw new Error(container + ' did not accept connections');
}`,
    // A generic helper that waits the interval its caller chose: whether a fixed interval is right depends on what
    // each caller retries (a poll or a failing service), which the helper cannot tell.
    `
import { setTimeout as sleep } from 'node:timers/promises';
export async function repeatUntilDone<T>(work: (attempt: number) => Promise<T>, { times, intervalMs }: { times: number; intervalMs: number }): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= times) throw error;
      await sleep(intervalMs);
    }
  }
}`,
    // Three sends 700 ms apart: the retry ends before a crowd of clients could keep a mail service down.
    `
import { setTimeout as sleep } from 'node:timers/promises';
declare const mailer: { send(to: string, body: string): Promise<void> };
const MAX_SENDS = 3;
export async function sendReceipt(to: string, body: string) {
  for (let attempt = 0; attempt < MAX_SENDS; attempt++) {
    try {
      return await mailer.send(to, body);
    } catch (error) {
      console.warn('send failed', error);
      if (attempt < MAX_SENDS - 1) await sleep(700);
    }
  }
}`,
    // Sent once more with the two-factor code the person has just typed: the person decides, nothing is retried.
    `
interface Api { post(path: string, options: object): Promise<{ body: unknown }>; twoFactorPrompt(): Promise<string> }
export async function promote(api: Api, pipeline: string, code?: string): Promise<unknown> {
  const options = { body: { pipeline }, headers: {} };
  if (code) options.headers = { 'Two-Factor-Code': code };
  try {
    const { body } = await api.post('/promotions', options);
    return body;
  } catch (error: any) {
    if (!error.body || error.body.id !== 'two_factor') throw error;
    const typed = await api.twoFactorPrompt();
    return promote(api, pipeline, typed);
  }
}`,
    // Four flushes of a buffer half a second apart: what Polly and resilience4j do by default, over before a crowd forms.
    `
import { setTimeout as sleep } from 'node:timers/promises';
declare const store: { writeBatch(rows: object[]): Promise<void> };
export async function flush(rows: object[]) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await store.writeBatch(rows);
    } catch (error) {
      if (attempt === 3) throw error;
      await sleep(500);
    }
  }
}`,
    // The same flush calling itself, beside a count of failures across flushes that only slows the writer down: that
    // count decides no attempt, so the bound is still the four attempts.
    `
declare const store: { writeBatch(rows: object[]): Promise<void> };
export class Writer {
  failuresInARow = 0;
  slowDown() {}
  async flush(rows: object[], attempt = 1): Promise<void> {
    try {
      await store.writeBatch(rows);
      this.failuresInARow = 0;
    } catch (error) {
      this.failuresInARow++;
      if (this.failuresInARow > 10) {
        this.slowDown();
      }
      if (attempt <= 3) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        return this.flush(rows, attempt + 1);
      }
      throw error;
    }
  }
}`,
    // Asking the model again at once: the OpenAI SDK already retries each request twice with growing waits.
    `
import OpenAI from 'openai';
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
export async function shorten(post: string): Promise<string> {
  for (let tries = 0; tries < 4; tries++) {
    try {
      const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Shorten: ' + post }] });
      return completion.choices[0]?.message.content ?? post;
    } catch (error) {
      console.warn('shortening failed', error);
    }
  }
  return post;
}`,
    // A bad key file asks the person for another path (the prompt is in a method it calls): they decide each try.
    `
import { readFile } from 'node:fs/promises';
import prompts from 'prompts';
export class KeyLoader {
  async load(): Promise<object> {
    try {
      const path = await this.askForPath();
      return JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      console.error(error);
      return await this.load();
    }
  }
  private async askForPath(): Promise<string> {
    const { path } = await prompts({ type: 'text', name: 'path', message: 'Path to the key file:' });
    return path;
  }
}`,
    // The same as a loop: an invalid answer asks again.
    `
import { input } from '@inquirer/prompts';
declare const api: { checkToken(token: string): Promise<void> };
async function askToken(): Promise<string> {
  return input({ message: 'API token:' });
}
export async function login(): Promise<string> {
  for (;;) {
    const token = await askToken();
    try {
      await api.checkToken(token);
      return token;
    } catch (error) {
      console.error('that token was refused', error);
    }
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
      errors: [{ messageId: 'noDelay', line: 4, column: 3, suggestions: 1 }],
    },
    // A helper waiting the pause its caller chose before each new try, and a caller of this file retrying a request
    // through it: the pause is fixed, so the helper is reported, and its wait grows from the caller's pause in place.
    {
      code: `
async function withAttempts<T>(job: () => Promise<T>, opts: { count: number; pauseMs: number }): Promise<T> {
  let failure: unknown;
  for (let k = 0; k < opts.count; k++) {
    if (k > 0) await new Promise((wake) => setTimeout(wake, opts.pauseMs));
    try {
      return await job();
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}
export const loadCatalog = () => withAttempts(() => fetch('https://catalog.example.com/items', { signal: AbortSignal.timeout(4_000) }), { count: 6, pauseMs: 1_500 });`,
      errors: [{ messageId: 'constantDelay', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
async function withAttempts<T>(job: () => Promise<T>, opts: { count: number; pauseMs: number }): Promise<T> {
  let failure: unknown;
  for (let k = 0; k < opts.count; k++) {
    if (k > 0) await new Promise((wake) => setTimeout(wake, Math.random() * Math.min(30_000, opts.pauseMs * 2 ** k)));
    try {
      return await job();
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}
export const loadCatalog = () => withAttempts(() => fetch('https://catalog.example.com/items', { signal: AbortSignal.timeout(4_000) }), { count: 6, pauseMs: 1_500 });` }] }],
    },
    // A predicate choosing which failures go round (`isRetriable(error)`) makes the loop no less a retry: ten sends a
    // fixed 2 s apart, in lock-step with every other client.
    {
      code: `
declare const inventory: { reserve(sku: string): Promise<void> };
declare function isRetriable(error: unknown): boolean;
export async function reserveStock(sku: string) {
  let lastFailure: unknown;
  for (let round = 0; round < 10; round++) {
    try {
      return await inventory.reserve(sku);
    } catch (error) {
      lastFailure = error;
      if (!isRetriable(error)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  throw lastFailure;
}`,
      errors: [{ messageId: 'constantDelay', line: 6, column: 3, suggestions: 1 }],
    },
    // A deadline and a fixed interval, but going round only on a 503: a retry of a failing service, in lock-step.
    {
      code: `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function submitWithin(payload: object, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      return await axios.put('https://ledger.example.com/entries', payload, { timeout: 5000 });
    } catch (error: any) {
      if (error.response?.status !== 503) throw error;
    }
    await sleep(1000);
  }
  throw new Error('ledger unavailable');
}`,
      errors: [{ messageId: 'constantDelay', line: 6, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
export async function submitWithin(payload: object, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let retryDelayMs = 100;
  while (Date.now() < deadline) {
    try {
      return await axios.put('https://ledger.example.com/entries', payload, { timeout: 5000 });
    } catch (error: any) {
      if (error.response?.status !== 503) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs)));
      retryDelayMs *= 2;
    }
    await sleep(1000);
  }
  throw new Error('ledger unavailable');
}` }] }],
    },
    // A deadline but no wait at all: it asks again as fast as the service fails.
    {
      code: `
import axios from 'axios';
export async function fetchIndex(name: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      return (await axios.get('https://search.example.com/indexes/' + name, { timeout: 5000 })).data;
    } catch (error) {
      console.debug(error);
    }
  }
  throw new Error('index ' + name + ' unavailable');
}`,
      errors: [{ messageId: 'noDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import axios from 'axios';
export async function fetchIndex(name: string) {
  const deadline = Date.now() + 60_000;
  let retryDelayMs = 100;
  while (Date.now() < deadline) {
    try {
      return (await axios.get('https://search.example.com/indexes/' + name, { timeout: 5000 })).data;
    } catch (error) {
      console.debug(error);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs)));
      retryDelayMs *= 2;
    }
  }
  throw new Error('index ' + name + ' unavailable');
}` }] }],
    },
    // A helper whose author fixed the interval at one second: the helper's own choice, reported there.
    {
      code: `
import { setTimeout as sleep } from 'node:timers/promises';
export async function withRetries<T>(work: () => Promise<T>, times: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= times) throw error;
      await sleep(1000);
    }
  }
}`,
      errors: [{ messageId: 'constantDelay', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { setTimeout as sleep } from 'node:timers/promises';
export async function withRetries<T>(work: () => Promise<T>, times: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= times) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }] }],
    },
    // The same three sends with every fixed wait reported (strict).
    {
      code: `
import { setTimeout as sleep } from 'node:timers/promises';
declare const mailer: { send(to: string, body: string): Promise<void> };
export async function sendReceipt(to: string, body: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await mailer.send(to, body);
    } catch (error) {
      console.warn('send failed', error);
      await sleep(700);
    }
  }
}`,
      options: [{ allowFixedDelayUpTo: 0 }],
      errors: [{ messageId: 'constantDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { setTimeout as sleep } from 'node:timers/promises';
declare const mailer: { send(to: string, body: string): Promise<void> };
export async function sendReceipt(to: string, body: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await mailer.send(to, body);
    } catch (error) {
      console.warn('send failed', error);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }] }],
    },
    // Ten attempts a second apart: long enough for clients that failed together to keep coming back together.
    {
      code: `
import { setTimeout as sleep } from 'node:timers/promises';
declare const ledger: { append(entry: object): Promise<void> };
export async function record(entry: object) {
  for (let attempt = 1; attempt <= 10; attempt++) {
    try {
      return await ledger.append(entry);
    } catch (error) {
      if (attempt === 10) throw error;
      await sleep(1000);
    }
  }
}`,
      errors: [{ messageId: 'constantDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { setTimeout as sleep } from 'node:timers/promises';
declare const ledger: { append(entry: object): Promise<void> };
export async function record(entry: object) {
  for (let attempt = 1; attempt <= 10; attempt++) {
    try {
      return await ledger.append(entry);
    } catch (error) {
      if (attempt === 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }] }],
    },
    // The same, with the SDK's own retries turned off: nothing waits between attempts.
    {
      code: `
import OpenAI from 'openai';
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, maxRetries: 0 });
export async function shorten(post: string): Promise<string> {
  for (let tries = 0; tries < 4; tries++) {
    try {
      const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Shorten: ' + post }] });
      return completion.choices[0]?.message.content ?? post;
    } catch (error) {
      console.warn('shortening failed', error);
    }
  }
  return post;
}`,
      errors: [{ messageId: 'noDelay', line: 5, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import OpenAI from 'openai';
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, maxRetries: 0 });
export async function shorten(post: string): Promise<string> {
  for (let tries = 0; tries < 4; tries++) {
    try {
      const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Shorten: ' + post }] });
      return completion.choices[0]?.message.content ?? post;
    } catch (error) {
      console.warn('shortening failed', error);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** tries)));
    }
  }
  return post;
}` }] }],
    },
    // A child process asked again at once: even on this machine a retry must wait.
    {
      code: `
import { execa } from 'execa';
export async function push(branch: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await execa('git', ['push', 'origin', branch]);
      return;
    } catch (error) {
      console.warn('push failed', error);
    }
  }
}`,
      errors: [{ messageId: 'noDelay', line: 4, column: 3, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { execa } from 'execa';
export async function push(branch: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await execa('git', ['push', 'origin', branch]);
      return;
    } catch (error) {
      console.warn('push failed', error);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }] }],
    },
  ],
});

describe('options', () => {
  it('rejects an unknown option with a message naming it', async () => {
    const { Linter } = await import('eslint');
    const parser = await import('@typescript-eslint/parser');
    const lint = () =>
      new Linter({ configType: 'flat' }).verify('export {};', [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: parser as never },
          plugins: { resilint: { rules: { 'retry-requires-backoff': rule } } as never },
          rules: { 'resilint/retry-requires-backoff': ['error', { requireJiter: true }] },
        },
      ], 'file.ts');
    expect(lint).toThrow(/requireJiter/);
  });
});

// An axios interceptor re-sending a failed request at once, from a new promise's executor (an SDK's retry on its
// fallback URLs, met after a held-out round). The fix makes the handler wait, longer each time, before it decides.
const fallbackInterceptor = (handler: string) => `import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });
api.interceptors.response.use(null, ${handler}
  if (error.response?.status >= 500) return new Promise((resolve) => { resolve(api(error.config)); });
  return Promise.reject(error);
});
`;

ruleTester.run('retry-requires-backoff: an interceptor re-sending from a promise executor', rule, {
  valid: [
    fallbackInterceptor('async (error) => { if (error.config) { error.config.backoffAttempt = (error.config.backoffAttempt ?? 0) + 1; await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** error.config.backoffAttempt))); }'),
  ],
  invalid: [{
    code: fallbackInterceptor('(error) => {'),
    errors: [{
      messageId: 'noDelay',
      line: 4,
      suggestions: [{
        messageId: 'fixAddBackoff',
        output: fallbackInterceptor('async (error) => { if (error.config) { error.config.backoffAttempt = (error.config.backoffAttempt ?? 0) + 1; await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** error.config.backoffAttempt))); }'),
      }],
    }],
  }],
});

// A webhook sender's interceptor re-sending a failed delivery once a fixed pause is over (`.then(() => client(config))`):
// every sender that failed together tries again together. The fix makes each wait longer, and at random.
const pausedInterceptor = (handler: string) => `import axios from 'axios';
const PAUSE_MS = 3000;
const hooks = axios.create({ timeout: 15_000 });
hooks.interceptors.response.use(undefined, ${handler}
  const config = error.config;
  config.sent = (config.sent ?? 0) + 1;
  if (config.sent > 3) return Promise.reject(error);
  return new Promise((resolve) => setTimeout(resolve, PAUSE_MS)).then(() => hooks(config));
});
`;

ruleTester.run('retry-requires-backoff: an interceptor re-sending once a fixed pause is over', rule, {
  valid: [],
  invalid: [{
    code: pausedInterceptor('(error) => {'),
    errors: [{
      messageId: 'constantDelay',
      line: 8,
      suggestions: [{
        messageId: 'fixAddBackoff',
        output: pausedInterceptor('async (error) => { if (error.config) { error.config.backoffAttempt = (error.config.backoffAttempt ?? 0) + 1; await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** error.config.backoffAttempt))); }'),
      }],
    }],
  }],
});

// A worker registering with its server at start-up, ten tries 30 s apart: the long wait is how long the code chose to
// keep trying while the server starts. Backoff from 100 ms would give up sooner; the fix keeps the wait on average and
// spreads it at random, which is what lock-step retries lack.
const registration = (wait: string) => `import axios from 'axios';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const RETRY_WAIT_MS = 60_000;
export async function register(serverUrl: string) {
  let tries = 0;
  while (tries < 10) {
    try {
      await axios.post(\`\${serverUrl}/workers/register\`, {}, { timeout: 10_000 });
      return;
    } catch {
      tries++;
      await ${wait};
    }
  }
  throw new Error('could not register');
}`;

ruleTester.run('retry-requires-backoff: a long fixed wait', rule, {
  valid: [
    registration('sleep((30 * 1000) * (0.5 + Math.random()))'),
    registration('new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS * (0.5 + Math.random())))'),
  ],
  invalid: [
    {
      code: registration('sleep(30 * 1000)'),
      errors: [{
        messageId: 'constantDelay',
        suggestions: [{ messageId: 'fixSpreadLongWait', data: { seconds: '30' }, output: registration('sleep((30 * 1000) * (0.5 + Math.random()))') }],
      }],
    },
    {
      code: registration('new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS))'),
      errors: [{
        messageId: 'constantDelay',
        suggestions: [{ messageId: 'fixSpreadLongWait', data: { seconds: '60' }, output: registration('new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS * (0.5 + Math.random())))') }],
      }],
    },
    {
      // a second between tries: backoff from 100 ms keeps trying about as long, and spreads the retries
      code: registration('sleep(1_000)'),
      errors: [{ messageId: 'constantDelay', suggestions: [{ messageId: 'fixAddBackoff', output: registration('sleep(1_000)').replace(
        '  let tries = 0;\n  while', '  let tries = 0;\n  let retryDelayMs = 100;\n  while',
      ).replace('      await sleep(1_000);', '      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs)));\n      retryDelayMs *= 2;') }] }],
    },
  ],
});
