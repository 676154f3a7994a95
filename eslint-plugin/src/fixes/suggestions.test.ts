import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import type { ExternalCall } from '../analysis/external-calls.js';
import { failureHandlingSuggestions, fixMessages, timeoutSuggestions } from './suggestions.js';
import { typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';

/**
 * The external calls of these snippets, described as the shared analysis describes them (the analysis has its
 * own tests; here only the fixes are under test).
 */
function describeCall(node: TSESTree.CallExpression): ExternalCall | undefined {
  const found = describeClient(node);
  if (!found) return undefined;
  const optionsExpression = found.optionsArgument ?? node.arguments[found.client === 'axios' && ['POST', 'PUT', 'PATCH'].includes(found.httpMethod ?? '') ? 2 : 1];
  return { ...found, optionsExpression, instanceOptions: [], defaultsTimeout: undefined, wrapped: undefined };
}

type ClientDescription = Pick<ExternalCall, 'node' | 'client' | 'label' | 'httpMethod' | 'optionsArgument' | 'signalOption'>;

function describeClient(node: TSESTree.CallExpression): ClientDescription | undefined {
  const callee = node.callee;
  const object = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? callee.object.name : undefined;
  const method = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  const options = (index: number) => (node.arguments[index]?.type === 'ObjectExpression' ? node.arguments[index] : undefined);
  if (callee.type === 'Identifier' && callee.name === 'fetch') {
    const init = options(1);
    const methodProperty = init?.properties.find(
      (p): p is TSESTree.Property => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'method',
    );
    const httpMethod = methodProperty?.value.type === 'Literal' ? String(methodProperty.value.value) : 'GET';
    return { node, client: 'fetch', label: 'fetch', httpMethod, optionsArgument: init, signalOption: 'signal' };
  }
  if (object === 'axios' && method) {
    const index = ['post', 'put', 'patch'].includes(method) ? 2 : 1;
    return { node, client: 'axios', label: `axios.${method}`, httpMethod: method.toUpperCase(), optionsArgument: options(index), signalOption: 'signal' };
  }
  if (callee.type === 'Identifier' && callee.name === 'got') {
    return { node, client: 'got', label: 'got', httpMethod: 'GET', optionsArgument: options(1), signalOption: 'signal' };
  }
  if (object === 's3' && method === 'send') {
    return { node, client: 'aws-sdk', label: 'S3Client.send', httpMethod: undefined, optionsArgument: options(1), signalOption: 'abortSignal' };
  }
  if (object === 'pool' && method === 'query') {
    return { node, client: 'pg', label: 'pg query', httpMethod: undefined, optionsArgument: undefined, signalOption: undefined };
  }
  return undefined;
}

const ruleFor = (build: typeof timeoutSuggestions): Rule.RuleModule => ({
  meta: { type: 'suggestion', hasSuggestions: true, messages: { found: 'found', ...fixMessages }, schema: [] },
  create(context) {
    return {
      CallExpression(node) {
        const call = describeCall(node as unknown as TSESTree.CallExpression);
        if (call) context.report({ node, messageId: 'found', suggest: build(context as never, call) as never });
      },
    };
  },
});

const FILES = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

/** Lints `code` with ESLint, applies each suggestion of the first finding alone; returns title -> fixed code. */
function suggest(build: typeof timeoutSuggestions, code: string, filename = 'file.ts', settings = {}): Record<string, string> {
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [{ files: FILES, languageOptions: { parser: tsParser }, settings, plugins: { t: { rules: { r: ruleFor(build) } } }, rules: { 't/r': 'error' } }],
    { filename },
  );
  const finding = messages.find((message) => message.ruleId === 't/r');
  expect(finding, JSON.stringify(messages)).toBeDefined();
  const fixed: Record<string, string> = {};
  for (const suggestion of finding?.suggestions ?? []) {
    const { range, text } = suggestion.fix;
    const output = code.slice(0, range[0]) + text + code.slice(range[1]);
    const errors = linter.verify(output, [{ files: FILES, languageOptions: { parser: tsParser } }], { filename });
    expect(errors.filter((message) => message.fatal), output).toEqual([]);
    fixed[suggestion.messageId ?? ''] = output;
  }
  return fixed;
}

