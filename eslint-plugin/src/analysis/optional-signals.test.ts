import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../rules/require-timeout.js';
import { typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
/** The message names the signal that may be missing (a long-poll proxy forwarding its caller's optional signal). */
const optional = { messageId: 'optionalSignal' as const };

// Issue 12, cause 4: a signal that may be undefined is no bound; cause 7: `axios(config)` is judged by its config.
ruleTester.run('require-timeout: signals that may be undefined, configs held in variables', rule, {
  valid: [
    // a positive default keeps the conditional signal a bound: only an explicit 0 turns it off
    `export async function get(url: string, timeout = 30_000) {
      return fetch(url, { signal: timeout > 0 ? AbortSignal.timeout(timeout) : undefined });
    }`,
    // what this file cannot see counts as bounded
    `export async function get(url: string, options: RequestOptions) { return fetch(url, { signal: options.signal }); }`,
    `export async function get(url: string, signal: AbortSignal) { return fetch(url, { signal }); }`,
    `export function get(url, signal) { return fetch(url, { signal }); }`,
    // cause 7: the config in scope sets a timeout or a cancel token
    `import axios from 'axios';
     export function send(url: string, data: unknown) {
       const config = { url, method: 'post', data, timeout: 5000 };
       return axios(config);
     }`,
    `import axios from 'axios';
     export function send(url: string, source: { token: unknown }) {
       const config: Record<string, unknown> = { url, method: 'post' };
       config.timeout = 5000;
       config.cancelToken = source.token;
       return axios(config);
     }`,
    `import axios, { type AxiosRequestConfig } from 'axios'; export const send = (config: AxiosRequestConfig) => axios(config);`,
    `import axios from 'axios'; const api = axios.create({ timeout: 1000 }); export const send = (config: object) => api.request(config);`,
  ],
  invalid: [
    {
      // an SDK whose every call is unbounded unless the caller opts in: the timeout defaults to 0
      code: `export class Client {
  constructor(private readonly timeout = 0) {}
  get(url: string) {
    const signal = this.timeout > 0 ? AbortSignal.timeout(this.timeout) : undefined;
    return fetch(url, { signal });
  }
}`,
      errors: [{ ...optional, suggestions: 4 }],
    },
    {
      code: `export async function get(url: string, options: { timeout?: number } = {}) {
  return fetch(url, { signal: options.timeout ? AbortSignal.timeout(options.timeout) : undefined });
}`,
      errors: [{ ...optional, suggestions: 4 }],
    },
    {
      code: `export async function get(url: string, opts: { signal?: AbortSignal } = {}) { return fetch(url, { signal: opts.signal }); }`,
      errors: [{ ...optional, suggestions: 5 }],
    },
    {
      code: `interface Options { signal?: AbortSignal }
export async function get(url: string, { signal }: { signal?: AbortSignal } = {}) { return fetch(url, { signal }); }`,
      errors: [{ ...optional, suggestions: 5 }],
    },
    {
      code: `export async function get(url: string, signal?: AbortSignal) { return fetch(url, { signal }); }`,
      // the signal is handed in: its default goes where the request reads it, and a signal the caller passes still wins
      errors: [{
        ...optional,
        data: { call: 'fetch', signal: 'signal', remedy: 'give it a default: \`signal ?? AbortSignal.timeout(30_000)\` (a signal the caller passes still wins)' },
        suggestions: 5,
      }],
    },
    {
      // cause 7, the other way: a config in scope without a timeout is unbounded
      code: `import axios from 'axios';
export function send(url: string, data: unknown) {
  const config = { url, method: 'post', data };
  return axios(config);
}`,
      errors: [{ ...missing, suggestions: 4 }],
    },
    {
      code: `import axios from 'axios'; const endpoint = 'https://api.example.com/v1'; export const load = () => axios(endpoint);`,
      errors: [{ ...missing, suggestions: 4 }],
    },
  ],
});

// Issue 12, cause 4 (pusher-http-node's request layer): a signal variable declared empty and given a timed controller's
// signal only inside `if (settings.timeout)`, where that timeout may be absent with no default, leaves every call
// without a timeout unbounded. Reported at the request, once; its caller is not.
ruleTester.run('require-timeout: a signal set only when an optional timeout is given', rule, {
  valid: [
    // the tested value has a default: the branch always runs unless a caller turns it off
    `export function call(settings: { timeout?: number; host: string }, path: string) {
      const limit = settings.timeout ?? 10_000;
      let abortSignal: AbortSignal | undefined;
      if (limit) {
        const aborter = new AbortController();
        setTimeout(() => aborter.abort(), limit);
        abortSignal = aborter.signal;
      }
      return fetch(settings.host + path, { method: 'POST', signal: abortSignal });
    }`,
    // both branches set a signal: never missing
    `export function call(settings: { timeout?: number; host: string }, path: string) {
      let abortSignal: AbortSignal;
      if (settings.timeout) abortSignal = AbortSignal.timeout(settings.timeout);
      else abortSignal = AbortSignal.timeout(10_000);
      return fetch(settings.host + path, { signal: abortSignal });
    }`,
  ],
  invalid: [
    {
      code: `export function call(settings: { timeout?: number; host: string }, path: string) {
  let abortSignal: AbortSignal | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (settings.timeout) {
    const aborter = new AbortController();
    timer = setTimeout(() => aborter.abort(), settings.timeout);
    abortSignal = aborter.signal;
  }
  return fetch(settings.host + path, { method: 'POST', signal: abortSignal }).finally(() => clearTimeout(timer));
}
export function publish(settings: { timeout?: number; host: string }) { return call(settings, '/events'); }`,
      errors: [{ ...optional, line: 9, suggestions: 3 }],
    },
  ],
});

/** The code after the suggestion `messageId` of the file's single finding. */
function afterSuggestion(code: string, messageId: string): string | undefined {
  const linter = new Linter({ configType: 'flat' });
  const [message] = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: { rules: { 'require-timeout': rule as never } } }, rules: { 'resilint/require-timeout': 'error' } }], 'file.ts');
  const fix = message?.suggestions?.find((suggestion) => suggestion.messageId === messageId)?.fix;
  return fix && code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('the client\'s own timeout keeps a signal that may be undefined', () => {
  it('combines it when given, and times out alone when not', () => {
    expect(afterSuggestion(`export async function get(url: string, signal?: AbortSignal) { return fetch(url, { signal }); }`, 'fixNativeTimeout'))
      .toBe(`export async function get(url: string, signal?: AbortSignal) { return fetch(url, { signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) }); }`);
    expect(afterSuggestion(`export async function get(url: string, timeout = 0) { return fetch(url, { signal: timeout > 0 ? AbortSignal.timeout(timeout) : undefined }); }`, 'fixNativeTimeout'))
      .toBe(`export async function get(url: string, timeout = 0) { return fetch(url, { signal: (timeout > 0 ? AbortSignal.timeout(timeout) : undefined) ?? AbortSignal.timeout(5_000) }); }`);
  });

  it('spreads a config held in a variable (axios(config))', () => {
    expect(afterSuggestion(`import axios from 'axios'; export function send(url: string) { const config = { url, method: 'post' }; return axios(config); }`, 'fixNativeTimeout'))
      .toBe(`import axios from 'axios'; export function send(url: string) { const config = { url, method: 'post' }; return axios({ ...config, timeout: 5_000 }); }`);
    expect(afterSuggestion(`import axios from 'axios'; const endpoint = 'https://api.example.com/v1'; export const load = () => axios(endpoint);`, 'fixNativeTimeout'))
      .toBe(`import axios from 'axios'; const endpoint = 'https://api.example.com/v1'; export const load = () => axios(endpoint, { timeout: 5_000 });`);
  });
});

