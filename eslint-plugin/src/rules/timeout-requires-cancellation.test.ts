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
  ],
  invalid: [
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
    // A sleep that throws afterwards.
    {
      code: `
import { setTimeout as sleep } from 'node:timers/promises';
async function get(url: string) {
  return Promise.race([fetch(url), sleep(1000).then(() => { throw new Error('timeout'); })]);
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 4, column: 10 }],
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
      errors: [{ messageId: 'raceNotCancelledTimerKept', line: 4, column: 10 }],
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
      errors: [{ messageId: 'pTimeoutNoSignal', line: 3, column: 37 }],
    },
    {
      code: `
import { timeout, TimeoutStrategy } from 'cockatiel';
const policy = timeout(2000, TimeoutStrategy.Aggressive);`,
      errors: [{ messageId: 'aggressiveTimeout', line: 3, column: 16 }],
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
