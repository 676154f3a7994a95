import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// `fetch(url, { dispatcher })` is bounded only by the timeouts its undici dispatcher was created with: undici's
// defaults (300 s for the headers, 300 s between body chunks) are those of a bare fetch, and `connect.timeout`
// bounds the connection only. The dispatcher is followed to where it is created, here or in another module.
const webhooks = fileURLToPath(new URL('../../../fixtures/workspaces/nest-service/src/http/webhooks.ts', import.meta.url));
const missing = { messageId: 'missingTimeout' as const };
const remedy = "pass `signal: AbortSignal.timeout(ms)`, or set `headersTimeout` and `bodyTimeout` where its dispatcher is created (undici's default is 300 s each, as for a bare fetch)";

const ruleTester = new RuleTester();

ruleTester.run('require-timeout (fetch through an undici dispatcher)', requireTimeout, {
  valid: [
    // a dispatcher created with a headers or body timeout
    `import { Agent } from 'undici'; const agent = new Agent({ headersTimeout: 10_000, bodyTimeout: 10_000 }); export const send = (url: string) => fetch(url, { dispatcher: agent });`,
    `import { Pool } from 'undici'; const pool = new Pool('https://ledger.test', { headersTimeout: 5_000 }); export const send = (url: string) => fetch(url, { method: 'POST', dispatcher: pool });`,
    // a dispatcher with default timeouts, but the call has a signal
    `import { Agent } from 'undici'; const agent = new Agent(); export const send = (url: string) => fetch(url, { dispatcher: agent, signal: AbortSignal.timeout(5_000) });`,
    // a dispatcher that cannot be followed: injected, typed only, or wrapping one that cannot
    `import type { Dispatcher } from 'undici'; export const send = (url: string, dispatcher: Dispatcher) => fetch(url, { dispatcher });`,
    `import { Agent } from 'undici'; export const send = (url: string, agent: Agent) => fetch(url, { dispatcher: agent });`,
    `import { RetryAgent } from 'undici'; import { sharedAgent } from 'some-pool'; const agent = new RetryAgent(sharedAgent, { maxRetries: 2 }); export const send = (url: string) => fetch(url, { dispatcher: agent });`,
    // a wrapper, undici's or another, is as bounded as the dispatcher it wraps
    `import { Agent, RetryAgent } from 'undici'; const agent = new RetryAgent(new Agent({ headersTimeout: 5_000, bodyTimeout: 5_000 }), { maxRetries: 2 }); export const send = (url: string) => fetch(url, { dispatcher: agent });`,
    `import { Agent, Dispatcher1Wrapper } from 'undici'; const pool = new Agent({ headersTimeout: 15_000 }); const legacy = new Dispatcher1Wrapper(pool); export const send = (url: string) => fetch(url, { dispatcher: legacy });`,
    `import { Agent } from 'undici'; import { Traced } from './tracing'; const agent = new Agent({ headersTimeout: 3_000 }); export const send = (url: string) => fetch(url, { dispatcher: new Traced(agent) });`,
    // created in another module with timeouts
    { filename: webhooks, code: `import { ledgerAgent } from './dispatchers'; export const post = (url: string, body: string) => fetch(url, { method: 'POST', body, dispatcher: ledgerAgent });` },
  ],
  invalid: [
    {
      // undici's fetch takes a standard init: a `headersTimeout` there is ignored (it belongs to a dispatcher)
      code: `import { fetch } from 'undici';
export const health = (url: string) => fetch(url, { headersTimeout: 5_000 } as RequestInit);`,
      errors: [{
        ...missing,
        suggestions: [
          { messageId: 'fixNativeTimeout', output: `import { fetch } from 'undici';
export const health = (url: string) => fetch(url, { headersTimeout: 5_000, signal: AbortSignal.timeout(5_000) } as RequestInit);` },
          { messageId: 'fixWrapInTimeout', output: `import { fetch } from 'undici';
import { timeout } from '@resilint/runtime';
export const health = (url: string) => timeout(5_000).execute(({ signal }) => fetch(url, { headersTimeout: 5_000, signal } as RequestInit));` },
          { messageId: 'fixWrapInRetryAndTimeout', output: `import { fetch } from 'undici';
import { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime';
export const health = (url: string) => pipeline(
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch(url, { headersTimeout: 5_000, signal } as RequestInit));` },
          { messageId: 'fixWrapInPipeline', output: `import { fetch } from 'undici';
import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';
const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
export const health = (url: string) => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch(url, { headersTimeout: 5_000, signal } as RequestInit));` },
        ],
      }],
    },
    {
      // a body that stalls is cut off, but an answer that never starts still waits undici's 300 s for its headers
      code: `import { Agent } from 'undici';
const streaming = new Agent({ bodyTimeout: 15_000 });
export const download = (url: string) => fetch(url, { dispatcher: streaming });`,
      errors: [{
        ...missing,
        data: { call: 'fetch', remedy },
        suggestions: [
          { messageId: 'fixInstanceTimeout', output: `import { Agent } from 'undici';
const streaming = new Agent({ bodyTimeout: 15_000, headersTimeout: 10_000 });
export const download = (url: string) => fetch(url, { dispatcher: streaming });` },
          { messageId: 'fixNativeTimeout', output: `import { Agent } from 'undici';
const streaming = new Agent({ bodyTimeout: 15_000 });
export const download = (url: string) => fetch(url, { dispatcher: streaming, signal: AbortSignal.timeout(5_000) });` },
          { messageId: 'fixWrapInTimeout', output: `import { Agent } from 'undici';
import { timeout } from '@resilint/runtime';
const streaming = new Agent({ bodyTimeout: 15_000 });
export const download = (url: string) => timeout(5_000).execute(({ signal }) => fetch(url, { dispatcher: streaming, signal }));` },
          { messageId: 'fixWrapInRetryAndTimeout', output: `import { Agent } from 'undici';
import { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime';
const streaming = new Agent({ bodyTimeout: 15_000 });
export const download = (url: string) => pipeline(
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch(url, { dispatcher: streaming, signal }));` },
          { messageId: 'fixWrapInPipeline', output: `import { Agent } from 'undici';
import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';
const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
const streaming = new Agent({ bodyTimeout: 15_000 });
export const download = (url: string) => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch(url, { dispatcher: streaming, signal }));` },
        ],
      }],
    },
    {
      // an Agent that only pins DNS lookups: the same wait as a bare fetch; the fix may go on the Agent or the call
      code: `import { Agent } from 'undici';
import { lookup } from 'node:dns';
const pinned = new Agent({ connect: { lookup } });
export const notify = (url: string, body: string) => fetch(url, { method: 'POST', body, dispatcher: pinned });`,
      errors: [{
        ...missing,
        data: { call: 'fetch', remedy },
        suggestions: [
          { messageId: 'fixInstanceTimeout', output: `import { Agent } from 'undici';
import { lookup } from 'node:dns';
const pinned = new Agent({ connect: { lookup }, headersTimeout: 10_000, bodyTimeout: 30_000 });
export const notify = (url: string, body: string) => fetch(url, { method: 'POST', body, dispatcher: pinned });` },
          { messageId: 'fixNativeTimeout', output: `import { Agent } from 'undici';
import { lookup } from 'node:dns';
const pinned = new Agent({ connect: { lookup } });
export const notify = (url: string, body: string) => fetch(url, { method: 'POST', body, dispatcher: pinned, signal: AbortSignal.timeout(5_000) });` },
          { messageId: 'fixWrapInTimeout', output: `import { Agent } from 'undici';
import { lookup } from 'node:dns';
import { timeout } from '@resilint/runtime';
const pinned = new Agent({ connect: { lookup } });
export const notify = (url: string, body: string) => timeout(5_000).execute(({ signal }) => fetch(url, { method: 'POST', body, dispatcher: pinned, signal }));` },
          { messageId: 'fixWrapInPipeline', output: `import { Agent } from 'undici';
import { lookup } from 'node:dns';
import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
const pinned = new Agent({ connect: { lookup } });
export const notify = (url: string, body: string) => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
  timeout(5_000),
).execute(({ signal }) => fetch(url, { method: 'POST', body, dispatcher: pinned, signal }));` },
        ],
      }],
    },
    {
      // a connect timeout bounds the connection, not the wait for the answer
      code: `import { Agent } from 'undici'; export const read = (url: string) => fetch(url, { dispatcher: new Agent({ connect: { timeout: 2_000 } }) });`,
      errors: [{ ...missing, data: { call: 'fetch', remedy }, suggestions: 5 }],
    },
    {
      // a retrying wrapper over undici's defaults: each attempt may wait 300 s
      code: `import { Agent, RetryAgent } from 'undici'; const agent = new RetryAgent(new Agent({ connections: 4 }), { maxRetries: 2 }); export const send = (url: string) => fetch(url, { dispatcher: agent });`,
      errors: [{ ...missing, data: { call: 'fetch', remedy }, suggestions: 5 }],
    },
    {
      // the wrapper fetch needs for an older dispatcher, around a class of the project that extends Agent and sets no timeout
      filename: webhooks,
      code: `import { Agent, Dispatcher1Wrapper } from 'undici';
class PinnedAgent extends Agent {}
const wrapped = new Dispatcher1Wrapper(new PinnedAgent({ connections: 4 }));
export const send = (url: string) => fetch(url, { dispatcher: wrapped });`,
      errors: [{ ...missing, data: { call: 'fetch', remedy }, suggestions: 5 }],
    },
    {
      // a wrapper not known here, around an Agent known to set no timeout
      code: `import { Agent } from 'undici'; import { Traced } from './tracing'; const agent = new Agent({ connections: 2 }); export const send = (url: string) => fetch(url, { dispatcher: new Traced(agent) });`,
      errors: [{
        ...missing,
        data: { call: 'fetch', remedy },
        suggestions: [
          // the timeouts go where the wrapped Agent is created
          { messageId: 'fixInstanceTimeout', output: `import { Agent } from 'undici'; import { Traced } from './tracing'; const agent = new Agent({ connections: 2, headersTimeout: 10_000, bodyTimeout: 30_000 }); export const send = (url: string) => fetch(url, { dispatcher: new Traced(agent) });` },
          { messageId: 'fixNativeTimeout', output: `import { Agent } from 'undici'; import { Traced } from './tracing'; const agent = new Agent({ connections: 2 }); export const send = (url: string) => fetch(url, { dispatcher: new Traced(agent), signal: AbortSignal.timeout(5_000) });` },
          { messageId: 'fixWrapInTimeout', output: `import { Agent } from 'undici'; import { Traced } from './tracing';
import { timeout } from '@resilint/runtime'; const agent = new Agent({ connections: 2 }); export const send = (url: string) => timeout(5_000).execute(({ signal }) => fetch(url, { dispatcher: new Traced(agent), signal }));` },
          { messageId: 'fixWrapInRetryAndTimeout', output: `import { Agent } from 'undici'; import { Traced } from './tracing';
import { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime'; const agent = new Agent({ connections: 2 }); export const send = (url: string) => pipeline(
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch(url, { dispatcher: new Traced(agent), signal }));` },
          { messageId: 'fixWrapInPipeline', output: `import { Agent } from 'undici'; import { Traced } from './tracing';
import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';
const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 }); const agent = new Agent({ connections: 2 }); export const send = (url: string) => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch(url, { dispatcher: new Traced(agent), signal }));` },
        ],
      }],
    },
    {
      // created in another module, reached through a function that returns it
      filename: webhooks,
      code: `import { outboundAgent } from './dispatchers';
export const deliver = (url: string, body: string) => fetch(url, { method: 'POST', body, dispatcher: outboundAgent() });`,
      errors: [{ ...missing, data: { call: 'fetch', remedy }, suggestions: 3 }],
    },
    {
      // exported directly, and named in options held in a const
      filename: webhooks,
      code: `import { pinnedAgent } from './dispatchers';
const init = { dispatcher: pinnedAgent };
export const probe = (url: string) => fetch(url, init);`,
      errors: [{ ...missing, data: { call: 'fetch', remedy }, suggestions: 4 }],
    },
  ],
});
