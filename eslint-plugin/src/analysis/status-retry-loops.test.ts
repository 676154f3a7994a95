import { RuleTester } from '@typescript-eslint/rule-tester';
import noRetryNonIdempotent from '../rules/no-retry-non-idempotent.js';
import noUnboundedRetry from '../rules/no-unbounded-retry.js';
import retryRequiresBackoff from '../rules/retry-requires-backoff.js';

// An SDK's retry layer over fetch, which rejects only when no answer comes: it sends again while the answer's status
// says the service failed (a 408 or a 5xx), with no try around it. That is a retry like any other: it needs a bound
// and a growing wait, and re-sending a POST that creates something may create it twice.
const ruleTester = new RuleTester();

const layer = (loop: string, method = 'POST') => `const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
export async function createCollection(name: string): Promise<Response> {
  const send = () => fetch('https://api.vectors.example/v2/collections', { method: '${method}', body: JSON.stringify({ name }), signal: AbortSignal.timeout(60_000) });
  let answer = await send();
${loop}
  return answer;
}`;

const counted = (wait: string) => `  for (let tries = 0; tries < 3; tries++) {
    if (answer.status === 408 || answer.status >= 500) {
      ${wait}
      answer = await send();
    } else {
      break;
    }
  }`;
const backedOff = counted('await pause(Math.random() * 500 * 2 ** tries);');
const endless = `  while (answer.status >= 500) {
    await pause(Math.random() * 500);
    answer = await send();
  }`;
// a paginated read whose failing status is read for its message and thrown: it leaves, and sends nothing again
const paged = `  let next: string | undefined = 'https://api.vectors.example/v2/collections?page=1';
  while (next) {
    const page = await fetch(next, { signal: AbortSignal.timeout(10_000) });
    if (!page.ok) {
      const reason = await page.text();
      throw new Error(\`listing failed: \${page.status} \${reason}\`);
    }
    next = (await page.json()).next;
  }`;
// a loop asking again while the work is still going on polls; the status says nothing failed
const polling = `  for (let tries = 0; tries < 60 && answer.status === 202; tries++) {
    await pause(5_000);
    answer = await send();
  }`;

// the SDK's shape: the layer is handed each request to send, the endpoints' methods written by their callers
const sdk = (method: string) => `const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
async function withRetries(send: () => Promise<Response>, maxRetries = 2): Promise<Response> {
  let answer = await send();
  for (let tries = 0; tries < maxRetries; tries++) {
    if (answer.status === 408 || answer.status >= 500) {
      await pause(Math.random() * 500 * 2 ** tries);
      answer = await send();
    } else {
      break;
    }
  }
  return answer;
}
export function createCollection(name: string) {
  return withRetries(() => fetch('https://api.vectors.example/v2/collections', { method: '${method}', body: JSON.stringify({ name }), signal: AbortSignal.timeout(60_000) }));
}`;

ruleTester.run('no-retry-non-idempotent: a retry loop on the answer\'s status', noRetryNonIdempotent, {
  valid: [sdk('PUT'), layer(polling)],
  invalid: [{
    code: sdk('POST'),
    errors: [{
      messageId: 'retriedRequest',
      line: 15,
      suggestions: [{
        messageId: 'fixIdempotencyKey',
        output: sdk('POST')
          .replace('  return withRetries(', '  const idempotencyKey = crypto.randomUUID();\n  return withRetries(')
          .replace('AbortSignal.timeout(60_000) }', "AbortSignal.timeout(60_000), headers: { 'Idempotency-Key': idempotencyKey } }"),
      }],
    }],
  }],
});

ruleTester.run('retry-requires-backoff: a retry loop on the answer\'s status', retryRequiresBackoff, {
  valid: [layer(backedOff, 'PUT')],
  // more than a few tries a fixed time apart keep the failed clients in step
  invalid: [{
    code: layer(counted('await pause(1_000);').replace('tries < 3', 'tries < 8'), 'PUT'),
    errors: [{
      messageId: 'constantDelay',
      line: 5,
      suggestions: [{ messageId: 'fixAddBackoff', output: layer(counted('await pause(Math.random() * Math.min(30_000, 1_000 * 2 ** tries));').replace('tries < 3', 'tries < 8'), 'PUT') }],
    }],
  }],
});

ruleTester.run('no-unbounded-retry: a retry loop on the answer\'s status', noUnboundedRetry, {
  valid: [layer(backedOff, 'PUT'), layer(paged, 'PUT')],
  invalid: [{
    code: layer(endless, 'PUT'),
    errors: [{
      messageId: 'unbounded',
      line: 5,
      suggestions: [{ messageId: 'fixAddBound', output: layer(endless.replace('  while (answer.status >= 500) {', '  let retries = 0;\n  while ((answer.status >= 500) && retries++ < 3) {'), 'PUT') }],
    }],
  }],
});
