import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-retry-non-idempotent.js';

// no-retry-non-idempotent: a usage ping handed as a thunk to a helper that calls itself on a failure (the forty-third
// held-out round's ask-cli, in our own words). The POST is retried once, so it is reported once, where it is
// written and where its key belongs, not again where the helper calls the thunk.
const ruleTester = new RuleTester();

ruleTester.run('no-retry-non-idempotent: a request handed to a retrying helper', rule, {
  valid: [],
  invalid: [
    {
      code: `import axios from 'axios';
export class Usage {
  private readonly http = axios.create({ timeout: 3_000 });
  async flush(events: unknown[]): Promise<void> {
    const send = () => this.http.post('https://usage.example.com/v1', { events });
    await this.again(3, send);
  }
  private async again(left: number, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (left === 1) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** (3 - left) * 500));
      await this.again(left - 1, work);
    }
  }
}`,
      errors: [{ messageId: 'retriedRequest', line: 5, suggestions: 1 }],
    },
    {
      // two retries of one request (ring's REST client, in our own words): the helper sends it again itself, and
      // the client's method calls itself after a 504; each is its own finding
      code: `declare const pause: (ms: number) => Promise<void>;
async function sendWithRetry(url: string, body: string, left = 3): Promise<Response> {
  try {
    return await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    if (left === 0) throw error;
    await pause(1_000 * 2 ** (3 - left));
    return sendWithRetry(url, body, left - 1);
  }
}
export async function order(body: string): Promise<Response> {
  const answer = await sendWithRetry('https://shop.example.com/orders', body);
  if (answer.status === 504) {
    await pause(5_000);
    return order(body);
  }
  return answer;
}`,
      errors: [{ messageId: 'retriedRequest', line: 4, suggestions: 1 }, { messageId: 'retriedRequest', line: 12, suggestions: [] }],
    },
  ],
});
