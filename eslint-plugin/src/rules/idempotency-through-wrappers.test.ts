import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-retry-non-idempotent.js';

const ruleTester = new RuleTester();

/**
 * A POST sent by a small wrapper of the same file and retried by its caller: the key is made once by the retrier and
 * handed to the wrapper, which sends it as the header. The wrapper's new parameter defaults to a fresh key, so its
 * other callers keep sending one request per call.
 */
const loop = (signature: string, call: string) => `
declare function pause(ms: number): Promise<void>;
async function submitPayout(${signature}) {
  const res = await fetch('https://payouts.example.com/v1/payouts', { method: 'POST', body: JSON.stringify({ account, cents }) });
  return res.json();
}
export async function payOut(account: string, cents: number) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await ${call};
    } catch {
      await pause(500 * 2 ** attempt);
    }
  }
}`;

const recursion = `
async function enqueue(job: { id: string }) {
  const res = await fetch('https://jobs.example.com/queue', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(job) });
  if (!res.ok) throw new Error('queue answered ' + res.status);
}
export async function submit(job: { id: string }, triesLeft: number): Promise<void> {
  try {
    await enqueue(job);
  } catch (error) {
    if (triesLeft <= 0) throw error;
    await new Promise((resolve) => setTimeout(resolve, 2 ** (4 - triesLeft) * 200));
    return submit(job, triesLeft - 1);
  }
}`;

/** A wrapper that spreads the options its caller gives into its request: the caller's options carry the key. */
const forwarding = (call: string, before = '') => `
declare function pause(ms: number): Promise<void>;
async function postJson(url: string, body: unknown, init: RequestInit = {}) {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(5_000), ...init });
  return res.json();
}
export async function placeOrder(body: unknown) {${before}
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await ${call};
    } catch {
      await pause(200 * 2 ** attempt);
    }
  }
}`;

