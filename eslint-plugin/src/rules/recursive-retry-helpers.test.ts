import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import idempotent from './no-retry-non-idempotent.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A generic helper that retries whatever work it is handed by calling itself from its catch, counting down what is
 * left: judged as a loop would be (its bound, its wait), and the work its callers hand it counts as retried.
 */
const helper = (check: string, wait: string, next: string) => `
import axios from 'axios';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const again = async <T>(left: number, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    ${check}
    ${wait}
    return again(${next}, work);
  }
};
export const quote = (sku: string) => again(4, () => axios.get(\`https://pricing.example.com/quotes/\${sku}\`, { timeout: 5_000 }));`;

const bounded = helper('if (left <= 0) throw error;', 'await pause(200 * 2 ** (4 - left) + Math.random() * 100);', 'left - 1');
const atOnce = helper('if (left <= 0) throw error;', '', 'left - 1');
const endless = helper('', 'await pause(200 * 2 ** Math.min(left, 6));', 'left + 1');

ruleTester.run('retry-requires-backoff: a recursive generic retry helper', backoff, {
  valid: [bounded, endless],
  invalid: [{ code: atOnce, errors: [{ messageId: 'noDelay', line: 10, suggestions: 1 }] }],
});

ruleTester.run('no-unbounded-retry: a recursive generic retry helper', unbounded, {
  valid: [
    bounded,
    atOnce,
    // polling through the helper: every caller hands it work that says "not ready yet"
    `${bounded.replace(/export const quote[^\n]*/, '')}
export const report = (id: string) => again(60, async () => {
  const response = await axios.get(\`https://reports.example.com/jobs/\${id}\`, { timeout: 5_000 });
  if (response.data.state !== 'finished') throw new Error('report not ready yet');
  return response.data;
});`,
  ],
  invalid: [{ code: endless, errors: [{ messageId: 'unbounded', line: 10, suggestions: 1 }] }],
});

ruleTester.run('no-retry-non-idempotent: work handed to a recursive generic retry helper', idempotent, {
  valid: [bounded],
  invalid: [
    {
      code: bounded.replace('axios.get(`https://pricing.example.com/quotes/${sku}`, { timeout: 5_000 })', "axios.post('https://pricing.example.com/orders', { sku }, { timeout: 5_000 })"),
      errors: [{ messageId: 'retriedRequest', line: 13, suggestions: 1 }],
    },
  ],
});

/**
 * A request that calls itself with the next try number, counted in locals made from its parameters
 * (`const following = tryNumber + 1; const allowed = extraTries + 1`) and tested before the call: bounded, as a test
 * of the parameter itself would be. Without the test it is endless.
 */
const countedInLocals = (check: string) => `
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
export async function pushInvoice(id: string, tryNumber: number, extraTries: number): Promise<Response> {
  const following = tryNumber + 1;
  const allowed = extraTries + 1;
  try {
    return await fetch(\`https://billing.example.com/invoices/\${id}\`, { method: 'PUT', signal: AbortSignal.timeout(8_000) });
  } catch (failure) {
    ${check}
    await sleep(500 * 2 ** tryNumber);
    return pushInvoice(id, following, extraTries);
  }
}`;

ruleTester.run('no-unbounded-retry: a recursive retry counted in locals made from its parameters', unbounded, {
  valid: [countedInLocals('if (following > allowed) throw failure;')],
  invalid: [{ code: countedInLocals('console.warn(failure);'), errors: [{ messageId: 'unbounded', line: 11, suggestions: 1 }] }],
});
