import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import rule from './no-unprotected-call.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ruleTester = new RuleTester();
const strict = [{ scope: 'function' as const }];

ruleTester.run('no-unprotected-call', rule, {
  valid: [
    // awaited or returned inside a function: the caller receives the failure
    `export async function getUser(id: string) { const res = await fetch('/users/' + id); return res.json(); }`,
    `export function getUser(id: string) { return fetch('/users/' + id).then((res) => res.json()); }`,
    `export const getUser = (id: string) => fetch('/users/' + id);`,
    `class Users { async load() { return (await fetch('/users')).json(); } }`,
    // caught here
    `async function main() { try { await fetch('/api'); } catch (error) { console.error(error); } }`,
    `fetch('/api').then((res) => res.json()).catch((error) => console.error(error));`,
    `fetch('/api').then(render, showError);`,
    `const pending = fetch('/api'); pending.catch(report);`,
    `try { await fetch('/api'); } catch { useCache(); }`,
    `async function load() { const [a, b] = await Promise.allSettled([fetch('/a'), fetch('/b')]); }`,
    `Promise.allSettled(urls.map((url) => fetch(url))).then(render);`,
    `async function loadAll() { try { await Promise.all(urls.map(async (url) => { const res = await fetch(url); return res.json(); })); } catch (e) { log(e); } }`,
    // a catch later in the chain, after a then
    `fetch('/a').then((r) => r.json()).then(render).finally(done).catch(report);`,
    // a callback-style client gets the error in its callback
    `import mysql from 'mysql2'; const conn = mysql.createConnection(opts); conn.query('select 1', (err, rows) => { if (err) return log(err); use(rows); });`,
    // http request with an error listener
    `import https from 'node:https'; https.get('https://x', { timeout: 1000 }, (res) => res.resume()).on('error', log);`,
    `import http from 'node:http'; const req = http.request(opts, onResponse); req.on('error', log); req.end();`,
    // policies that turn failure into a value
    `import { fallback, pipeline, retry, timeout } from '@resilint/runtime'; const policy = pipeline(fallback(() => []), retry({ maxAttempts: 3 }), timeout(1000)); setInterval(() => { policy.execute(({ signal }) => fetch('/poll', { signal })); }, 1000);`,
    `import { fallback, handleAll, wrap, retry } from 'cockatiel'; const safe = wrap(fallback(handleAll, null), retry(handleAll, { maxAttempts: 2 })); setTimeout(() => safe.execute(() => fetch('/x')), 10);`,
    `import CircuitBreaker from 'opossum'; const breaker = new CircuitBreaker(() => fetch('/x')); breaker.fallback(() => null); breaker.fire();`,
    {
      code: `import { safely } from '@acme/resilience'; setTimeout(() => safely(() => fetch('/x')), 10);`,
      settings: { resilint: { wrappers: [{ module: '@acme/resilience', export: 'safely' }] } },
    },
    {
      code: `setTimeout(() => guard(fetch('/x')), 10);`,
      settings: { resilint: { wrappers: ['guard'] } },
    },
    // handed to code we cannot follow: not guessed at
    `app.get('/users', async (req, res) => { res.json(await (await fetch('/upstream')).json()); });`,
    `it('loads', async () => { await fetch('/api'); });`,
    `expect(fetch('/x')).rejects.toThrow();`,
    // not external calls at all
    `function fetch(url: string) { return Promise.resolve(url); } fetch('/x');`,
    `const cache = new Map(); setTimeout(() => cache.get('k'), 10);`,
    `import axios from 'axios'; export async function list() { return (await axios.get('/api', { timeout: 1000 })).data; }`,
    // a catch that logs and rethrows still hands the failure to the caller (boundary scope)
    `export async function load() { try { return await fetch('/x'); } catch (error) { log(error); throw error; } }`,
    // strict scope: handled in its own function
    { code: `export async function getUser() { try { return await fetch('/u'); } catch { return null; } }`, options: strict },
    { code: `export function getUser() { return fetch('/u').catch(() => null); }`, options: strict },
  ],
  invalid: [
    { code: `fetch('/api/track', { method: 'POST', body });`, errors: [{ messageId: 'floating', data: { call: 'fetch' } }] },
    { code: `void fetch('/api/track');`, errors: [{ messageId: 'floating' }] },
    { code: `fetch('/api').then((res) => res.json()).then(render);`, errors: [{ messageId: 'floating' }] },
    { code: `fetch('/api').finally(done);`, errors: [{ messageId: 'floating' }] },
    { code: `const pending = fetch('/api');`, errors: [{ messageId: 'floating' }] },
    { code: `setInterval(async () => { const res = await fetch('/poll'); update(await res.json()); }, 5000);`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'setInterval' } }] },
    { code: `setTimeout(() => fetch('/ping'), 100);`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'setTimeout' } }] },
    { code: `emitter.on('order', async (order) => { await fetch('/orders', { method: 'POST', body: order }); });`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: "'order' listener" } }] },
    { code: `button.addEventListener('click', async () => { await fetch('/like', { method: 'POST' }); });`, errors: [{ messageId: 'callback' }] },
    { code: `ids.forEach(async (id) => { await fetch('/users/' + id); });`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'forEach' } }] },
    { code: `process.nextTick(() => fetch('/x'));`, errors: [{ messageId: 'callback' }] },
    { code: `const res = await fetch('/config'); export const config = await res.json();`, errors: [{ messageId: 'topLevel' }] },
    { code: `(async () => { await fetch('/warmup'); })();`, errors: [{ messageId: 'floating' }] },
    { code: `async function sync() { await Promise.all(urls.map((url) => fetch(url))); } setTimeout(sync, 1000); setTimeout(() => sync(), 1000);`, errors: [{ messageId: 'callback', data: { call: 'sync', callback: 'setTimeout' } }] },
    { code: `import axios from 'axios'; axios.post('/audit', entry, { timeout: 1000 });`, errors: [{ messageId: 'floating', data: { call: 'axios.post' } }] },
    { code: `import { Pool } from 'pg'; const pool = new Pool(); setInterval(() => pool.query('delete from sessions where expired'), 60000);`, errors: [{ messageId: 'callback' }] },
    // a try around a returned promise does not catch its rejection
    { code: `function load() { try { return fetch('/x'); } catch { return null; } } load();`, errors: [{ messageId: 'floating', data: { call: 'load' } }] },
    // the callback only takes the response: a request error still needs an 'error' listener
    { code: `import https from 'node:https'; https.get('https://x', (res) => res.resume());`, errors: [{ messageId: 'errorEvent' }] },
    // retry, timeout and breaker alone let the final failure escape
    { code: `import { retry } from '@resilint/runtime'; const policy = retry({ maxAttempts: 3 }); setTimeout(() => policy.execute(() => fetch('/x')), 10);`, errors: [{ messageId: 'callback' }] },
    // a same-file wrapper: the floating call of the wrapper is reported
    { code: `async function notify(event: unknown) { await fetch('/hooks', { method: 'POST', body: JSON.stringify(event) }); } notify({ type: 'started' });`, errors: [{ messageId: 'floating', data: { call: 'notify' } }] },
    { code: `class Sync { async pull() { return fetch('/pull'); } start() { setInterval(() => this.pull(), 1000); } }`, errors: [{ messageId: 'callback', data: { call: 'this.pull', callback: 'setInterval' } }] },
    // strict scope: every call handled in its own function
    { code: `export async function getUser(id: string) { return (await fetch('/users/' + id)).json(); }`, options: strict, errors: [{ messageId: 'caller', data: { call: 'fetch', function: 'getUser' } }] },
    { code: `export async function load() { try { return await fetch('/x'); } catch (error) { throw new Error('load failed', { cause: error }); } }`, options: strict, errors: [{ messageId: 'caller', data: { call: 'fetch', function: 'load' } }] },
  ],
});
