import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
const fixClientTimeout = 'fixClientTimeout' as const;

// needle bounds only the connection by default (`open_timeout`, alias `timeout`, 10 s); the wait for the answer
// (`response_timeout`) and for its body (`read_timeout`) are 0, so `timeout` alone leaves a silent server waited on.
ruleTester.run('require-timeout (needle)', requireTimeout, {
  valid: [
    `import needle from 'needle'; export const status = (url: string) => needle('get', url, null, { response_timeout: 15_000 });`,
    `import * as needle from 'needle'; export const fetchReport = (url: string, done: needle.NeedleCallback) => needle.get(url, { read_timeout: 20_000, open_timeout: 5_000 }, done);`,
    `const needle = require('needle'); module.exports = (url, body, signal) => needle.post(url, body, { json: true, signal });`,
    // options built elsewhere may carry the bounds
    `import needle from 'needle'; export const send = (url: string, options: needle.NeedleOptions) => needle.request('put', url, {}, options);`,
  ],
  invalid: [
    {
      // `timeout` is only the connection's
      code: `import needle from 'needle';
export const upload = (url: string, body: object) => needle('post', url, body, { json: true, timeout: 60_000 });`,
      errors: [{ ...missing, line: 2, suggestions: [
        { messageId: fixClientTimeout, output: `import needle from 'needle';
export const upload = (url: string, body: object) => needle('post', url, body, { json: true, timeout: 60_000, response_timeout: 10_000, read_timeout: 30_000 });` },
      ] }],
    },
    {
      // the callback form with no options: they go before the callback
      code: `import * as needle from 'needle';
export function latest(url: string, done: (error: Error | null, version?: string) => void) {
  needle.get(url, (error, response) => done(error, response?.body?.version));
}`,
      errors: [{ ...missing, line: 3, suggestions: [{ messageId: fixClientTimeout, output: `import * as needle from 'needle';
export function latest(url: string, done: (error: Error | null, version?: string) => void) {
  needle.get(url, { response_timeout: 10_000, read_timeout: 30_000 }, (error, response) => done(error, response?.body?.version));
}` }] }],
    },
    {
      // the request layer: options built by a helper of the file and destructured from what it returns
      code: `import * as needle from 'needle';
function prepare(seconds: number) {
  const options: needle.NeedleOptions = { json: true, follow_max: 3, timeout: seconds * 1000 };
  if (process.env.INSECURE) options.rejectUnauthorized = false;
  return { target: 'https://api.example.test/v1', options };
}
export function call(): Promise<unknown> {
  const { target, options } = prepare(30);
  return new Promise((resolve, reject) => {
    needle.request('get', target, null, options, (error, _response, body) => (error ? reject(error) : resolve(body)));
  });
}`,
      errors: [{ ...missing, line: 10, suggestions: [{ messageId: fixClientTimeout, output: `import * as needle from 'needle';
function prepare(seconds: number) {
  const options: needle.NeedleOptions = { json: true, follow_max: 3, timeout: seconds * 1000 };
  if (process.env.INSECURE) options.rejectUnauthorized = false;
  return { target: 'https://api.example.test/v1', options };
}
export function call(): Promise<unknown> {
  const { target, options } = prepare(30);
  return new Promise((resolve, reject) => {
    needle.request('get', target, null, { ...options, response_timeout: 10_000, read_timeout: 30_000 }, (error, _response, body) => (error ? reject(error) : resolve(body)));
  });
}` }] }],
    },
  ],
});

describe('the needle fix', () => {
  it('compiles against @types/needle in its three shapes', { timeout: 60_000 }, () => {
    const sources = [
      `import needle from 'needle';\nexport const a = (url: string) => needle('get', url, null, { json: true });\n`,
      `import * as needle from 'needle';\nexport const b = (url: string, done: needle.NeedleCallback) => needle.get(url, done);\n`,
      `import * as needle from 'needle';\nconst opts: needle.NeedleOptions = { timeout: 5_000 };\nexport const c = (url: string, done: needle.NeedleCallback) => needle.post(url, { a: 1 }, opts, done);\n`,
    ];
    const fixed = sources.map((source, index) => {
      const [finding] = lint(source, `needle-${index}.ts`).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      const suggestion = finding?.suggestions[0];
      expect(suggestion?.text).toContain('response_timeout');
      return source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    });
    expect(typeErrors(fixed)).toEqual([[], [], []]);
  });
});
