import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import noRetryNonIdempotent from '../rules/no-retry-non-idempotent.js';
import noUnprotectedCall from '../rules/no-unprotected-call.js';
import requireTimeout from '../rules/require-timeout.js';
import timeoutRequiresCancellation from '../rules/timeout-requires-cancellation.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = (name: string, test: () => void) => it(name, test, 60_000);

// A request made inside a retry library's callback (`retry(async () => fetch(...))`): its last failure comes out of
// the promise the library's call returns. Met on a CLI's request layer (the twenty-fourth round: a class whose `send`
// spreads its caller's init into node-fetch inside async-retry), which was no wrapper at all, so that none of its
// callers was judged: not the ones passing no bound, nor a race around it that does not cancel.
const root = mkdtempSync(join(tmpdir(), 'resilint-retrying-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string): string => join(root, name);

writeFileSync(file('http.js'), `import retry from 'async-retry';
import fetch from 'node-fetch';
export class Http {
  constructor(headers = {}) { this.headers = headers; }
  async send(url, init = {}, extra = {}) {
    return retry(async () => {
      const res = await fetch(url, { ...init, headers: { ...this.headers, ...init.headers } });
      if (!res.ok) throw new Error(\`status \${res.status}\`);
      return res;
    }, { retries: extra.retries ?? 0 });
  }
}
`);

// The same layer with p-retry and a count of its own, and one that sends a key of its own with every request.
writeFileSync(file('api.js'), `import pRetry from 'p-retry';
export async function post(url, init) {
  return pRetry(() => fetch(url, { ...init, method: 'POST', signal: AbortSignal.timeout(10_000) }), { retries: 2 });
}
export async function postOnce(url, init) {
  return pRetry(() => fetch(url, { ...init, method: 'POST', signal: AbortSignal.timeout(10_000), headers: { 'Idempotency-Key': init.key } }), { retries: 2 });
}
`);

// A layer whose count is the caller's when given, else a field set where it is made (a default this file cannot see).
writeFileSync(file('fetcher.js'), `import retry from 'async-retry';
import fetch from 'node-fetch';
export default class Fetcher {
  constructor({ retries = 0 } = {}) { this.retries = retries; }
  async fetch(url, options = {}, extra = {}) {
    const retries = extra.retries === undefined ? this.retries : extra.retries;
    return retry(async () => {
      const res = await fetch(url, { ...options, signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(String(res.status));
      return res;
    }, { retries });
  }
}
`);

// Twenty-eighth round, M8: the project's own request helper loops over attempts, as many as its caller's `retries`
// option says (none by default), pausing between them; a caller turns the retries on for a POST. And a loop over pages
// sending a different request each time, which is no retry.
writeFileSync(file('attempts.js'), `const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export default async function sendWithAttempts(url, { retries = 0, waitMs = 100, ...init } = {}) {
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
      if (res.status < 500) return res;
    } catch (error) {
      if (attempt === retries) throw error;
    }
    await pause(waitMs * 2 ** attempt);
  }
  throw new Error(\`\${url} kept failing\`);
}
export async function sendCounted(url, { retries: retriesGiven, ...init } = {}) {
  const retries = retriesGiven || 0;
  for (let attempt = 0; attempt < retries + 1; attempt++) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
    } catch (error) {
      if (attempt >= retries) throw error;
    }
  }
}
export async function sendRecorded(url, { retries = 0, ...init } = {}) {
  for (let attempt = 0; attempt <= retries; attempt++) {
    let failure;
    let res;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
    } catch (caught) {
      failure = caught;
    }
    const [again, reason] = judge(attempt, retries, failure, res);
    if (again) continue;
    if (reason) throw new Error(\`\${url} failed: \${reason}\`);
    return res;
  }
}
export async function sendQuietly(url, init = {}) {
  let failure;
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  } catch (caught) {
    failure = caught;
  }
  if (!url) throw new Error('no url');
  console.warn(failure);
}
function judge(attempt, retries, failure, res) {
  if (!failure && res.ok) return [false, undefined];
  return [attempt < retries, failure ? String(failure) : \`status \${res.status}\`];
}
export async function sendPages(url, { pages = 3, ...init } = {}) {
  const answers = [];
  for (let page = 0; page <= pages; page++) {
    try {
      answers.push(await fetch(\`\${url}?page=\${page}\`, { ...init, signal: AbortSignal.timeout(5_000) }));
    } catch (error) {
      console.warn(error);
    }
  }
  return answers;
}
`);

// Twenty-eighth round, M11: a CLI's request layer written for `layer.call(command, ...)` (a TypeScript `this`
// parameter) retries on 5xx and errors; the commands' base class binds it (`apiCall(...args) { return
// docsApi.call(this, ...args) }`) and each command calls `this.apiCall(path, init)`.
writeFileSync(file('docs-api.ts'), `const ATTEMPTS_AFTER_FIRST = 3;
export async function docsApi(this: { debug(message: string): void }, path: string, init: RequestInit = {}) {
  for (let attempt = 0; attempt <= ATTEMPTS_AFTER_FIRST; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    try {
      const res = await fetch(\`https://docs.example.com/api\${path}\`, { ...init, headers: { ...init.headers, accept: 'application/json' } });
      if (res.status >= 500 && attempt < ATTEMPTS_AFTER_FIRST) continue;
      return res;
    } catch (error) {
      this.debug(String(error));
      if (attempt === ATTEMPTS_AFTER_FIRST) throw error;
    }
  }
  throw new Error('unreachable');
}
`);
writeFileSync(file('base-command.ts'), `import { docsApi } from './docs-api.js';
export default abstract class BaseCommand {
  debug(message: string) { console.error(message); }
  async apiCall(...args: Parameters<typeof docsApi>) {
    return docsApi.call(this, ...args);
  }
}
`);
const command = (init: string) => `import BaseCommand from './base-command.js';
export default class Publish extends BaseCommand {
  async run() {
    const res = await this.apiCall('/pages', ${init});
    return res.status;
  }
}`;

const publishing = (afterHeaders: string) => `import { Http } from './http.js';
export async function publish(http = new Http(), spec, exists) {
  const headers = new Headers({ authorization: 'Bearer t' });${afterHeaders}
  const method = exists ? 'PUT' : 'POST';
  const options = { headers, method, body: spec, signal: AbortSignal.timeout(5_000) };
  return http.send('https://api.example.com/apis', options, { retries: 3 });
}`;

const ruleTester = new RuleTester();

ruleTester.run('require-timeout: callers of a layer whose request is retried by a library', requireTimeout, {
  valid: [
    {
      filename: file('bounded.js'),
      code: `import { Http } from './http.js';
export const publish = (http = new Http()) => http.send('https://api.example.com/builds', { method: 'PUT', body: '{}', signal: AbortSignal.timeout(10_000) });`,
    },
  ],
  invalid: [
    {
      filename: file('publish.js'),
      code: `import { Http } from './http.js';
export const publish = (http = new Http()) => http.send('https://api.example.com/builds', { method: 'PUT', body: '{}' }, { retries: 3 });`,
      errors: [{ messageId: 'missingTimeout', suggestions: 4 }],
    },
  ],
});

it("offers first to pass a signal in the caller's init, which the layer spreads into its request", () => {
  const code = `import { Http } from './http.js';
export const publish = (http = new Http()) => http.send('https://api.example.com/builds', { method: 'PUT', body: '{}' }, { retries: 3 });`;
  // The root as cwd: the layer lives in a temporary folder, outside this repository.
  const linter = new Linter({ configType: 'flat', cwd: '/' });
  const [finding] = linter.verify(code, [{ plugins: { resilint: plugin }, rules: { 'resilint/require-timeout': 'error' } }], { filename: file('publish.js') });
  const first = finding?.suggestions?.[0];
  expect(first && `${code.slice(0, first.fix.range[0])}${first.fix.text}${code.slice(first.fix.range[1])}`).toBe(
    code.replace("body: '{}' }", "body: '{}', signal: AbortSignal.timeout(5_000) }"),
  );
});

ruleTester.run('timeout-requires-cancellation: a race around a retried request', timeoutRequiresCancellation, {
  valid: [],
  invalid: [
    {
      filename: file('updates.js'),
      code: `import { Http } from './http.js';
const within = (work, ms) => Promise.race([work, new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), ms))]);
export async function latestVersion(http = new Http()) {
  try {
    const res = await within(http.send('https://registry.example.com/tool'), 5_000);
    return (await res.json()).version;
  } catch { return undefined; }
}`,
      errors: [{ messageId: 'raceNotCancelledTimerKept', suggestions: 1 }],
    },
  ],
});

ruleTester.run('no-unprotected-call: a request inside a retry library\'s callback fails where the retry\'s promise goes', noUnprotectedCall, {
  valid: [
    {
      filename: file('cli.js'),
      code: `#!/usr/bin/env node
import { Http } from './http.js';
const res = await new Http().send('https://api.example.com/builds', { method: 'PUT', body: '{}', signal: AbortSignal.timeout(5_000) });
console.log(res.status);`,
    },
    `import pRetry from 'p-retry';
export async function stock(sku) {
  try {
    return await pRetry(() => fetch('https://stock.example.com/' + sku, { signal: AbortSignal.timeout(2_000) }), { retries: 2 });
  } catch {
    return undefined;
  }
}`,
    // handed to the caller, as a plain request would be
    `import retry from 'async-retry';
export const stock = (sku) => retry(() => fetch('https://stock.example.com/' + sku, { signal: AbortSignal.timeout(2_000) }));`,
  ],
  invalid: [
    // a command's top-level request whose failure ends it with an error is what a CLI should do; a module's is not
    {
      filename: file('report.js'),
      code: `import { Http } from './http.js';
await new Http().send('https://api.example.com/builds', { method: 'PUT', body: '{}', signal: AbortSignal.timeout(5_000) });`,
      errors: [{ messageId: 'topLevel', suggestions: 5 }],
    },
    {
      code: `import pRetry from 'p-retry';
export function warm(sku) {
  pRetry(() => fetch('https://stock.example.com/' + sku, { signal: AbortSignal.timeout(2_000) }), { retries: 2 });
}`,
      errors: [{ messageId: 'floating', suggestions: 3 }],
    },
  ],
});

// The caller's POST is sent again by the layer, as many times as the caller (or the layer) says: the gap is at the call,
// whose options are what every attempt carries.
const bounded = "signal: AbortSignal.timeout(5_000)";
ruleTester.run('no-retry-non-idempotent: a POST handed to a layer that retries it', noRetryNonIdempotent, {
  valid: [
    // the layer's count defaults to none, and this caller asks for none
    { filename: file('one-try.js'), code: `import { Http } from './http.js';\nexport const create = (http = new Http()) => http.send('https://api.example.com/builds', { method: 'POST', body: '{}', ${bounded} });` },
    { filename: file('zero.js'), code: `import { Http } from './http.js';\nexport const create = (http = new Http()) => http.send('https://api.example.com/builds', { method: 'POST', body: '{}', ${bounded} }, { retries: 0 });` },
    // a PUT, and a POST carrying a key made once for every attempt
    { filename: file('put.js'), code: `import { Http } from './http.js';\nexport const replace = (http = new Http()) => http.send('https://api.example.com/builds/1', { method: 'PUT', body: '{}', ${bounded} }, { retries: 3 });` },
    { filename: file('keyed.js'), code: `import { Http } from './http.js';\nexport const create = (http = new Http()) => http.send('https://api.example.com/builds', { method: 'POST', body: '{}', headers: { 'Idempotency-Key': crypto.randomUUID() }, ${bounded} }, { retries: 3 });` },
    // the layer's default count is a field this file cannot read
    { filename: file('default-count.js'), code: `import Fetcher from './fetcher.js';\nexport const create = (client = new Fetcher()) => client.fetch('https://api.example.com/builds', { method: 'POST', body: '{}' });` },
    // a layer that sends a key of its own is judged where it is
    { filename: file('own-key.js'), code: `import { postOnce } from './api.js';\nexport const charge = (body) => postOnce('https://pay.example.com/charges', { body, key: body.id });` },
    // a key set on the Headers object, and a method that is never a POST
    { filename: file('publish-keyed.js'), code: publishing("\n  headers.set('Idempotency-Key', crypto.randomUUID());") },
    { filename: file('publish-put.js'), code: publishing('').replace("exists ? 'PUT' : 'POST'", "exists ? 'PUT' : 'DELETE'") },
    // the helper's attempts: none asked for, and a key made once for all of them
    { filename: file('reset-once.js'), code: `import send from './attempts.js';\nexport const reset = (email) => send('https://auth.example.com/reset', { method: 'POST', body: email });` },
    { filename: file('reset-counted-once.js'), code: `import { sendCounted } from './attempts.js';\nexport const reset = (email) => sendCounted('https://auth.example.com/reset', { method: 'POST', body: email });` },
    { filename: file('reset-keyed.js'), code: `import send from './attempts.js';\nexport const reset = (email) => send('https://auth.example.com/reset', { method: 'POST', body: email, retries: 2, headers: { 'Idempotency-Key': crypto.randomUUID() } });` },
    // each page is its own request
    { filename: file('pages.js'), code: `import { sendPages } from './attempts.js';\nexport const publish = () => sendPages('https://api.example.com/publish', { method: 'POST', pages: 4 });` },
  ],
  invalid: [
    {
      filename: file('create.js'),
      code: `import { Http } from './http.js';\nexport const create = (http = new Http()) => http.send('https://api.example.com/builds', { method: 'POST', body: '{}', ${bounded} }, { retries: 3 });`,
      errors: [{
        messageId: 'retriedRequest',
        data: { call: '`http.send`', method: 'POST', retry: 'async-retry in `Http.send`' },
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: `import { Http } from './http.js';\nexport const create = (http = new Http()) => http.send('https://api.example.com/builds', { method: 'POST', body: '{}', ${bounded}, headers: { 'Idempotency-Key': crypto.randomUUID() } }, { retries: 3 });`,
        }],
      }],
    },
    {
      // a GraphQL client handing on the count its own callers choose
      filename: file('graphql.js'),
      code: `import { Http } from './http.js';
export class GraphQL {
  http = new Http();
  run(query, variables, { retries = 2 } = {}) {
    return this.http.send('https://api.example.com/graphql', { method: 'POST', body: JSON.stringify({ query, variables }), ${bounded} }, { retries });
  }
}`,
      errors: [{ messageId: 'retriedRequest', suggestions: 1 }],
    },
    {
      // inside a retry of its own that only goes round on the server's retryable errors (the request's failure bails)
      filename: file('gql.js'),
      code: `import retry from 'async-retry';
import Fetcher from './fetcher.js';
export class Gql {
  client = new Fetcher();
  run(query, { retries = 2 } = {}) {
    return retry(async (bail) => this.client.fetch('https://api.example.com/graphql', { method: 'post', body: JSON.stringify({ query }) }, { retries }).catch(bail), { retries });
  }
}`,
      errors: [{ messageId: 'retriedRequest', data: { call: '`this.client.fetch`', method: 'POST', retry: 'async-retry in `Fetcher.fetch`' }, suggestions: 1 }],
    },
    {
      // the caller turns the helper's attempts on for a POST
      filename: file('reset.js'),
      code: `import send from './attempts.js';\nexport const reset = (email) => send('https://auth.example.com/reset', { method: 'POST', body: email, retries: 2 });`,
      errors: [{
        messageId: 'retriedRequest',
        data: { call: '`send`', method: 'POST', retry: 'the retry loop in `sendWithAttempts`' },
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: `import send from './attempts.js';\nexport const reset = (email) => send('https://auth.example.com/reset', { method: 'POST', body: email, retries: 2, headers: { 'Idempotency-Key': crypto.randomUUID() } });`,
        }],
      }],
    },
    {
      // the count written as `attempt < retries + 1`, with `retries` the caller's option or none
      filename: file('reset-counted.js'),
      code: `import { sendCounted } from './attempts.js';\nexport const reset = (email) => sendCounted('https://auth.example.com/reset', { method: 'POST', body: email, retries: 3 });`,
      errors: [{ messageId: 'retriedRequest', data: { call: '`sendCounted`', method: 'POST', retry: 'the retry loop in `sendCounted`' }, suggestions: 1 }],
    },
    {
      // the failure kept in the catch and thrown on, made into an error of the layer's, once the retries are spent
      filename: file('reset-recorded.js'),
      code: `import { sendRecorded } from './attempts.js';\nexport const reset = (email) => sendRecorded('https://auth.example.com/reset', { method: 'POST', body: email, retries: 2 });`,
      errors: [{ messageId: 'retriedRequest', data: { call: '`sendRecorded`', method: 'POST', retry: 'the retry loop in `sendRecorded`' }, suggestions: 1 }],
    },
    {
      // options held in a const, their method chosen between a PUT and a POST, their headers a Headers object the
      // function may share: the POST gets a copy with a key
      filename: file('publish.js'),
      code: publishing(''),
      errors: [{
        messageId: 'retriedRequest',
        data: { call: '`http.send`', method: 'POST', retry: 'async-retry in `Http.send`' },
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: publishing('').replace('  const options = { headers,', "  const keyedHeaders = new Headers(headers);\n  keyedHeaders.set('Idempotency-Key', crypto.randomUUID());\n  const options = { headers: keyedHeaders,"),
        }],
      }],
    },
    {
      // the same with plain headers: the copy stays a plain object
      filename: file('publish-plain.js'),
      code: publishing('').replace("new Headers({ authorization: 'Bearer t' })", "{ authorization: 'Bearer t' }"),
      errors: [{
        messageId: 'retriedRequest',
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: publishing('').replace("new Headers({ authorization: 'Bearer t' })", "{ authorization: 'Bearer t' }")
            .replace('  const options = { headers,', "  const options = { headers: { ...headers, 'Idempotency-Key': crypto.randomUUID() },"),
        }],
      }],
    },
    {
      // the layer's own count, and its own method
      filename: file('charge.js'),
      code: `import { post } from './api.js';\nexport const charge = (body) => post('https://pay.example.com/charges', { body });`,
      errors: [{
        messageId: 'retriedRequest',
        data: { call: '`post`', method: 'POST', retry: 'p-retry in `post`' },
        suggestions: [{
          messageId: 'fixIdempotencyKey',
          output: `import { post } from './api.js';\nexport const charge = (body) => post('https://pay.example.com/charges', { body, headers: { 'Idempotency-Key': crypto.randomUUID() } });`,
        }],
      }],
    },
  ],
});

