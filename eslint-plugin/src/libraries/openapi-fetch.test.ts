import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A template CLI on its API's openapi-fetch client (the forty-fourth held-out round's e2b CLI, in our own words):
// each verb method sends with the global fetch and no timeout unless its init carries a signal.
const remedy = 'pass `signal: AbortSignal.timeout(ms)` in its init (second argument): openapi-fetch sends with fetch and sets no timeout';
const templates = (call: string, made = "createClient<Paths>({ baseUrl: 'https://api.example.dev' })") => `import createClient from 'openapi-fetch';
type Paths = any;
const client = { api: ${made} };
export async function removeTemplate(id: string) {
  const res = await ${call};
  if (res.error) throw new Error('could not delete ' + id);
}
`;

ruleTester.run('require-timeout (openapi-fetch)', requireTimeout, {
  valid: [
    templates("client.api.DELETE('/templates/{id}', { params: { path: { id } }, signal: AbortSignal.timeout(10_000) })"),
    // a fetch of its own may bound every call; a signal at creation is one deadline its author chose for them all
    templates("client.api.DELETE('/templates/{id}', { params: { path: { id } } })", "createClient<Paths>({ baseUrl: 'https://api.example.dev', fetch: timedFetch })")
      .replace('const client', 'declare const timedFetch: typeof fetch;\nconst client'),
    templates("client.api.DELETE('/templates/{id}', { params: { path: { id } } })", "createClient<Paths>({ baseUrl: 'https://api.example.dev', signal: AbortSignal.timeout(60_000) })"),
  ],
  invalid: [
    {
      code: templates("client.api.DELETE('/templates/{id}', { params: { path: { id } } })"),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        data: { call: 'openapi-fetch DELETE', remedy },
        suggestions: [
          { messageId: 'fixNativeTimeout', output: templates("client.api.DELETE('/templates/{id}', { params: { path: { id } }, signal: AbortSignal.timeout(5_000) })") },
          { messageId: 'fixWrapInTimeout', output: templates("timeout(5_000).execute(({ signal }) => client.api.DELETE('/templates/{id}', { params: { path: { id } }, signal }))").replace("import createClient from 'openapi-fetch';", "import createClient from 'openapi-fetch';\nimport { timeout } from '@resilint/runtime';") },
          { messageId: 'fixWrapInRetryAndTimeout', output: `import createClient from 'openapi-fetch';
import { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime';
type Paths = any;
const client = { api: createClient<Paths>({ baseUrl: 'https://api.example.dev' }) };
export async function removeTemplate(id: string) {
  const res = await pipeline(
    retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
    timeout(5_000),
  ).execute(({ signal }) => client.api.DELETE('/templates/{id}', { params: { path: { id } }, signal }));
  if (res.error) throw new Error('could not delete ' + id);
}
` },
          { messageId: 'fixWrapInPipeline', output: `import createClient from 'openapi-fetch';
import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';
const apiBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
type Paths = any;
const client = { api: createClient<Paths>({ baseUrl: 'https://api.example.dev' }) };
export async function removeTemplate(id: string) {
  const res = await pipeline(
    fallback(() => { throw new Error('TODO: choose the value to use when openapi-fetch DELETE fails'); }),
    apiBreaker,
    retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
    timeout(5_000),
  ).execute(({ signal }) => client.api.DELETE('/templates/{id}', { params: { path: { id } }, signal }));
  if (res.error) throw new Error('could not delete ' + id);
}
` },
        ],
      }],
    },
  ],
});