describe('timeout suggestions', () => {
  it('passes AbortSignal.timeout to fetch, or wraps it in a timeout whose signal reaches the call', () => {
    const code = `export async function load(url: string) {\n  const response = await fetch(url);\n  return response.json();\n}\n`;
    const fixed = suggest(timeoutSuggestions, code);
    expect(Object.keys(fixed)).toEqual(['fixNativeTimeout', 'fixWrapInTimeout', 'fixWrapInRetryAndTimeout', 'fixWrapInPipeline']);
    expect(fixed['fixNativeTimeout']).toContain('await fetch(url, { signal: AbortSignal.timeout(5_000) });');
    expect(fixed['fixWrapInTimeout']).toBe(
      `import { timeout } from '@resilint/runtime';\n\nexport async function load(url: string) {\n` +
        `  const response = await timeout(5_000).execute(({ signal }) => fetch(url, { signal }));\n  return response.json();\n}\n`,
    );
    expect(fixed['fixWrapInRetryAndTimeout']).toContain(
      `  const response = await pipeline(\n` +
        `    retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),\n` +
        `    timeout(5_000),\n  ).execute(({ signal }) => fetch(url, { signal }));`,
    );
    expect(fixed['fixWrapInRetryAndTimeout']).toContain(`import { pipeline, retry, exponentialBackoff, timeout } from '@resilint/runtime';`);
  });

  it('merges the signal into options already given, on their own lines when they are multi-line', () => {
    const code = `await fetch('/orders', {\n  method: 'GET',\n  headers: { accept: 'application/json' },\n});\n`;
    const fixed = suggest(timeoutSuggestions, code);
    expect(fixed['fixWrapInTimeout']).toContain(
      `await timeout(5_000).execute(({ signal }) => fetch('/orders', {\n  method: 'GET',\n  headers: { accept: 'application/json' },\n  signal,\n}));`,
    );
  });

  it('keeps a signal the call already has, combined with the new one', () => {
    const code = `export async function f(controller: AbortController) {\n  await fetch('/x', { signal: controller.signal });\n}\n`;
    const fixed = suggest(timeoutSuggestions, code);
    expect(fixed['fixNativeTimeout']).toContain(`fetch('/x', { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(5_000)]) })`);
  });

  it('spreads an options variable rather than mutating it, keeping the signal the caller may have put in it', () => {
    const fixed = suggest(timeoutSuggestions, `export const f = (init: RequestInit) => fetch('/x', init);\n`);
    expect(fixed['fixWrapInTimeout']).toContain(
      `timeout(5_000).execute(({ signal }) => fetch('/x', { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }))`,
    );
    expect(fixed['fixNativeTimeout']).toContain(
      `fetch('/x', { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) })`,
    );
  });

  it('sets the signal plainly in options made here, which hold none to keep', () => {
    const code = `export function post(body: string) {\n  const init = { method: 'POST', body };\n  return fetch('/x', init);\n}\n`;
    const fixed = suggest(timeoutSuggestions, code);
    expect(fixed['fixNativeTimeout']).toContain(`fetch('/x', { ...init, signal: AbortSignal.timeout(5_000) })`);
  });

  it('keeps a signal spread into the options from the caller\'s, combined with the new one', () => {
    const code = `export const send = (url: string, init?: RequestInit) => fetch(url, { ...init, headers: { accept: 'application/json' } });\n`;
    const fixed = suggest(timeoutSuggestions, code);
    expect(fixed['fixNativeTimeout']).toContain(
      `fetch(url, { ...init, headers: { accept: 'application/json' }, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) })`,
    );
  });

  it('lets a timeout spread in from the caller\'s config win over the new default', () => {
    const code = `import axios, { type AxiosRequestConfig } from 'axios';\nexport const get = (url: string, config?: AxiosRequestConfig) => axios.get(url, { ...config, headers: { accept: 'application/json' } });\n`;
    const fixed = suggest(timeoutSuggestions, code);
    expect(fixed['fixNativeTimeout']).toContain(`axios.get(url, { ...config, headers: { accept: 'application/json' }, timeout: config?.timeout ?? 5_000 })`);
    expect(typeErrors([fixed['fixNativeTimeout']!])).toEqual([[]]);
    // control: options made here hold no caller's timeout
    const local = suggest(timeoutSuggestions, `import axios from 'axios';\nconst base = { headers: { accept: 'application/json' } };\nexport const get = (url: string) => axios.get(url, { ...base });\n`);
    expect(local['fixNativeTimeout']).toContain(`axios.get(url, { ...base, timeout: 5_000 })`);
  });

  it('puts the axios config after the body of a POST, and does not retry the POST', () => {
    const code = `import axios from 'axios';\nexport const pay = (body: unknown) => axios.post('https://payments.example.com/charges', body);\n`;
    const fixed = suggest(timeoutSuggestions, code);
    expect(Object.keys(fixed)).toEqual(['fixNativeTimeout', 'fixWrapInTimeout', 'fixWrapInPipeline']);
    expect(fixed['fixNativeTimeout']).toContain(`axios.post('https://payments.example.com/charges', body, { timeout: 5_000 })`);
    expect(fixed['fixWrapInTimeout']).toContain(`axios.post('https://payments.example.com/charges', body, { signal })`);
    expect(fixed['fixWrapInPipeline']).not.toContain('retry(');
  });

  it('pads a missing body with undefined', () => {
    const fixed = suggest(timeoutSuggestions, `import axios from 'axios';\nawait axios.post('/x');\n`);
    expect(fixed['fixWrapInTimeout']).toContain(`axios.post('/x', undefined, { signal })`);
  });

  it('uses got timeout.request and the AWS SDK abortSignal', () => {
    expect(suggest(timeoutSuggestions, `import got from 'got';\nawait got('/x');\n`)['fixNativeTimeout']).toContain(
      `got('/x', { timeout: { request: 5_000 } })`,
    );
    const aws = suggest(timeoutSuggestions, `declare const s3: any, command: any;\nawait s3.send(command);\n`);
    expect(aws['fixNativeTimeout']).toContain(`s3.send(command, { abortSignal: AbortSignal.timeout(5_000) })`);
    expect(aws['fixWrapInTimeout']).toContain(`timeout(5_000).execute(({ signal }) => s3.send(command, { abortSignal: signal }))`);
  });

  it('offers no timeout wrap for a client its signal cannot reach', () => {
    const fixed = suggest(timeoutSuggestions, `declare const pool: any;\nawait pool.query('select 1');\n`);
    expect(Object.keys(fixed)).toEqual([]);
  });

  it('makes the wrapped function async when the call awaits inside its arguments', () => {
    const code = `export async function f(next: () => Promise<string>) {\n  return fetch(await next());\n}\n`;
    expect(suggest(timeoutSuggestions, code)['fixWrapInTimeout']).toContain(
      `return timeout(5_000).execute(async ({ signal }) => fetch(await next(), { signal }));`,
    );
  });

  it('does not shadow a `signal` the call already reads', () => {
    const code = `export const f = (signal: AbortSignal) => fetch('/x', { headers: { stale: String(signal.aborted) } });\n`;
    expect(suggest(timeoutSuggestions, code)['fixWrapInTimeout']).toContain(
      `timeout(5_000).execute(({ signal: policySignal }) => fetch('/x', { headers: { stale: String(signal.aborted) }, signal: policySignal }))`,
    );
  });

  it('imports from the runtime module the user configured, merging with an import already there', () => {
    const code = `import { retry } from '../vendor/resilience.js';\nexport const load = () => fetch('/x');\n`;
    const fixed = suggest(timeoutSuggestions, code, 'file.ts', { resilint: { runtimeModule: '../vendor/resilience.js' } });
    expect(fixed['fixWrapInTimeout']).toBe(
      `import { retry, timeout } from '../vendor/resilience.js';\nexport const load = () => timeout(5_000).execute(({ signal }) => fetch('/x', { signal }));\n`,
    );
  });

  it('uses require and double quotes in a CommonJS file', () => {
    const code = `const axios = require("axios");\nmodule.exports = () => axios.get("/x");\n`;
    const fixed = suggest(timeoutSuggestions, code, 'file.cjs');
    expect(fixed['fixWrapInTimeout']).toBe(
      `const axios = require("axios");\nconst { timeout } = require("@resilint/runtime");\nmodule.exports = () => timeout(5_000).execute(({ signal }) => axios.get("/x", { signal }));\n`,
    );
  });
});

