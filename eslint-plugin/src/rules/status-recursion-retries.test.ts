import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import idempotent from './no-retry-non-idempotent.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A model endpoint that answers 503 while the model loads: the client calls itself again at once when it sees that
 * status, with no wait and no limit, so a model that never loads is asked forever, as fast as it answers. The branch
 * taken on the failing status handles that failure, as a catch would. Other statuses (a 401 after which the token is
 * renewed, a 404) are not failures of a struggling dependency.
 */
const infer = (guard: string, before = '', next = 'url, body, signal') => `
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function infer(url: string, body: string, signal?: AbortSignal, attempt = 0): Promise<unknown> {
  const answer = await fetch(url, { method: 'POST', body, signal: signal ?? AbortSignal.timeout(30_000) });
  if (${guard}) {
    ${before}
    return infer(${next});
  }
  return answer.json();
}`;

const atOnce = infer('answer.status === 503');
const optedIn = infer("answer.status === 503 && process.env.WAIT_FOR_MODEL !== 'no'");
const spaced = infer('answer.status === 503 && attempt < 5', 'await pause(500 * 2 ** attempt + Math.random() * 250);', 'url, body, signal, attempt + 1');
const renewed = infer('answer.status === 401', 'await pause(10);');

ruleTester.run('retry-requires-backoff: a self-call on a failing status', backoff, {
  valid: [spaced, renewed, infer('answer.status === 404')],
  invalid: [
    { code: atOnce, errors: [{ messageId: 'noDelay', line: 7, suggestions: 1 }] },
    { code: optedIn, errors: [{ messageId: 'noDelay', line: 7, suggestions: 1 }] },
  ],
});

ruleTester.run('no-unbounded-retry: a self-call on a failing status', unbounded, {
  valid: [spaced, renewed],
  invalid: [{
    code: atOnce,
    errors: [{
      messageId: 'unbounded',
      line: 7,
      // the status test stops going round after the second try; the answer is then handled as any other
      // (a new count: the `attempt` it has is not moved on)
      suggestions: [{
        messageId: 'fixAddBound',
        output: infer('!(resilintAttempt >= 2) && (answer.status === 503)', '', 'url, body, signal, undefined, resilintAttempt + 1')
          .replace('attempt = 0)', 'attempt = 0, resilintAttempt = 0)'),
      }],
    }],
  }],
});

// A usage report posted with its options under a type assertion, sent again after a wait on a 429 or a 5xx: the
// key goes inside the assertion, made once by the first call and handed to the next.
const report = (options: string, next: string, key = '') => `
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const reportUsage = async (count: number, retries = 0${key}): Promise<boolean> => {
  const res = await fetch('https://usage.example.com/report', ${options} as RequestInit);
  if (retries < 3 && [429, 502, 503].includes(res.status)) {
    await pause(400 * 2 ** retries);
    return reportUsage(${next});
  }
  return res.ok;
};`;

ruleTester.run('no-retry-non-idempotent: a self-call on a failing status', idempotent, {
  valid: [renewed],
  invalid: [
    { code: atOnce, errors: [{ messageId: 'retriedRequest' }] },
    {
      code: report("{ method: 'POST', body: String(count), signal: AbortSignal.timeout(5_000) }", 'count, retries + 1'),
      errors: [{
        messageId: 'retriedRequest',
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: report("{ method: 'POST', body: String(count), signal: AbortSignal.timeout(5_000), headers: { 'Idempotency-Key': idempotencyKey } }",
            'count, retries + 1, idempotencyKey', ', idempotencyKey = crypto.randomUUID()'),
        }],
      }],
    },
  ],
});
