import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import requireTimeout from '../rules/require-timeout.js';
import unprotected from '../rules/no-unprotected-call.js';

const ruleTester = new RuleTester();

// A CLI's API client with one request layer (met on a snapshot-upload CLI, after its held-out round): the layer loads
// node's http or https with a dynamic import, and sends the request inside a callback-style retry helper that hands
// the work its promise's `resolve` and `reject`. The layer's 'error' listener decides between the helper's `retry`
// and `reject`, so the failure reaches the helper's promise, and so the layer's callers; the timeout is set only when
// a caller passes one, and none does.
const layer = (loader: string, onError: string) => `function again(work, { tries = 5, pauseMs = 50 } = {}) {
  return new Promise((resolve, reject) => {
    let left = tries;
    const run = () => work(resolve, reject, retry);
    const retry = (failure) => (left-- > 0 ? setTimeout(run, pauseMs * 2 ** (tries - left)) : reject(failure));
    run();
  });
}

export async function send(url, options = {}) {
  const { body, tries, ...requestOptions } = options;
  const { protocol, hostname, pathname } = new URL(url);
  ${loader}
  return again((resolve, reject, retry) => {
    const onError = ${onError};
    const request = http.request({ ...requestOptions, hostname, path: pathname });
    request.on('response', (response) => { response.resume(); response.on('end', () => resolve(response.statusCode)); });
    request.on('error', onError);
    if (requestOptions.timeout) request.on('timeout', () => request.destroy(new Error('timed out')));
    request.end(body);
  }, { tries });
}

export class Uploads {
  constructor(token) { this.token = token; }
  list() { return send('https://api.snapper.example/builds', { method: 'GET', headers: { Authorization: this.token } }); }
  create(build) { return send('https://api.snapper.example/builds', { method: 'PUT', headers: { Authorization: this.token }, body: JSON.stringify(build), timeout: 30_000 }); }
}`;

const dynamic = "const { default: http } = protocol === 'https:' ? await import('node:https') : await import('node:http');";
const retryOrReject = "(failure) => (failure.code === 'ECONNRESET' ? retry(failure) : reject(failure))";

ruleTester.run('require-timeout: a request layer behind a callback-style retry helper', requireTimeout, {
  valid: [
    // every caller passes the timeout the layer acts on
    layer(dynamic, retryOrReject).replace("headers: { Authorization: this.token } }); }\n  create", "headers: { Authorization: this.token }, timeout: 10_000 }); }\n  create"),
  ],
  invalid: [
    {
      // the caller passing no timeout is where the gap shows; the one passing 30 s is bounded
      code: layer(dynamic, retryOrReject),
      errors: [{ messageId: 'missingTimeout', line: 26, suggestions: 4 }],
    },
    {
      // the default export of a statically imported module: the same client
      code: layer('', retryOrReject).replace('function again', "import http from 'node:https';\nfunction again"),
      errors: [{ messageId: 'missingTimeout', line: 27, suggestions: 4 }],
    },
  ],
});

ruleTester.run('no-unprotected-call: the helper hands the layer\'s failure on to its callers', unprotected, {
  valid: [],
  invalid: [
    {
      code: `${layer(dynamic, retryOrReject)}\nexport function warmUp() {\n  send('https://api.snapper.example/ping', { timeout: 2_000 });\n}`,
      errors: [{ messageId: 'floating', line: 30, suggestions: 4 }],
    },
  ],
});

// The layer takes `(url, callback)` too, a callback in the options' place read as no options at all (the sitemap
// fetch of the same CLI): nothing bounds that caller's request.
const withCallback = (call: string) => `import https from 'node:https';
export function request(url, options = {}, callback) {
  if (typeof options === 'function') [options, callback] = [{}, options];
  return new Promise((resolve, reject) => {
    const req = https.request(url, options, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(callback ? callback(body) : body));
    });
    req.on('error', reject);
    if (options.timeout) req.on('timeout', () => req.destroy(new Error('timed out')));
    req.end();
  });
}
export const sitemapUrls = (site) => ${call};`;

ruleTester.run('require-timeout: a callback where a layer takes its options', requireTimeout, {
  valid: [withCallback("request(`${site}/sitemap.xml`, { timeout: 10_000 }, (body) => body.split('\\n'))")],
  invalid: [
    {
      code: withCallback("request(`${site}/sitemap.xml`, (body) => body.split('\\n'))"),
      errors: [{
        messageId: 'missingTimeout',
        line: 15,
        suggestions: [{ messageId: 'fixClientTimeout', output: withCallback("request(`${site}/sitemap.xml`, { signal: AbortSignal.timeout(5_000) }, (body) => body.split('\\n'))") }],
      }],
    },
  ],
});

// The layer in a module of its own, its callers in another: a POST a caller hands it is sent again by the helper, as
// many times as the helper's `tries` says (its default when the caller gives none).
describe('no-retry-non-idempotent: a POST sent again by a layer\'s own retry helper', () => {
  const root = mkdtempSync(join(tmpdir(), 'resilint-layer-helper-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'snapper-client', main: 'client.js' }));
  writeFileSync(join(root, 'http.js'), `import https from 'node:https';
function again(work, { tries = 4, pauseMs = 100 } = {}) {
  return new Promise((resolve, reject) => {
    let left = tries;
    const run = () => work(resolve, reject, retry);
    const retry = (failure) => (left-- > 0 ? setTimeout(run, pauseMs * 2 ** (tries - left)) : reject(failure));
    run();
  });
}
export function send(url, options = {}) {
  const { body, tries, ...requestOptions } = options;
  return again((resolve, reject, retry) => {
    const request = https.request(url, { ...requestOptions, timeout: 10_000 }, (response) => (response.statusCode >= 500 ? retry(new Error('server')) : resolve(response.statusCode)));
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', retry);
    request.end(body);
  }, { tries });
}
`);
  const linter = new Linter({ configType: 'flat', cwd: root });
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  const lint = (code: string) => linter.verify(code, config, { filename: join(root, 'client.js') })
    .filter((message) => message.ruleId === 'resilint/no-retry-non-idempotent').map((message) => message.line);

  it('reports the POST, not the GET nor a POST sent once', () => {
    const client = (post: string) => `import { send } from './http.js';
export const builds = () => send('https://api.snapper.example/builds', { method: 'GET' });
export const createBuild = (build) => send('https://api.snapper.example/builds', ${post});
`;
    expect(lint(client("{ method: 'POST', body: JSON.stringify(build) }"))).toEqual([3]);
    expect(lint(client("{ method: 'POST', body: JSON.stringify(build), tries: 0 }"))).toEqual([]);
    expect(lint(client("{ method: 'POST', body: JSON.stringify(build), headers: { 'Idempotency-Key': build.id } }"))).toEqual([]);
  });

  it('leaves alone a POST that stops something, its URL held in a variable', () => {
    expect(lint("import { send } from './http.js';\nexport async function stopServer(port) {\n  let stop = `http://localhost:${port}/snapper/stop`;\n  await send(stop, { method: 'POST' });\n}\n")).toEqual([]);
    expect(lint("import { send } from './http.js';\nexport async function restart(port) {\n  let restart = `http://localhost:${port}/snapper/restart`;\n  await send(restart, { method: 'POST' });\n}\n")).toEqual([4]);
  });
});
