import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-retry-non-idempotent.js';
import { throttledHelper } from './throttled-helpers.cases.js';

// no-retry-non-idempotent: a retry whose own predicate lets only a refusal (429, a rate limit) go round sends nothing
// twice: the server refused the first request without acting on it.
const ruleTester = new RuleTester();

const sendText = `
import { resilience } from '@acme/kit';
declare function isThrottled(problem: unknown): boolean;
export async function sendText(to: string, body: string) {
  return resilience.retry(async () => {
    const reply = await fetch('https://sms.example.io/v2/messages', { method: 'POST', body: JSON.stringify({ to, body }), signal: AbortSignal.timeout(10_000) });
    if (!reply.ok) throw Object.assign(new Error('sms refused'), { status: reply.status });
    return reply.json();
  }, { attempts: 4, firstDelay: 400, OPTIONS });
}`;

// An analytics purge that the provider takes one at a time: the work stops p-retry (its AbortError) on any failure
// but a rate limit, so only a refused request is sent again.
const purge = `
import pRetry, { AbortError } from 'p-retry';
async function purgeRows(table: string) {
  const reply = await fetch('https://events.example.io/v0/tables/' + table + '/purge', { method: 'POST', signal: AbortSignal.timeout(10_000) });
  if (!reply.ok) throw new Error('purge failed: ' + reply.status);
  return reply.json();
}
export function purgeWithRetry(table: string) {
  return pRetry(async () => {
    try {
      return await purgeRows(table);
    } catch (error) {
      if (STOP_TEST) {
        throw error;
      }
      throw new AbortError(error as Error);
    }
  }, { retries: 5, factor: 2, minTimeout: 1000 });
}`;

ruleTester.run('no-retry-non-idempotent: retried only after a refusal', rule, {
  valid: [
    // An imported retry helper told to go round only when the provider throttled the message.
    sendText.replace('OPTIONS', 'retryIf: (problem) => isThrottled(problem)'),
    // The same test written on the status, in a block.
    sendText.replace('OPTIONS', 'retryIf: (problem: any) => { return problem.status === 429; }'),
    // p-retry's own predicate, on the provider's error name.
    `
import pRetry from 'p-retry';
export async function sendText(to: string, body: string) {
  return pRetry(() => fetch('https://sms.example.io/v2/messages', { method: 'POST', body: JSON.stringify({ to, body }), signal: AbortSignal.timeout(10_000) }), {
    retries: 3,
    shouldRetry: (problem: any) => problem.name === 'rate_limit_exceeded',
  });
}`,
    purge.replace('STOP_TEST', "error instanceof Error && error.message.includes('429')"),
  ],
  invalid: [
    // The same purge going round on a server error too: a purge the provider ran before the 503 runs twice.
    {
      code: purge.replace('STOP_TEST', "error instanceof Error && (error.message.includes('429') || error.message.includes('503'))"),
      errors: [{ messageId: 'retriedRequest', line: 11, suggestions: 1 }],
    },
    // Retried on any error: a message the provider took before the connection dropped goes out twice.
    {
      code: sendText.replace(', OPTIONS', ''),
      errors: [{ messageId: 'retriedRequest', line: 6, suggestions: 1 }],
    },
    // A predicate that lets every failure through is no refusal.
    {
      code: sendText.replace('OPTIONS', 'retryIf: () => true'),
      errors: [{ messageId: 'retriedRequest', line: 6, suggestions: 1 }],
    },
    // A predicate naming a failure of the provider (a 5xx, a timeout) may re-send a message it already took.
    {
      code: sendText.replace('OPTIONS', 'retryIf: (problem: any) => problem.status === 503 || problem.status === 429'),
      errors: [{ messageId: 'retriedRequest', line: 6, suggestions: 1 }],
    },
  ],
});

// The CRM writer's helper in its callers' file: the deal a 429 refused was never made, so sending it again makes one.
const throttledHelperHere = (stop: string) => `
import axios, { isAxiosError } from 'axios';
import retry from 'async-retry';
${throttledHelper('whenThrottled', stop)}
export async function createDeal(title: string) {
  return whenThrottled(() => axios.post('https://crm.example.com/deals', { title }, { timeout: 10_000 }));
}`;

ruleTester.run('no-retry-non-idempotent: async-retry stopped by bail on all but a refusal', rule, {
  valid: [
    throttledHelperHere("if (isAxiosError(error) && error.response?.status === 429) { throw error; }"),
  ],
  invalid: [
    // going round on a 502 too: a deal the provider made before its gateway failed is made twice
    {
      code: throttledHelperHere("if (isAxiosError(error) && (error.response?.status === 429 || error.response?.status === 502)) { throw error; }"),
      errors: [{ messageId: 'retriedRequest', line: 18, suggestions: 1 }],
    },
    // nothing stops it: every failure goes round
    {
      code: throttledHelperHere('throw error;'),
      errors: [{ messageId: 'retriedRequest', line: 18, suggestions: 1 }],
    },
  ],
});
