import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noRetryNonIdempotent from '../rules/no-retry-non-idempotent.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// ofetch waits as long as the other side takes unless `timeout` or `signal` is given, on the call or on an instance
// from `ofetch.create`. Nuxt and Nitro declare it globally as `$fetch`: a Nitro route (`server/`) calling a third-party
// API with it is server code; `$fetch('/api/...')` is the app calling its own routes.
const shop = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/nuxt-shop/${path}`, import.meta.url));
const route = shop('server/api/rates.ts');
const component = shop('components/price-tag.ts');
const missing = { messageId: 'missingTimeout' as const };

const ruleTester = new RuleTester();

ruleTester.run('require-timeout (ofetch and $fetch)', requireTimeout, {
  valid: [
    { filename: route, code: `import { ofetch } from 'ofetch';\nexport const rates = () => ofetch('https://api.rates.example/latest', { timeout: 5_000 });` },
    { filename: route, code: `export default defineEventHandler((event) => $fetch('https://api.rates.example/latest', { signal: AbortSignal.timeout(5_000) }));` },
    // an instance bounded where it is created bounds every call through it
    { filename: route, code: `import { ofetch } from 'ofetch';\nconst rates = ofetch.create({ baseURL: 'https://api.rates.example', timeout: 5_000 });\nexport default defineEventHandler(() => rates('/latest'));` },
    // the app's own route, served in-process by Nitro
    { filename: route, code: `export default defineEventHandler(() => $fetch('/api/cart'));` },
    { filename: route, code: 'export default defineEventHandler((event) => $fetch(`/api/cart/${getRouterParam(event, "id")}`));' },
    // a component of the front end: a spinner, not a service (recommended leaves browser calls alone)
    { filename: component, code: `export const load = () => $fetch('https://api.rates.example/latest');` },
    // a local binding named $fetch is not Nuxt's
    { filename: route, code: `const $fetch = (url: string) => Promise.resolve(url);\nexport default defineEventHandler(() => $fetch('https://api.rates.example/latest'));` },
  ],
  invalid: [
    {
      filename: route,
      code: `export default defineEventHandler(async () => {\n  const body = await $fetch('https://api.rates.example/latest');\n  return body;\n});`,
      errors: [{
        ...missing,
        line: 2,
        data: { call: '$fetch', remedy: 'set `timeout` (ms) on the call or in `ofetch.create(...)`, or pass `signal`' },
        suggestions: [
          { messageId: 'fixNativeTimeout', output: `export default defineEventHandler(async () => {\n  const body = await $fetch('https://api.rates.example/latest', { timeout: 5_000 });\n  return body;\n});` },
          { messageId: 'fixWrapInTimeout', output: `import { timeout } from '@resilint/runtime';\n\nexport default defineEventHandler(async () => {\n  const body = await timeout(5_000).execute(({ signal }) => $fetch('https://api.rates.example/latest', { signal }));\n  return body;\n});` },
          {
            // no retry of its own: ofetch already retries a GET once
            messageId: 'fixWrapInPipeline',
            output: `import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';

const ratesBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

export default defineEventHandler(async () => {
  const body = await pipeline(
    fallback(() => { throw new Error('TODO: choose the value to use when $fetch fails'); }),
    ratesBreaker,
    timeout(5_000),
  ).execute(({ signal }) => $fetch('https://api.rates.example/latest', { signal }));
  return body;
});`,
          },
        ],
      }],
    },
    {
      // imported, with options that bound nothing
      filename: route,
      code: `import { ofetch } from 'ofetch';\nexport const order = (id: string) => ofetch.raw('https://api.shipping.example/orders', { method: 'POST', body: { id } });`,
      errors: [{ ...missing, line: 2, suggestions: 3 }],
    },
    {
      // an instance created without a timeout
      filename: route,
      code: `import { ofetch } from 'ofetch';\nconst shipping = ofetch.create({ baseURL: 'https://api.shipping.example' });\nexport const track = (id: string) => shipping(\`/track/\${id}\`);`,
      errors: [{ ...missing, line: 3, suggestions: 4 }],
    },
  ],
});

ruleTester.run('no-retry-non-idempotent (ofetch)', noRetryNonIdempotent, {
  valid: [
    { filename: route, code: `import { ofetch } from 'ofetch';\nexport const rates = () => ofetch('https://api.rates.example/latest', { retry: 3, timeout: 5_000 });` },
  ],
  invalid: [],
});