ruleTester.run('no-retry-non-idempotent and require-timeout: a layer bound to the command by its base class', noRetryNonIdempotent, {
  valid: [
    { filename: file('publish-read.ts'), code: command("{ method: 'GET' }") },
    { filename: file('publish-keyed.ts'), code: command("{ method: 'POST', body: '{}', headers: { 'Idempotency-Key': crypto.randomUUID() } }") },
  ],
  invalid: [
    {
      filename: file('publish.ts'),
      code: command("{ method: 'POST', body: '{}' }"),
      errors: [{ messageId: 'retriedRequest', data: { call: '`this.apiCall`', method: 'POST', retry: 'the retry loop in `docsApi`' }, suggestions: 1 }],
    },
  ],
});

ruleTester.run('require-timeout: callers of a layer bound to the command by its base class', requireTimeout, {
  valid: [{ filename: file('publish-bounded.ts'), code: command("{ method: 'GET', signal: AbortSignal.timeout(10_000) }") }],
  invalid: [{ filename: file('publish-unbounded.ts'), code: command("{ method: 'GET' }"), errors: [{ messageId: 'missingTimeout', suggestions: 4 }] }],
});

ruleTester.run('no-unprotected-call: a layer that keeps the failure in its catch and throws it on later', noUnprotectedCall, {
  valid: [
    // a later throw about something else: the request's failure is only logged
    { filename: file('quiet.js'), code: `import { sendQuietly } from './attempts.js';\nexport function ping() { sendQuietly('https://status.example.com/ping'); }` },
  ],
  invalid: [
    {
      filename: file('recorded.js'),
      code: `import { sendRecorded } from './attempts.js';\nexport function ping() { sendRecorded('https://status.example.com/ping'); }`,
      errors: [{ messageId: 'floating', suggestions: 4 }],
    },
  ],
});
