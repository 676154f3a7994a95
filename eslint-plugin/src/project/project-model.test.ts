import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noUnprotectedCall from '../rules/no-unprotected-call.js';
import requireTimeout from '../rules/require-timeout.js';
import retryRequiresBackoff from '../rules/retry-requires-backoff.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// Real file names inside the fixture workspaces: what the linted code imports is read, resolved and summarised.
const workspace = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/${path}`, import.meta.url));
const monorepoRoute = workspace('monorepo/apps/api/src/routes/accounts.ts');
const nestService = workspace('nest-service/src/orders/refunds.service.ts');
const sdkApp = workspace('sdk-app/src/jobs.ts');
const sdkModule = workspace('sdk/src/resources.ts');
const webComponent = workspace('web-app/src/components/summary-panel.tsx');

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

ruleTester.run('require-timeout across files', requireTimeout, {
  valid: [
    // a wrapper in another package bounds its own call, or is reported there: its callers are not
    { filename: monorepoRoute, code: `import { getBounded, getJson } from '@acme/http'; export const load = async () => [await getBounded('/a'), await getJson('/b')];` },
    // a forwarding wrapper given a signal, through the package's barrel
    { filename: monorepoRoute, code: `import { apiFetch } from '@acme/http'; export const load = () => apiFetch('/a', { signal: AbortSignal.timeout(1_000) });` },
    // the caller's own options handed on: its caller chooses
    { filename: monorepoRoute, code: `import { apiFetch } from '@acme/http'; export const load = (init: RequestInit) => apiFetch('/a', init);` },
    // an imported client created with a timeout, through a tsconfig path alias
    { filename: monorepoRoute, code: `import { billingApi } from '@app/utils/http'; export const load = () => billingApi.get('/a');` },
    // a module that cannot be resolved is no client
    { filename: monorepoRoute, code: `import { request } from '@app/utils/missing'; export const load = () => request('/a');` },
    // a client class from another file whose forwarding method is given a timeout
    { filename: nestService, code: `import { BillingClient } from '../clients/billing.client';
export class Refunds { constructor(private readonly billing: BillingClient) {} run(id: string) { return this.billing.refund(id, { timeout: 2_000 }); } }` },
    // a page's call of a helper module whose request goes to the page's own API: a hang costs a spinner, as if the
    // component had called `fetch(withBasePath('/api/ai/summarize'))` itself
    { filename: webComponent, code: `import { summarize } from '../api/summarize';\nexport const load = (documentId: string) => summarize({ documentId });` },
    // and one whose request goes to another origin: a page's hang waits only on the person at it
    { filename: webComponent, code: `import { translate } from '../api/translate';\nexport const load = (text: string) => translate({ text });` },
    // no file name on disk (stdin): nothing is resolved, nothing is guessed
    { code: `import { apiFetch } from '@acme/http'; export const load = () => apiFetch('/a');` },
    // an injected fetch with a signal
    { filename: sdkModule, code: `export function make(fetchFn: typeof fetch = fetch) { return (url: string) => fetchFn(url, { signal: AbortSignal.timeout(1_000) }); }` },
    // a wrapper bounded only by its own `timeout` option, given one, or given a signal instead
    { filename: monorepoRoute, code: `import outbound from '@app/utils/outbound'; export const load = () => outbound('https://a.test', { timeout: 1_000 });` },
    { filename: monorepoRoute, code: `import outbound from '@app/utils/outbound'; export const load = (signal: AbortSignal) => outbound('https://a.test', { method: 'POST', signal });` },
    // the same wrapper with a default timeout of its own: a caller may pass nothing
    { filename: monorepoRoute, code: `import { outboundWithDefault } from '@app/utils/outbound'; export const load = () => outboundWithDefault('https://a.test');` },
    // a client class whose timeout is opt-in, given one on each call
    { filename: monorepoRoute, code: `import { RestClient } from '@acme/http';
const api = new RestClient({ baseUrl: 'https://a.test' });
export const load = async () => [await api.get('/a', { timeout: 1_000 }), await api.post('/b', {}, { signal: AbortSignal.timeout(1_000) })];` },
  ],
  invalid: [
    {
      filename: monorepoRoute,
      code: `import { apiFetch } from '@acme/http';\nexport const load = () => apiFetch('/a');`,
      errors: [{
        ...missing,
        suggestions: [
          { messageId: 'fixNativeTimeout', output: `import { apiFetch } from '@acme/http';\nexport const load = () => apiFetch('/a', { signal: AbortSignal.timeout(5_000) });` },
          {
            messageId: 'fixWrapInTimeout',
            output: `import { apiFetch } from '@acme/http';\nimport { timeout } from '@resilint/runtime';\nexport const load = () => timeout(5_000).execute(({ signal }) => apiFetch('/a', { signal }));`,
          },
          {
            messageId: 'fixWrapInRetryAndTimeout',
            output: `import { apiFetch } from '@acme/http';
import { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime';
export const load = () => pipeline(
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => apiFetch('/a', { signal }));`,
          }, {
            messageId: 'fixWrapInPipeline',
            output: `import { apiFetch } from '@acme/http';
import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';
const aBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
export const load = () => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when apiFetch fails'); }),
  aBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => apiFetch('/a', { signal }));`,
          },
        ] as never,
      }],
    },
    // a wrapper bounded only by its own `timeout` option with no default: the fix passes that option
    {
      filename: monorepoRoute,
      code: `import outbound from '@app/utils/outbound';\nexport const load = () => outbound('https://a.test');`,
      errors: [{
        ...missing,
        suggestions: [
          { messageId: 'fixNativeTimeout', output: `import outbound from '@app/utils/outbound';\nexport const load = () => outbound('https://a.test', { timeout: 5_000 });` },
          { messageId: 'fixWrapInTimeout', output: `import outbound from '@app/utils/outbound';\nimport { timeout } from '@resilint/runtime';\nexport const load = () => timeout(5_000).execute(({ signal }) => outbound('https://a.test', { signal }));` },
          { messageId: 'fixWrapInRetryAndTimeout', output: `import outbound from '@app/utils/outbound';
import { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime';
export const load = () => pipeline(
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => outbound('https://a.test', { signal }));` },
          { messageId: 'fixWrapInPipeline', output: `import outbound from '@app/utils/outbound';
import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';
const aBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
export const load = () => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when outbound fails'); }),
  aBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => outbound('https://a.test', { signal }));` },
        ] as never,
      }],
    },
    // a client class's methods, bounded only when their caller passes `timeout`: the option joins the caller's
    // options, or becomes the argument after the body
    {
      filename: monorepoRoute,
      code: `import { RestClient } from '@acme/http';
const api = new RestClient({ baseUrl: 'https://a.test' });
export const save = (body: unknown) => api.post('/a', body);
export const load = () => api.get('/a', { headers: {} });`,
      errors: [
        { ...missing, data: { call: 'api.post', remedy: "pass `timeout` or `signal` in its options, or give the project's `RestClient.post` a default bound: it sets none of its own, only the one its caller gives" } as never, suggestions: 4 },
        { ...missing, suggestions: 4 },
      ],
    },
    {
      filename: monorepoRoute,
      code: `import { RestClient } from '@acme/http';\nconst api = new RestClient({ baseUrl: 'https://a.test' });\nexport const load = () => api.get('/a', { headers: {} });`,
      errors: [{
        ...missing,
        suggestions: [
          { messageId: 'fixNativeTimeout', output: `import { RestClient } from '@acme/http';\nconst api = new RestClient({ baseUrl: 'https://a.test' });\nexport const load = () => api.get('/a', { headers: {}, timeout: 5_000 });` },
          { messageId: 'fixWrapInTimeout', output: `import { RestClient } from '@acme/http';\nimport { timeout } from '@resilint/runtime';\nconst api = new RestClient({ baseUrl: 'https://a.test' });\nexport const load = () => timeout(5_000).execute(({ signal }) => api.get('/a', { headers: {}, signal }));` },
          { messageId: 'fixWrapInRetryAndTimeout', output: `import { RestClient } from '@acme/http';
import { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime';
const api = new RestClient({ baseUrl: 'https://a.test' });
export const load = () => pipeline(
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => api.get('/a', { headers: {}, signal }));` },
          { messageId: 'fixWrapInPipeline', output: `import { RestClient } from '@acme/http';
import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';
const aBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
const api = new RestClient({ baseUrl: 'https://a.test' });
export const load = () => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when api.get fails'); }),
  aBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => api.get('/a', { headers: {}, signal }));` },
        ] as never,
      }],
    },
    // given options without a signal, through a namespace import
    { filename: monorepoRoute, code: `import * as http from '@acme/http'; export const load = () => http.apiFetch('/a', { headers: {} });`, errors: [{ ...missing, suggestions: 4 }] },
    // an imported axios instance with no timeout
    { filename: monorepoRoute, code: `import { internalApi } from '@app/utils/http'; export const load = () => internalApi.get('/a');`, errors: [{ ...missing, suggestions: 4 }] },
    // a client class from another file (through a barrel and a path alias), injected by its type
    { filename: nestService, code: `import { BillingClient } from '~/clients';
