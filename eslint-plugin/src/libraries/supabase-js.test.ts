import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const remedy = 'give the client a `global.fetch` that sets a deadline on each request, where it is created (supabase-js sends with no timeout)';
const deadline = 'signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000)';
// a service's package (fastify), and a command-line tool's
const service = fileURLToPath(new URL('../../../fixtures/workspaces/rpc-service/src/supabase.ts', import.meta.url));
const command = fileURLToPath(new URL('../../../fixtures/workspaces/telemetry/src/supabase.ts', import.meta.url));

// Every query, RPC, function call and upload of a supabase-js client goes through one fetch with no timeout: a
// command or a service whose client has no bounded `global.fetch` waits for ever on a stalled Supabase. In a page
// Supabase is the app's own back end.
ruleTester.run('require-timeout (supabase-js)', requireTimeout, {
  valid: [
    // a fetch of the app's own, or `global` options read elsewhere, may bound every request
    { filename: command, code: `import { createClient } from '@supabase/supabase-js'; import { fetchWithDeadline } from './http';
     export const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!, { global: { fetch: fetchWithDeadline } });` },
    { filename: service, code: `import { createClient } from '@supabase/supabase-js';
     export const make = (global: { fetch: typeof fetch }) => createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!, { global });` },
    // a page's client, or code that may run anywhere
    `'use client';
     import { createClient } from '@supabase/supabase-js';
     export const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);`,
    `import { createClient } from '@supabase/supabase-js'; export const supabase = createClient(url, key);`,
  ],
  invalid: [
    {
      // a command's client with headers of its own: the deadline fetch goes beside them
      filename: command,
      code: `import { createClient } from '@supabase/supabase-js';
export function connect(apiKey: string, host: string, key: string) {
  return createClient(host, key, {
    auth: { persistSession: false },
    global: { headers: { 'x-api-key': apiKey } },
  });
}`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 3,
        data: { client: '`createClient(...)`', remedy },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { createClient } from '@supabase/supabase-js';
export function connect(apiKey: string, host: string, key: string) {
  return createClient(host, key, {
    auth: { persistSession: false },
    global: { headers: { 'x-api-key': apiKey }, fetch: (input, init) => fetch(input, { ...init, ${deadline} }) },
  });
}` }],
      }],
    },
    {
      // a service's client made with no options, and one given the plain fetch
      filename: service,
      code: `import { createClient } from '@supabase/supabase-js';
export const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_KEY!);
export const reader = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, { global: { fetch: globalThis.fetch } });`,
      errors: [
        { messageId: 'missingClientTimeout', line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { createClient } from '@supabase/supabase-js';
export const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_KEY!, { global: { fetch: (input, init) => fetch(input, { ...init, ${deadline} }) } });
export const reader = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, { global: { fetch: globalThis.fetch } });` }] },
        { messageId: 'missingClientTimeout', line: 3, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { createClient } from '@supabase/supabase-js';
export const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_KEY!);
export const reader = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, { global: { fetch: (input, init) => globalThis.fetch(input, { ...init, ${deadline} }) } });` }] },
      ],
    },
  ],
});
