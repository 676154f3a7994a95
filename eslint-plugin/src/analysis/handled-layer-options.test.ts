import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

const gotEleven = mkdtempSync(join(tmpdir(), 'resilint-got-11-'));
writeFileSync(join(gotEleven, 'package.json'), JSON.stringify({ private: true, dependencies: { got: '11.8.6' } }));

const reporter = `const got = require('got');
class MetricsReporter {
  constructor(config) { this.config = config; }
  async flush(lines) { await this.send(this.config.url, this.options(lines)); }
  async event(body) { await this.send(this.config.eventsUrl, { json: body, timeout: { request: 5_000 } }); }
  options(body) { return { body, headers: { 'api-token': this.config.token } }; }
  async send(url, options) {
    try {
      await got.post(url, options);
    } catch (error) {
      console.warn('metrics not sent', error);
    }
  }
}
module.exports = MetricsReporter;`;

// A wrapper that spreads its caller's options into fetch and answers `{ ok: false }` when it fails: handling the
// failure is not bounding the wait. Its callers make no external call of their own (the wrapper catches), so they
// are not judged; the wrapper's fetch is, by what the callers in view give it.
ruleTester.run('require-timeout: a wrapper that catches its own failures and spreads its caller options into fetch', rule, {
  valid: [
    // a caller gives a signal, and the only other one gives options that may hold one
    `const API = 'https://notes.example.com';
     export class Notes {
       async call(path: string, options: RequestInit = {}) {
         try {
           const response = await fetch(API + path, { ...options, headers: { accept: 'application/json' } });
           return { ok: true, body: await response.json() };
         } catch (error) {
           return { ok: false, error: String(error) };
         }
       }
       list() { return this.call('/notes', { signal: AbortSignal.timeout(8_000) }); }
       search(init: RequestInit) { return this.call('/notes/search', init); }
     }`,
    // the wrapper sets its own bound beside the spread
    `const API = 'https://notes.example.com';
     export class Notes {
       async call(path: string, options: RequestInit = {}) {
         try {
           const response = await fetch(API + path, { ...options, signal: AbortSignal.timeout(8_000) });
           return { ok: true, body: await response.json() };
         } catch {
           return { ok: false };
         }
       }
       list() { return this.call('/notes'); }
     }`,
    // the reporter's whole options handed to got: every caller builds them with a bound
    {
      filename: 'reporter.js',
      code: `const got = require('got');
class MetricsReporter {
  constructor(config) { this.config = config; }
  async flush(lines) { await this.send(this.config.url, this.options(lines)); }
  options(body) { return { body, headers: { 'api-token': this.config.token }, timeout: { request: 10_000 } }; }
  async send(url, options) {
    try {
      await got.post(url, options);
    } catch (error) {
      console.warn('metrics not sent', error);
    }
  }
}
module.exports = MetricsReporter;`,
    },
  ],
  invalid: [
    {
      // no caller in view gives a bound: reported once, at the wrapper's fetch
      code: `const API = 'https://notes.example.com';
export class Notes {
  async call(path: string, options: RequestInit = {}) {
    try {
      const response = await fetch(API + path, { ...options, headers: { accept: 'application/json' } });
      return { ok: true, body: await response.json() };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }
  list() { return this.call('/notes'); }
  remove(id: string) { return this.call('/notes/' + id, { method: 'DELETE' }); }
}`,
      errors: [{ messageId: 'missingTimeout', line: 5, suggestions: 4 }],
    },
    {
      // a metrics reporter (a published plugin's class, so its method is open to other callers) handing its caller's
      // whole options to got and catching what it throws: the options a method of its own builds set no bound, so
      // its post is reported, and the fix's bound is a default a caller's own still overrides
      filename: 'reporter.js',
      code: reporter,
      errors: [{ messageId: 'missingTimeout', line: 9, suggestions: 3 }],
    },
    {
      // the same with got 11, which takes no signal: its own timeout, a default under the caller's options
      filename: join(gotEleven, 'reporter.js'),
      code: reporter,
      errors: [{
        messageId: 'missingTimeout',
        line: 9,
        suggestions: [{ messageId: 'fixNativeTimeout', output: reporter.replace('got.post(url, options)', 'got.post(url, { timeout: { request: 5_000 }, ...options })') }],
      }],
    },
  ],
});
