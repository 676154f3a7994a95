import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';
import retryRequiresBackoff from '../rules/retry-requires-backoff.js';

const ruleTester = new RuleTester();

// urllib (and Egg's httpclient on it) times every request out after 5 s unless told otherwise: no call is unbounded.
ruleTester.run('require-timeout (urllib)', requireTimeout, {
  valid: [
    `import urllib from 'urllib'; export const tags = (name: string) => urllib.request('https://registry.example.test/' + name, { dataType: 'json' });`,
    `import { HttpClient } from 'urllib'; const client = new HttpClient(); export const head = (url: string) => client.request(url, { method: 'HEAD' });`,
  ],
  invalid: [],
});

// Its `retry: n` sends a request again on a 5xx answer at once, unless `retryDelay` sets a (fixed) pause.
ruleTester.run('retry-requires-backoff (urllib)', retryRequiresBackoff, {
  valid: [
    // a pause, and few tries
    `import { HttpClient } from 'urllib'; const client = new HttpClient();
export const get = (url: string) => client.request(url, { retry: 2, retryDelay: 500 });`,
    // a streamed answer is never retried by urllib
    `import { HttpClient } from 'egg';
export class Mirror {
  private readonly httpclient!: HttpClient;
  async tarball(url: string) { return this.httpclient.request(url, { retry: 7, dataType: 'stream', timeout: 60_000 }); }
}`,
    `import urllib from 'urllib'; export const ping = (url: string) => urllib.request(url, { retry: 0 });`,
    // options a caller hands in may set the pause: only one in view that does not leaves it unset
    `import { request } from 'urllib';
export function fetchJson(url: string, extra: object) { return request(url, { dataType: 'json', retry: 2, ...extra }); }`,
    // other libraries' `retry` options are their own
    `import { Something } from 'elsewhere'; const client = new Something(); export const get = (url: string) => client.request(url, { retry: 3 });`,
  ],
  invalid: [
    {
      // tegg: the client injected into a field typed with Egg's HttpClient, the count in the layer's literal options
      code: `import { Inject, HttpClient } from 'egg';
export class UpstreamRegistry {
  @Inject()
  private readonly httpClient!: HttpClient;
  private async send(method: 'GET' | 'PUT', url: string, options?: object) {
    return this.httpClient.request(url, { method, dataType: 'json', retry: 3, timeout: 30_000, ...options });
  }
  async manifest(name: string) { return this.send('GET', '/' + name, { headers: { accept: 'application/json' } }); }
}`,
      errors: [{ messageId: 'noDelay', line: 6, suggestions: [{ messageId: 'fixFixedPause', output: `import { Inject, HttpClient } from 'egg';
export class UpstreamRegistry {
  @Inject()
  private readonly httpClient!: HttpClient;
  private async send(method: 'GET' | 'PUT', url: string, options?: object) {
    return this.httpClient.request(url, { method, dataType: 'json', retry: 3, retryDelay: 1_000, timeout: 30_000, ...options });
  }
  async manifest(name: string) { return this.send('GET', '/' + name, { headers: { accept: 'application/json' } }); }
}` }] }],
    },
    {
      // many tries at once: the pause is fixed, so the count comes down with it
      code: `import urllib from 'urllib';
const options = { dataType: 'json' as const, retry: 10, retryDelay: 0 };
export const status = (url: string) => urllib.curl(url, options);`,
      errors: [{ messageId: 'noDelay', line: 2, suggestions: [{ messageId: 'fixFixedPauseFewer', output: `import urllib from 'urllib';
const options = { dataType: 'json' as const, retry: 4, retryDelay: 1_000 };
export const status = (url: string) => urllib.curl(url, options);` }] }],
    },
    {
      // a fixed pause over many tries keeps failed clients in lock-step
      code: `import { HttpClient } from 'urllib';
const client = new HttpClient({ allowH2: true });
export const publish = (url: string, body: object) => client.request(url, { method: 'PUT', data: body, retry: 8, retryDelay: 2_000 });`,
      errors: [{ messageId: 'constantDelay', line: 3, suggestions: [{ messageId: 'fixFixedPauseFewer', output: `import { HttpClient } from 'urllib';
const client = new HttpClient({ allowH2: true });
export const publish = (url: string, body: object) => client.request(url, { method: 'PUT', data: body, retry: 4, retryDelay: 1_000 });` }] }],
    },
    {
      // strict: no fixed wait at all, so urllib's own retries are turned off
      code: `import { request } from 'urllib';
export const get = (url: string) => request(url, { retry: 2 });`,
      options: [{ allowFixedDelayUpTo: 0 }],
      errors: [{ messageId: 'noDelay', line: 2, suggestions: [{ messageId: 'fixNoClientRetry', output: `import { request } from 'urllib';
export const get = (url: string) => request(url, { retry: 0 });` }] }],
    },
  ],
});

describe('the urllib fix', () => {
  it('compiles against urllib\'s own types', { timeout: 60_000 }, () => {
    const sources = [
      `import { HttpClient } from 'urllib';\nconst client = new HttpClient();\nexport const a = (url: string) => client.request(url, { dataType: 'json', retry: 3 });\n`,
      `import urllib from 'urllib';\nexport const b = (url: string) => urllib.curl(url, { retry: 6, retryDelay: 0, timeout: [1_000, 5_000] });\n`,
    ];
    const fixed = sources.map((source, index) => {
      const [finding] = lint(source, `urllib-${index}.ts`).findings.filter((found) => found.ruleId === 'resilint/retry-requires-backoff');
      const suggestion = finding?.suggestions[0];
      expect(suggestion?.text).toContain('1_000');
      return source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    });
    expect(fixed[1]).toContain('retry: 4, retryDelay: 1_000');
    expect(typeErrors(fixed)).toEqual([[], []]);
  });
});
