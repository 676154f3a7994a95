import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import noRetryNonIdempotent from './no-retry-non-idempotent.js';

// A retrying helper that returns the answer when its status is good (or a refusal not worth repeating) and goes
// round again on a 5xx or a network error retries both; the init it sends is its caller's, so a caller sending a
// POST with no idempotency key has it sent again. Turning the error into text to look at it decides nothing.
const ruleTester = new RuleTester();

const helper = (wait: string) => `async function sendWithRetry(url: string, init: RequestInit, tries = 3): Promise<Response> {
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      const response = await fetch(url, init);
      if (response.ok || (response.status >= 400 && response.status < 500)) {
        return response;
      }
      console.warn(\`attempt \${attempt} failed with \${response.status}\`);
      if (attempt === tries) throw new Error(\`gave up after \${tries} attempts: \${response.status}\`);
      ${wait}
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (text.startsWith('gave up after')) throw error;
      if (attempt === tries) throw new Error(\`gave up after \${tries} attempts: \${text}\`);
      ${wait}
    }
  }
  throw new Error('unreachable');
}
`;
const paced = helper('await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** attempt));');
// the key made once per call of the helper, sent beside the headers of the caller's init
const keyed = paced
  .replace('  for (let attempt', '  const idempotencyKey = crypto.randomUUID();\n  for (let attempt')
  .replace('fetch(url, init)', "fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), 'Idempotency-Key': idempotencyKey } })");
const start = "export const start = (host: string, body: string) => sendWithRetry(`${host}/builds`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });";

ruleTester.run('no-retry-non-idempotent: a helper checking the status, sending its caller\'s init', noRetryNonIdempotent, {
  valid: [
    `${paced}export const status = (host: string) => sendWithRetry(\`\${host}/builds/latest\`, { headers: { accept: 'application/json' } });`,
    `${paced}export const start = (host: string, body: string) => sendWithRetry(\`\${host}/builds\`, { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID() } });`,
  ],
  invalid: [
    {
      code: `${paced}${start}`,
      errors: [{ messageId: 'retriedRequest', line: 4, suggestions: [{ messageId: 'fixIdempotencyKey', output: `${keyed}${start}` }] }],
    },
  ],
});

const backoffFindings = (code: string): unknown[] => new Linter({ configType: 'flat' })
  .verify(code, plugin.configs.all as unknown as Linter.Config[], { filename: 'build.ts' })
  .filter((message) => message.ruleId === 'resilint/retry-requires-backoff')
  .map((message) => [message.messageId, message.line]);

describe('retry-requires-backoff: a helper checking the status', () => {
  it('reports it when it goes round at once', () => {
    expect(backoffFindings(helper(''))).toEqual([['noDelay', 2]]);
  });
  it('leaves it alone when it waits longer each time', () => {
    expect(backoffFindings(paced)).toEqual([]);
  });
});
