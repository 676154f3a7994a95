import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import nonIdempotent from './no-retry-non-idempotent.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A callback-style retry helper, as a CLI's upload client has one: the work is handed `resolve`, `reject` and a
 * `retry` trigger, and the trigger schedules the work again after a fixed pause while attempts are left. The work
 * never names itself, and the count goes down from the caller's number of tries.
 */
const handedTrigger = (tries: string, pause: string) => `import https from 'node:https';
function again(work, { tries = ${tries}, pauseMs = 50 }) {
  return new Promise((resolve, reject) => {
    let left = tries;
    const run = () => work(resolve, reject, retry);
    const retry = (failure) => (left-- > 0 ? setTimeout(run, ${pause}) : reject(failure));
    run();
  });
}
export function upload(options, body) {
  return again((resolve, reject, retry) => {
    const request = https.request(options, resolve);
    request.on('error', (failure) => (failure.code === 'ECONNRESET' ? retry(failure) : reject(failure)));
    request.end(body);
  }, {});
}`;

/** The same helper counting down in its own parameter, re-running itself from the rejection of the task it wraps. */
const countedDown = (start: string) => `import axios from 'axios';
function retrying(task, retries = ${start}) {
  return new Promise((resolve, reject) => {
    const attempt = () => task().then(resolve, (failure) => {
      if (retries-- > 0) setTimeout(attempt, 250);
      else reject(failure);
    });
    attempt();
  });
}
export const health = (base) => retrying(() => axios.get(\`\${base}/health\`, { timeout: 5_000 }));`;

ruleTester.run('retry-requires-backoff: callback-style retry helpers', backoff, {
  valid: [
    // three tries at a fixed pause end before a crowd could keep a service down (allowFixedDelayUpTo)
    handedTrigger('3', 'pauseMs'),
    countedDown('3'),
    // a pause that doubles with each attempt
    handedTrigger('8', 'pauseMs * 2 ** (8 - left)'),
    // the work is handed something else: the timer runs a poll, not the failed work
    `function poll(check, every) {
      const tick = () => check().then((done) => { if (!done) setTimeout(tick, every); });
      const report = (failure) => console.error(failure);
      tick();
      return report;
    }`,
  ],
  invalid: [
    {
      code: handedTrigger('5', 'pauseMs'),
      errors: [{
        messageId: 'constantDelay',
        line: 6,
        data: { retry: '`run` (run again by the `retry` it hands its work)' },
        suggestions: [{
          messageId: 'fixAddBackoff',
          output: handedTrigger('5', 'Math.random() * Math.min(30_000, 100 * 2 ** attempt++)')
            .replace('    const retry =', '    let attempt = 0;\n    const retry ='),
        }],
      }],
    },
    {
      // a count going down from 6: six more attempts, not none
      code: countedDown('6'),
      errors: [{
        messageId: 'constantDelay',
        line: 5,
        suggestions: [{
          messageId: 'fixAddBackoff',
          output: countedDown('6')
            .replace('const attempt = () =>', 'const attempt = (resilintAttempt = 0) =>')
            .replace('setTimeout(attempt, 250)', 'setTimeout(() => attempt(resilintAttempt + 1), Math.random() * Math.min(30_000, 100 * 2 ** resilintAttempt))'),
        }],
      }],
    },
    {
      // a start the rule cannot read is no small number
      code: countedDown('3').replace('retries = 3', 'retries = Number(process.env.RETRIES)'),
      errors: [{ messageId: 'constantDelay', line: 5, suggestions: 1 }],
    },
  ],
});

// The same helper sending a POST again after a reset connection or a 5xx: each attempt may have been applied.
const createBuild = (headers: string) => `import https from 'node:https';
function again(work, { tries = 3, pauseMs = 100 } = {}) {
  return new Promise((resolve, reject) => {
    let left = tries;
    const run = () => work(resolve, reject, retry);
    const retry = (failure) => (left-- > 0 ? setTimeout(run, pauseMs * 2 ** (tries - left)) : reject(failure));
    run();
  });
}
export function createBuild(body) {
  return again((resolve, reject, retry) => {
    const request = https.request('https://api.example.com/builds', { method: 'POST', timeout: 10_000${headers} }, (response) => {
      if (response.statusCode >= 500) retry(new Error(String(response.statusCode)));
      else resolve(response.statusCode);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', retry);
    request.end(JSON.stringify(body));
  });
}`;

ruleTester.run('no-retry-non-idempotent: a POST sent again by a callback-style retry helper', nonIdempotent, {
  valid: [
    // a key made once, before the helper's first attempt
    createBuild(", headers: { 'Idempotency-Key': key }").replace('  return again(', '  const key = crypto.randomUUID();\n  return again('),
  ],
  invalid: [
    {
      code: createBuild(''),
      errors: [{
        messageId: 'retriedRequest',
        line: 12,
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: createBuild(", headers: { 'Idempotency-Key': idempotencyKey }").replace('  return again(', '  const idempotencyKey = crypto.randomUUID();\n  return again('),
        }],
      }],
    },
  ],
});

// A trigger with no count at all: the work goes round for as long as the dependency fails.
const forever = (trigger: string) => `import https from 'node:https';
function again(work) {
  return new Promise((resolve, reject) => {
    const run = () => work(resolve, reject, retry);
    ${trigger}
    run();
  });
}
export function ping() {
  return again((resolve, reject, retry) => {
    const request = https.get('https://status.example.com/ping', { timeout: 5_000 }, resolve);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', retry);
  });
}`;

ruleTester.run('no-unbounded-retry: a callback-style retry helper', unbounded, {
  valid: [forever('let left = 3;\n    const retry = (failure) => (left-- > 0 ? setTimeout(run, 1_000) : reject(failure));')],
  invalid: [
    {
      code: forever('const retry = (failure) => setTimeout(run, 1_000);'),
      errors: [{
        messageId: 'unbounded',
        line: 5,
        suggestions: [{
          messageId: 'fixAddBound',
          output: forever('let attempt = 0;\n    const retry = (failure) => { if (attempt++ >= 2) return reject(failure); return setTimeout(run, 1_000); };'),
        }],
      }],
    },
  ],
});
