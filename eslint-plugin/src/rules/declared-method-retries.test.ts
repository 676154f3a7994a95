import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-retry-non-idempotent.js';

const ruleTester = new RuleTester();

/**
 * An SDK's one request function, called only by resource methods generated in other modules, sends whatever method
 * its options name and sends the request again after its own timeout (met on a CMS's REST client, the thirty-fourth
 * round). No caller is in view, but the options' declared type says which methods arrive: with a POST among them, a
 * create that timed out on the client (and usually landed) is sent a second time.
 */
const layer = ({ methods = "'GET' | 'PUT' | 'POST' | 'DELETE'", exported = 'export ', callers = '', headers = '' } = {}) => `type HttpMethod = ${methods};
interface CallOptions { url: string; method: HttpMethod; body?: unknown; attempt?: number }
class TimedOut extends Error {}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

${exported}async function call(options: CallOptions): Promise<unknown> {
  const attempt = options.attempt ?? 1;
  try {
    const res = await fetch(options.url, { method: options.method, body: JSON.stringify(options.body), signal: AbortSignal.timeout(30_000)${headers} });
    return await res.json();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError' && attempt < 5) {
      await pause(2 ** attempt * 500);
      return call({ ...options, attempt: attempt + 1 });
    }
    throw error;
  }
}
${callers}`;

ruleTester.run('no-retry-non-idempotent: a layer whose options type allows a POST, its callers out of view', rule, {
  valid: [
    // the type allows only idempotent methods
    layer({ methods: "'GET' | 'PUT' | 'DELETE'" }),
    // not exported: its callers are all in this module, and none is
    layer({ exported: '' }),
    // a caller in view: judged by the method it writes
    layer({ callers: "export const listItems = () => call({ url: 'https://api.example.test/items', method: 'GET' });\n" }),
    // a key made once for all the attempts
    layer({ headers: ", headers: { 'Idempotency-Key': options.idempotencyKey }" }).replace('attempt?: number }', 'attempt?: number; idempotencyKey: string }'),
  ],
  invalid: [
    {
      code: layer(),
      errors: [{ messageId: 'retriedDeclaredMethod', line: 9, data: { call: '`fetch`', method: 'POST', retry: '`call` (retrying by calling itself)' }, suggestions: 1 }],
    },
    {
      // the members as a type literal of the parameter, the methods in lower case
      code: layer({ methods: "'get' | 'post'" }).replace('async function call(options: CallOptions)', 'async function call(options: { url: string; method: HttpMethod; body?: unknown; attempt?: number })'),
      errors: [{ messageId: 'retriedDeclaredMethod', line: 9, data: { call: '`fetch`', method: 'POST', retry: '`call` (retrying by calling itself)' }, suggestions: 1 }],
    },
  ],
});
