import { RuleTester } from '@typescript-eslint/rule-tester';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * An SDK's request layer with two ways round (met on datocms' clients, the thirty-fourth round): a 429 is sent again
 * after a wait, and so is an answer whose error the API marks transient. Each way round has its own test of the answer
 * and needs its own bound; a cap on one says nothing of the other.
 */
const layer = (transientTest: string, limit429 = '') => `const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
interface Options { url: string; method: string; body?: string; retryCount?: number }
export async function request(options: Options): Promise<unknown> {
  const retryCount = options.retryCount || 1;
  const response = await fetch(options.url, { method: options.method, body: options.body, signal: AbortSignal.timeout(30_000) });
  if (response.status === 429${limit429}) {
    await wait(retryCount * 1_000);
    return request({ ...options, retryCount: retryCount + 1 });
  }
  const body = await response.json();
  if (response.ok) return body;
  const transientCode = body.errors?.find((error: { transient?: boolean; code: string }) => error.transient)?.code;
  if (${transientTest}) {
    await wait(retryCount * 1_000);
    return request({ ...options, retryCount: retryCount + 1 });
  }
  throw new Error(body.errors?.[0]?.code ?? 'request failed');
}
`;

ruleTester.run('no-unbounded-retry: a layer going round on a 429 and on an error marked transient', unbounded, {
  valid: [
    // both ways round capped
    layer('transientCode && retryCount < 5', ' && retryCount < 5'),
  ],
  invalid: [
    {
      code: layer('transientCode'),
      errors: [{ messageId: 'unbounded', line: 8, suggestions: 1 }, { messageId: 'unbounded', line: 15, suggestions: 1 }],
    },
    {
      // the 429 is capped, the transient error is not
      code: layer('transientCode', ' && retryCount < 5'),
      errors: [{ messageId: 'unbounded', line: 15, suggestions: 1 }],
    },
  ],
});