ruleTester.run('no-retry-non-idempotent: the key handed through a same-file wrapper', rule, {
  valid: [
    // The caller's options, spread into the request, carry a key made once before the retries.
    forwarding("postJson('https://shop.example.com/orders', body, { headers: { 'Idempotency-Key': orderKey } })", '\n  const orderKey = crypto.randomUUID();'),
    // The retrier makes the key once and the wrapper sends what it is given: every attempt carries the same key.
    loop('account: string, cents: number, key: string', 'submitPayout(account, cents, key)')
      .replace("method: 'POST',", "method: 'POST', headers: { 'Idempotency-Key': key },")
      .replace('for (let attempt', 'const key = crypto.randomUUID();\n  for (let attempt'),
  ],
  invalid: [
    // The wrapper makes a new key on each call, so each attempt sends another one.
    {
      code: loop('account: string, cents: number', 'submitPayout(account, cents)').replace("method: 'POST',", "method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() },"),
      errors: [{ messageId: 'keyPerAttempt', line: 10, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
declare function pause(ms: number): Promise<void>;
async function submitPayout(account: string, cents: number, idempotencyKey = crypto.randomUUID()) {
  const res = await fetch('https://payouts.example.com/v1/payouts', { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey }, body: JSON.stringify({ account, cents }) });
  return res.json();
}
export async function payOut(account: string, cents: number) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await submitPayout(account, cents, idempotencyKey);
    } catch {
      await pause(500 * 2 ** attempt);
    }
  }
}` }] }],
    },
    {
      code: loop('account: string, cents: number', 'submitPayout(account, cents)'),
      errors: [{ messageId: 'retriedRequest', line: 10, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
declare function pause(ms: number): Promise<void>;
async function submitPayout(account: string, cents: number, idempotencyKey = crypto.randomUUID()) {
  const res = await fetch('https://payouts.example.com/v1/payouts', { method: 'POST', body: JSON.stringify({ account, cents }), headers: { 'Idempotency-Key': idempotencyKey } });
  return res.json();
}
export async function payOut(account: string, cents: number) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await submitPayout(account, cents, idempotencyKey);
    } catch {
      await pause(500 * 2 ** attempt);
    }
  }
}` }] }],
    },
    {
      // a retry by calling itself: the retrier takes the key as a parameter too and hands it on
      code: recursion,
      errors: [{ messageId: 'retriedRequest', line: 8, suggestions: [{ messageId: 'fixIdempotencyKey', output: `
async function enqueue(job: { id: string }, idempotencyKey = crypto.randomUUID()) {
  const res = await fetch('https://jobs.example.com/queue', { method: 'POST', headers: { 'content-type': 'application/json', 'Idempotency-Key': idempotencyKey }, body: JSON.stringify(job) });
  if (!res.ok) throw new Error('queue answered ' + res.status);
}
export async function submit(job: { id: string }, triesLeft: number, idempotencyKey = crypto.randomUUID()): Promise<void> {
  try {
    await enqueue(job, idempotencyKey);
  } catch (error) {
    if (triesLeft <= 0) throw error;
    await new Promise((resolve) => setTimeout(resolve, 2 ** (4 - triesLeft) * 200));
    return submit(job, triesLeft - 1, idempotencyKey);
  }
}` }] }],
    },
    // Options forwarded by the wrapper: the header goes in the options the caller gives (or adds them).
    {
      code: forwarding("postJson('https://shop.example.com/orders', body)"),
      errors: [{ messageId: 'retriedRequest', line: 10, suggestions: [{ messageId: 'fixIdempotencyKey', output: forwarding("postJson('https://shop.example.com/orders', body, { headers: { 'Idempotency-Key': idempotencyKey } })", '\n  const idempotencyKey = crypto.randomUUID();') }] }],
    },
    {
      code: forwarding("postJson('https://shop.example.com/orders', body, { cache: 'no-store' })"),
      errors: [{ messageId: 'retriedRequest', line: 10, suggestions: [{ messageId: 'fixIdempotencyKey', output: forwarding("postJson('https://shop.example.com/orders', body, { cache: 'no-store', headers: { 'Idempotency-Key': idempotencyKey } })", '\n  const idempotencyKey = crypto.randomUUID();') }] }],
    },
    // The caller leaves out a parameter, or the wrapper gathers the rest: an added argument would not land in the
    // new parameter, so no edit is offered (the finding stays).
    { code: loop('account: string, cents = 0', 'submitPayout(account)'), errors: [{ messageId: 'retriedRequest', line: 10 }] },
    { code: loop('account: string, ...rest: number[]', 'submitPayout(account, cents)').replace('{ account, cents }', '{ account, cents: rest[0] }'), errors: [{ messageId: 'retriedRequest', line: 10 }] },
  ],
});

/**
 * A request helper that, when the session was rejected, signs the user in again before sending its GET once more: the
 * sign-in's POST is made in its catch, to recover, and is not what a caller retrying the helper sends again. From a
 * false report on a CLI that pulls its environment variables until it succeeds (the fixture workspace `env-sync-cli`:
 * the loop, the variables module, the re-authentication helper and the device-code login are each a module).
 */
const refreshLoop = fileURLToPath(new URL('../../../fixtures/workspaces/env-sync-cli/src/env/refresh-loop.ts', import.meta.url));
const pullUntilLoaded = (imported: string, call: string) => `import { setTimeout } from 'node:timers/promises';
import type ApiClient from '../api-client';
${imported}

export async function loadUntilLoaded(signal: AbortSignal, client: ApiClient, projectId: string, pauseMs: number) {
  while (!signal.aborted) {
    try {
      return await ${call};
    } catch {
      await setTimeout(pauseMs, undefined, { signal });
    }
  }
  return null;
}
`;

ruleTester.run('no-retry-non-idempotent: a POST made only to recover, in a helper\'s catch', rule, {
  valid: [
    { filename: refreshLoop, code: pullUntilLoaded("import { loadVariables } from './variables';", '(await loadVariables(client, projectId)).env') },
  ],
  invalid: [
    // the device-code POST is what this helper sends on every call
    {
      filename: refreshLoop,
      code: pullUntilLoaded("import { registerDevice } from './reauthenticate';", 'registerDevice(client)'),
      errors: [{ messageId: 'retriedRequest', line: 8 }],
    },
  ],
});
