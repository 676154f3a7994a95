import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// The file name must be absolute for the project model to summarise the file's own classes.
const filename = join(process.cwd(), 'src/timestamps.ts');

const timestampSource = `class TimestampSource {
  private readonly url: string;
  private readonly signal?: AbortSignal;
  constructor(options: { url: string; signal?: AbortSignal }) {
    this.url = options.url;
    this.signal = options.signal;
  }
  async stamp(hash: string) {
    const response = await fetch(this.url, { method: 'POST', body: hash, signal: this.signal });
    return response.text();
  }
}
`;

// A class whose requests take the signal it is created with: whoever creates it chooses the bound.
ruleTester.run('require-timeout: classes bounded by the options they are created with', rule, {
  valid: [
    { filename, code: `${timestampSource}export const source = new TimestampSource({ url: 'https://tsa.example', signal: AbortSignal.timeout(10_000) });` },
    // options not readable here count as bounded
    { filename, code: `${timestampSource}export const make = (options: { url: string; signal?: AbortSignal }) => new TimestampSource(options);` },
    // the constructor gives a signal of its own when none is passed
    {
      filename,
      code: `class TimestampSource {
  private readonly signal: AbortSignal;
  constructor(private readonly options: { url: string; signal?: AbortSignal }) {
    this.signal = options.signal ?? AbortSignal.timeout(10_000);
  }
  stamp(hash: string) { return fetch(this.options.url, { method: 'POST', body: hash, signal: this.signal }); }
}
export const source = new TimestampSource({ url: 'https://tsa.example' });`,
    },
    // the field is set again outside the constructor: what it holds is not known here
    {
      filename,
      code: `class TimestampSource {
  private signal?: AbortSignal;
  constructor(options: { signal?: AbortSignal }) { this.signal = options.signal; }
  withDeadline(ms: number) { this.signal = AbortSignal.timeout(ms); return this; }
  stamp(hash: string) { return fetch('https://tsa.example', { method: 'POST', body: hash, signal: this.signal }); }
}
export const source = new TimestampSource({});`,
    },
  ],
  invalid: [
    {
      filename,
      code: `${timestampSource}export const source = new TimestampSource({ url: 'https://tsa.example' });`,
      errors: [{ ...atCreation, suggestions: 1 }],
    },
    {
      // destructured in the constructor, created with no options object at all
      filename,
      code: `export class Notifier {
  private readonly signal?: AbortSignal;
  constructor(options: { signal?: AbortSignal } = {}) {
    const { signal } = options;
    this.signal = signal;
  }
  notify(text: string) { return fetch('https://hooks.example/notify', { method: 'POST', body: text, signal: this.signal }); }
}
export const notifier = new Notifier();`,
      errors: [{ ...atCreation, suggestions: 1 }],
    },
  ],
});

function afterSuggestion(code: string): string | undefined {
  const linter = new Linter({ configType: 'flat' });
  const [message] = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: { rules: { 'require-timeout': rule as never } } }, rules: { 'resilint/require-timeout': 'error' } }], filename);
  const fix = message?.suggestions?.[0]?.fix;
  return fix && code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('the fix at the creation', () => {
  it('passes the signal the class reads', () => {
    expect(afterSuggestion(`${timestampSource}export const source = new TimestampSource({ url: 'https://tsa.example' });`))
      .toBe(`${timestampSource}export const source = new TimestampSource({ url: 'https://tsa.example', signal: AbortSignal.timeout(5_000) });`);
  });
});

// A client class spreading its whole axios config into each request (a CLI's own `HttpClient`): the config takes a
// timeout in milliseconds and a signal. A signal made once, where the client is made, would abort every request after
// it fires, so the fix sets the timeout, which bounds each request alike however long the client is kept.
const httpClient = `import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
export class HttpClient {
  private readonly instance: AxiosInstance = axios.create();
  constructor(private readonly request: AxiosRequestConfig = {}) {}
  get(url: string) { return this.instance({ url, method: 'GET', ...this.request }); }
}
`;

ruleTester.run('require-timeout: a client class made with a whole axios config', rule, {
  valid: [
    { filename, code: `${httpClient}export const client = new HttpClient({ headers: { accept: 'application/json' }, timeout: 10_000 });` },
  ],
  invalid: [
    {
      filename,
      code: `${httpClient}export const client = new HttpClient({ headers: { accept: 'application/json' } });`,
      errors: [{
        ...atCreation,
        line: 7,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `${httpClient}export const client = new HttpClient({ headers: { accept: 'application/json' }, timeout: 5_000 });` }],
      }],
    },
  ],
});