describe('failure-handling suggestions', () => {
  it('adds a typed fallback placeholder, a named module breaker and the full pipeline', () => {
    const code = `import axios from 'axios';\n\nexport async function charge() {\n\tconst { data } = await axios.get('https://payments.example.com/charges');\n\treturn data;\n}\n`;
    const fixed = suggest(failureHandlingSuggestions, code);
    expect(Object.keys(fixed)).toEqual(['fixAddFallback', 'fixWrapInBreakerAndFallback', 'fixWrapInPipeline']);
    expect(fixed['fixAddFallback']).toContain(
      `await fallback(() => { throw new Error('TODO: choose the value to use when axios.get fails'); }).execute(({ signal }) => axios.get('https://payments.example.com/charges', { signal }));`,
    );
    expect(fixed['fixWrapInPipeline']).toBe(
      `import axios from 'axios';\nimport { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';\n` +
        `const paymentsBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });\n\n` +
        `export async function charge() {\n\tconst { data } = await pipeline(\n` +
        `\t\tfallback(() => { throw new Error('TODO: choose the value to use when axios.get fails'); }),\n` +
        `\t\tpaymentsBreaker,\n` +
        `\t\tretry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),\n` +
        `\t\ttimeout(5_000),\n\t).execute(({ signal }) => axios.get('https://payments.example.com/charges', { signal }));\n\treturn data;\n}\n`,
    );
  });

  it('reuses the breaker an earlier fix declared', () => {
    const code =
      `import { circuitBreaker, fallback } from '@resilint/runtime';\n` +
      `const ordersBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });\n` +
      `export const list = () => fetch(\`\${ORDERS_URL}/list\`);\ndeclare const ORDERS_URL: string;\n`;
    const fixed = suggest(failureHandlingSuggestions, code);
    expect(fixed['fixWrapInBreakerAndFallback']).toBe(
      `import { circuitBreaker, fallback, pipeline } from '@resilint/runtime';\n` +
        `const ordersBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });\n` +
        `export const list = () => pipeline(\n  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),\n  ordersBreaker,\n` +
        `).execute(({ signal }) => fetch(\`\${ORDERS_URL}/list\`, { signal }));\ndeclare const ORDERS_URL: string;\n`,
    );
  });

  it('uses undefined as a complete fallback when the result is not used, and offers .catch and try/catch', () => {
    const code = `export async function ping() {\n  await fetch('/health');\n}\n`;
    const fixed = suggest(failureHandlingSuggestions, code);
    expect(Object.keys(fixed)).toEqual(['fixAddFallback', 'fixWrapInBreakerAndFallback', 'fixWrapInPipeline', 'fixAddCatch', 'fixWrapInTryCatch']);
    expect(fixed['fixAddFallback']).toContain(`await fallback(undefined).execute(({ signal }) => fetch('/health', { signal }));`);
    expect(fixed['fixWrapInBreakerAndFallback']).toContain(`const healthBreaker = circuitBreaker(`);
    expect(fixed['fixAddCatch']).toContain(`await fetch('/health').catch((error: unknown) => { console.error('fetch failed', error); });`);
    expect(fixed['fixWrapInTryCatch']).toBe(
      `export async function ping() {\n  try {\n    await fetch('/health');\n  } catch (error) {\n    console.error('fetch failed', error);\n  }\n}\n`,
    );
  });

  it('adds .catch after the .then chain of a call in a timer callback, in plain JavaScript', () => {
    const code = `setInterval(() => fetch('/beat').then((r) => r.text()), 1000);\n`;
    const fixed = suggest(failureHandlingSuggestions, code, 'file.js');
    expect(fixed['fixAddCatch']).toBe(`setInterval(() => fetch('/beat').then((r) => r.text()).catch((error) => { console.error('fetch failed', error); }), 1000);\n`);
    expect(fixed['fixWrapInTryCatch']).toBeUndefined();
  });
});