// Real-code regression (notification providers): a config in scope that gains other options, or passes through a
// proxy helper, is still unbounded.
ruleTester.run('require-timeout: configs written after they are made', rule, {
  valid: [
    `import axios from 'axios';
     export async function send(url: string) {
       const options: Record<string, unknown> = { method: 'post', url };
       options.timeout = 10_000;
       return axios.request(options);
     }`,
    `import axios from 'axios';
     export async function send(url: string, helper: { withTimeout(c: object): object }) {
       let config: object = { url };
       config = helper.withTimeout(config);
       return axios(config);
     }`,
  ],
  invalid: [
    {
      code: `import axios from 'axios';
export async function notify(url: string, base: string | undefined) {
  const options: Record<string, unknown> = { method: 'post', url, headers: { 'Content-Type': 'application/json' } };
  if (base) {
    options.client = 'Status page';
    options.client_url = base;
  }
  return axios.request(options);
}`,
      errors: [{ ...missing, suggestions: 4 }],
    },
    {
      code: `import axios from 'axios';
export class Provider {
  withProxy(config: Record<string, unknown>) { return config; }
  async send(url: string) {
    let config: Record<string, unknown> = { headers: { 'Content-Type': 'application/json' } };
    config = this.withProxy(config);
    return axios.post(url, {}, config);
  }
}`,
      errors: [{ ...missing, suggestions: 3 }],
    },
  ],
});

