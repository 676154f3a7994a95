import { RuleTester } from '@typescript-eslint/rule-tester';
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