export class Refunds { constructor(private readonly billing: BillingClient) {} run(id: string) { return this.billing.refund(id); } }`, errors: [{ ...missing, suggestions: 3 }] },
    // an SDK client from another package, its forwarding method called with nothing
    { filename: sdkApp, code: `import { AcmeClient } from '../../sdk/src';
const client = new AcmeClient({ baseUrl: 'https://acme.test' });
export const job = () => client.request('/jobs');`, errors: [{ ...missing, suggestions: 4 }] },
    // cause 3: an aliased or injectable fetch
    { filename: sdkModule, code: `export class Api { private readonly fetchFn = globalThis.fetch; constructor(private readonly config: { fetch?: typeof fetch }) {}
  load() { const fetchFn = this.config.fetch ?? globalThis.fetch; return fetchFn('/a'); } }`, errors: [{ ...missing, suggestions: 4 }] },
    { filename: sdkModule, code: `export const load = (fetchFn?: typeof fetch) => (fetchFn ?? fetch)('/a');`, errors: [{ ...missing, suggestions: 4 }] },
    { filename: sdkModule, code: `type FetchFunction = typeof fetch; export const load = (url: string, fetchFn: FetchFunction = fetch) => fetchFn(url);`, errors: [{ ...missing, suggestions: 4 }] },
    { filename: sdkModule, code: `interface Config { fetch?: typeof fetch } export const load = (cfg: Config) => cfg.fetch!('/a');`, errors: [{ ...missing, suggestions: 4 }] },
  ],
});

ruleTester.run('no-unprotected-call across files', noUnprotectedCall, {
  valid: [
    { filename: monorepoRoute, code: `import { getJson } from '@acme/http'; export async function load() { try { await getJson('/a'); } catch { return null; } }` },
    { filename: nestService, code: `import { BillingClient } from '~/clients';
export class Refunds { constructor(private readonly billing: BillingClient) {} run(id: string) { return this.billing.charge(id); } }` },
  ],
  invalid: [
    { filename: monorepoRoute, code: `import { getJson } from '@acme/http'; export function load() { getJson('/a'); }`, errors: [{ messageId: 'floating', suggestions: 4 }] },
    { filename: nestService, code: `import { BillingClient } from '../clients/billing.client';
export class Refunds { constructor(private readonly billing: BillingClient) {} run(id: string) { setTimeout(() => this.billing.charge(id), 10); } }`, errors: [{ messageId: 'callback', suggestions: 4 }] },
    { filename: sdkApp, code: `import { AcmeClient } from '../../sdk/src';
const client = new AcmeClient({ baseUrl: 'https://acme.test' });
client.connections.open({});`, errors: [{ messageId: 'floating', suggestions: 4 }] },
  ],
});

ruleTester.run('retry-requires-backoff across files', retryRequiresBackoff, {
  valid: [
    // the imported helper only waits on a timer, and the wait grows with the attempt
    { filename: monorepoRoute, code: `import { timer } from '@app/utils/timing';
export async function send(url: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { await fetch(url, { method: 'PUT', signal: AbortSignal.timeout(5_000) }); return; } catch (error) { if (attempt === 2) throw error; await timer(500 * 2 ** attempt); }
  }
}` },
  ],
  invalid: [
    // the same helper with a fixed pause: a constant delay, not "tries again at once"
    {
      filename: monorepoRoute,
      code: `import { timer } from '@app/utils/timing';
export async function send(url: string): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    try { await fetch(url, { method: 'PUT', signal: AbortSignal.timeout(5_000) }); return; } catch (error) { if (attempt === 5) throw error; await timer(5_000); }
  }
}`,
      errors: [{ messageId: 'constantDelay', suggestions: [{ messageId: 'fixAddBackoff', output: `import { timer } from '@app/utils/timing';
export async function send(url: string): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    try { await fetch(url, { method: 'PUT', signal: AbortSignal.timeout(5_000) }); return; } catch (error) { if (attempt === 5) throw error; await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt))); }
  }
}` }] }],
    },
  ],
});