describe('a signal set only when an optional timeout is given', () => {
  const layer = `export function call(settings: { timeout?: number; host: string }, path: string) {
  let abortSignal: AbortSignal | undefined;
  if (settings.timeout) {
    const aborter = new AbortController();
    setTimeout(() => aborter.abort(), settings.timeout);
    abortSignal = aborter.signal;
  }
  return fetch(settings.host + path, { method: 'POST', signal: abortSignal });
}
`;
  it('gains a timeout of its own where none is given, and the fix compiles', { timeout: 60_000 }, () => {
    const fixed = afterSuggestion(layer, 'fixNativeTimeout');
    expect(fixed).toBe(layer.replace('signal: abortSignal }', 'signal: abortSignal ? AbortSignal.any([abortSignal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) }'));
    expect(typeErrors([fixed!])).toEqual([[]]);
  });
});

// A command's request layer taking `timeout` among options typed by a name of this file, destructured where it is
// received or a line later (met on a CLI's upload client, the thirty-seventh round): the signal exists only when a
// caller passes `timeout`, and nothing defaults it.
const layer = (receive: string, take = '') => `type Options = RequestInit & { timeout?: number };
async function send(url: string, ${receive}) {
  ${take}return fetch(url, { ...init, signal: timeout ? AbortSignal.timeout(timeout) : undefined });
}
export const upload = (base: string, body: string) => send(\`\${base}/uploads\`, { method: 'POST', body });
`;

ruleTester.run('require-timeout: an optional timeout destructured from options of a named type', rule, {
  valid: [
    // the type says the timeout is always there
    layer('{ timeout, ...init }: RequestInit & { timeout: number }'),
  ],
  invalid: [
    { code: layer('{ timeout, ...init }: Options = {}'), errors: [{ ...optional, line: 3, suggestions: 4 }] },
    { code: layer('options: Options', 'const { timeout, ...init } = options;\n  '), errors: [{ ...optional, line: 4, suggestions: 4 }] },
  ],
});

// The CLI's upload layer (the thirty-seventh round): the caller's options are spread after the layer's conditional
// signal, so a caller's own signal would win; with neither a timeout nor a signal the request is unbounded, and the
// caller that passes neither is where the fix goes.
const spreadAfterSignal = (uploadOptions: string) => `
type Options = RequestInit & { timeout?: number };
async function send(url: string, { timeout, ...init }: Options = {}) {
  return fetch(url, { signal: timeout ? AbortSignal.timeout(timeout) : undefined, ...init } as RequestInit);
}
export const status = (base: string, id: string) => send(\`\${base}/uploads/\${id}\`, { timeout: 6_000 });
export const upload = (base: string, body: string) => send(\`\${base}/uploads\`, { method: 'POST', body${uploadOptions} });
`;

ruleTester.run("require-timeout: a layer spreading its caller's options after its conditional signal", rule, {
  valid: [
    spreadAfterSignal(', timeout: 30_000'),
    spreadAfterSignal(', signal: AbortSignal.timeout(30_000)'),
  ],
  invalid: [
    { code: spreadAfterSignal(''), errors: [{ ...missing, line: 7, suggestions: 3 }] },
  ],
});

// A generated client's runtime (the thirty-seventh round): the attempt's signal is a timeout only when the client is
// configured with one, else the caller's `init.signal`, which RequestInit leaves optional; it sends through the fetch
// the client is given, or the global one.
const generatedRuntime = (timeout: string) => `
export type ClientConfig = { baseUrl: string; timeout?: number; fetch?: typeof fetch };
export async function send(config: ClientConfig, path: string, init: RequestInit = {}): Promise<Response> {
  const doFetch = config.fetch ?? fetch;
  const timeout = ${timeout};
  const signal = timeout ? AbortSignal.timeout(timeout) : init.signal ?? undefined;
  return doFetch(config.baseUrl + path, { ...init, signal });
}
`;

ruleTester.run("require-timeout: a runtime whose signal is the configured timeout's or else the caller's optional one", rule, {
  valid: [
    generatedRuntime('config.timeout ?? 30_000'),
  ],
  invalid: [
    { code: generatedRuntime('config.timeout'), errors: [{ ...optional, line: 7, suggestions: 4 }] },
  ],
});
