import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import rule from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
const optional = { messageId: 'optionalTimeout' as const };

/** A transport's private request method, called with the options `options` writes. */
const transportLayer = (options: string) => `import * as http from 'http';
const DEFAULTS = { timeout: 10_000 };
export class Transport {
  private defaultOptions: http.RequestOptions = { ...DEFAULTS };
  send(path: string, done: (error: Error | null) => void) {
    this._request(${options}, done);
  }
  private _request(requestMessage: { [key: string]: any }, done: (error: Error | null) => void) {
    const req = http.request(requestMessage, (res) => { res.resume(); done(null); });
    if (requestMessage.timeout) req.setTimeout(requestMessage.timeout, () => req.destroy(new Error('timed out')));
    req.on('error', done);
    req.end();
  }
}`;

// Issue 12, cause 4, in an SDK's own node:http layer: the module picked by a condition (`secure ? https : http`) is
// a client of that kind, and a socket timeout set only when the request's config has one bounds nothing by default.
ruleTester.run('require-timeout: a request layer that picks its module and times out only when asked', rule, {
  valid: [
    // a private method's options, which every caller builds from defaults this file cannot read (met on
    // influxdb-client-js's Node transport): they may carry the timeout the test reads
    transportLayer('{ ...this.defaultOptions, path }'),
    // the layer always sets a timeout of its own
    `import http from 'node:http';
     import https from 'node:https';
     export function fetchStatus(address: string) {
       const target = new URL(address);
       const transport = target.protocol === 'https:' ? https : http;
       const request = transport.request(target, { method: 'HEAD' });
       request.setTimeout(15_000, () => request.destroy());
       request.end();
     }`,
    // the timeout a caller may leave out has a default where it is read
    `import https from 'node:https';
     export function ping(address: string, limitMs = 20_000) {
       const request = https.request(address, { method: 'GET' });
       if (limitMs) request.setTimeout(limitMs, () => request.destroy());
       request.end();
     }`,
    `import https from 'node:https';
     export function ping(address: string, settings: { limitMs?: number }) {
       const limitMs = settings.limitMs ?? 20_000;
       const request = https.request(address, { method: 'GET' });
       if (limitMs > 0) request.setTimeout(limitMs, () => request.destroy());
       request.end();
     }`,
    // a field given a default by the class
    `import https from 'node:https';
     export class Pinger {
       private limitMs = 12_000;
       ping(address: string) {
         const request = https.request(address, { method: 'GET' });
         if (this.limitMs) request.setTimeout(this.limitMs, () => request.destroy());
         request.end();
       }
     }`,
    // one branch is a module the project cannot see (it may bound its requests): not known to be node:https
    `import https from 'node:https';
     import { tunnelled } from './tunnel';
     export function fetchStatus(address: string, viaProxy: boolean) {
       const transport = viaProxy ? tunnelled() : https;
       const request = transport.request(address, { method: 'GET' });
       request.end();
     }`,
  ],
  invalid: [
    {
      // the same layer called only with options written out without one
      code: transportLayer("{ path, method: 'GET' }"),
      errors: [{ ...optional, line: 9, suggestions: 2 }],
    },
    {
      // either module, no timeout at all
      code: `import http from 'node:http';
import https from 'node:https';
export function fetchStatus(address: string) {
  const target = new URL(address);
  const transport = target.protocol === 'https:' ? https : http;
  const request = transport.request(target, { method: 'HEAD' });
  request.end();
}`,
      errors: [{ ...missing, suggestions: 1 }],
    },
    {
      // import-equals form; the options built elsewhere (a field) are not taken for a bound, since the layer bounds
      // the request itself, and only when the config asks
      code: `import http = require('http');
import https = require('https');
interface Call { address: string; limitMs?: number }
export class Sender {
  private options: https.RequestOptions = {};
  send(call: Call) {
    const transport = this.options.protocol === 'https:' ? https : http;
    const request = transport.request(this.options, () => undefined);
    if (call.limitMs) request.setTimeout(call.limitMs, () => request.destroy());
    request.end();
  }
}`,
      errors: [{
        ...optional,
        suggestions: [{
          messageId: 'fixDefaultTimeout',
          output: `import http = require('http');
import https = require('https');
interface Call { address: string; limitMs?: number }
export class Sender {
  private options: https.RequestOptions = {};
  send(call: Call) {
    const transport = this.options.protocol === 'https:' ? https : http;
    const request = transport.request(this.options, () => undefined);
    request.setTimeout(call.limitMs ?? 30_000, () => request.destroy());
    request.end();
  }
}`,
        }] as never,
      }],
    },
    {
      // the value read into a local first: the default goes there, the condition stays
      code: `import https from 'node:https';
export function send(address: string, config: { limitMs?: number }) {
  const limitMs: number | undefined = config.limitMs;
  const request = https.request(address, { method: 'POST' });
  if (limitMs) {
    request.setTimeout(limitMs, () => request.destroy());
  }
  request.end();
}`,
      errors: [{
        ...optional,
        suggestions: [{
          messageId: 'fixDefaultTimeout',
          output: `import https from 'node:https';
export function send(address: string, config: { limitMs?: number }) {
  const limitMs: number | undefined = config.limitMs ?? 30_000;
  const request = https.request(address, { method: 'POST' });
  if (limitMs) {
    request.setTimeout(limitMs, () => request.destroy());
  }
  request.end();
}`,
        }, { messageId: 'fixNativeTimeout', output: `import https from 'node:https';
export function send(address: string, config: { limitMs?: number }) {
  const limitMs: number | undefined = config.limitMs;
  const request = https.request(address, { method: 'POST', signal: AbortSignal.timeout(5_000) });
  if (limitMs) {
    request.setTimeout(limitMs, () => request.destroy());
  }
  request.end();
}` }] as never,
      }],
    },
    {
      // an optional parameter: it is given the default
      code: `import https from 'node:https';
export function send(address: string, limitMs?: number) {
  const request = https.request(address, { method: 'GET' });
  limitMs && request.setTimeout(limitMs, () => request.destroy());
  request.end();
}`,
      errors: [{
        ...optional,
        suggestions: [{
          messageId: 'fixDefaultTimeout',
          output: `import https from 'node:https';
export function send(address: string, limitMs: number = 30_000) {
  const request = https.request(address, { method: 'GET' });
  limitMs && request.setTimeout(limitMs, () => request.destroy());
  request.end();
}`,
        }, { messageId: 'fixNativeTimeout', output: `import https from 'node:https';
export function send(address: string, limitMs?: number) {
  const request = https.request(address, { method: 'GET', signal: AbortSignal.timeout(5_000) });
  limitMs && request.setTimeout(limitMs, () => request.destroy());
  request.end();
}` }] as never,
      }],
    },
    {
      // a default of 0 is none: the SDK is unbounded unless its user opts in
      code: `import https from 'node:https';
export class Client {
  constructor(private readonly limitMs = 0) {}
  send(address: string) {
    const request = https.request(address, { method: 'GET' });
    if (this.limitMs > 0) request.setTimeout(this.limitMs, () => request.destroy());
    request.end();
  }
}`,
      errors: [{ ...optional, suggestions: 1 }],
    },
    {
      // the injected module stands in for the default one, as \`this.transport ?? https\` does
      code: `import https from 'node:https';
export class Client {
  constructor(private readonly transport?: typeof https) {}
  send(address: string) {
    const request = (this.transport ? this.transport : https).request(address, { method: 'GET' });
    request.end();
  }
}`,
      errors: [{ ...missing, suggestions: 1 }],
    },
  ],
});

// Issue 12, cause 4 (mailgun.js's axios provider): a transport class copies an optional `timeout` option into a field
// declared possibly undefined, and every request passes that field as axios's timeout: a client made without one
// waits forever. Reported once at the request, with a default where it is read.
const transport = (copy: string) => `import axios, { type AxiosRequestConfig } from 'axios';
interface TransportSettings { token: string; timeout?: number }
export class HttpTransport {
  private limit: number | undefined;
  private token: string;
  constructor({ token, timeout }: TransportSettings) {
    this.limit = ${copy};
    this.token = token;
  }
  async send(path: string, payload: { data?: unknown }) {
    const request: AxiosRequestConfig = { url: path, method: 'POST', timeout: this.limit, headers: { authorization: this.token }, ...payload };
    return axios.request(request);
  }
}
`;
const optionalFieldTransport = transport('timeout');

ruleTester.run('require-timeout: a request timeout copied from an optional option with no default', rule, {
  valid: [
    // the copy has a default: every client is bounded unless its creator turns it off
    transport('timeout ?? 20_000'),
    // a field that is always a number
    `import axios from 'axios';
     export class HttpTransport {
       private limit = 20_000;
       constructor(limit?: number) { if (limit) this.limit = limit; }
       send(path: string) { return axios.request({ url: path, timeout: this.limit }); }
     }`,
  ],
  invalid: [
    {
      code: optionalFieldTransport,
      errors: [{
        ...optional, line: 12,
        suggestions: 5,
      }],
    },
  ],
});

describe('a default for a timeout copied from an optional option', () => {
  it('defaults it where the request reads it, and compiles against axios\'s types', { timeout: 60_000 }, () => {
    const [finding] = lint(optionalFieldTransport, 'transport.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(optionalFieldTransport, finding!.suggestions[0]!);
    expect(fixed).toBe(optionalFieldTransport.replace('timeout: this.limit,', 'timeout: this.limit ?? 30_000,'));
    expect(typeErrors([fixed])).toEqual([[]]);
  });
});

// Twenty-eighth round, M9 (an SDK's axios layer): the request's options gain a timeout only when the user's options
// carry one (`if (typeof config.timeout !== 'undefined') options.timeout = config.timeout`), so an SDK made without
// one waits forever; a branch for another kind of request that sets its own does not bound this one.
const conditionalWrite = (guard: string, elseBranch = '') => `import axios from 'axios';
interface SenderConfig { baseUrl: string; timeout?: number }
export function makeSender(config: SenderConfig) {
  return (method: string, path: string, data: unknown, isMedia: boolean) => {
    const options: Record<string, unknown> = { url: config.baseUrl + path, method, data };
    if (${guard}) {
      options.timeout = config.timeout;
    }${elseBranch}
    if (isMedia) return axios(options);
    else return axios(options).then((response) => response.data);
  };
}
`;
const guardedWrite = conditionalWrite("typeof config.timeout !== 'undefined'", ' else if (isMedia) {\n      options.timeout = 120_000;\n    }');

ruleTester.run('require-timeout: a timeout written into the options only when the caller gives one', rule, {
  valid: [
    // the write runs whatever the caller gave
    conditionalWrite('method !== \'GET\''),
    // the options start with a default the caller's value replaces
    conditionalWrite('config.timeout').replace('{ url: config.baseUrl + path, method, data }', '{ url: config.baseUrl + path, method, data, timeout: 15_000 }'),
    // the caller's value has a default where the layer reads it
    conditionalWrite('config.timeout').replace('export function makeSender(config: SenderConfig) {', 'export function makeSender(config: SenderConfig = { baseUrl: \'\', timeout: 15_000 }) {').replace('interface SenderConfig { baseUrl: string; timeout?: number }', 'interface SenderConfig { baseUrl: string; timeout?: number }\n'),
    // the options may be given a bound by a helper
    conditionalWrite('config.timeout').replace('    if (isMedia) return axios(options);', '    Object.assign(options, config);\n    if (isMedia) return axios(options);'),
    `import axios from 'axios';
     declare function applyDefaults(options: Record<string, unknown>): void;
     export function send(config: { url: string; timeout?: number }) {
       const options: Record<string, unknown> = { url: config.url };
       if (config.timeout) options.timeout = config.timeout;
       applyDefaults(options);
       return axios(options);
     }`,
  ],
  invalid: [
    {
      // the media call gets the else-if's own timeout when the caller gave none; the other call never does
      code: guardedWrite,
      errors: [{ ...optional, line: 12, suggestions: 5 }],
    },
    {
      // both requests share the options, and the default that bounds them: reported once
      code: conditionalWrite('config.timeout !== undefined && config.timeout > 0'),
      errors: [{ ...optional, line: 9, suggestions: 5 }],
    },
  ],
});

describe('a default for a timeout written only when the caller gives one', () => {
  it('starts the options with a default the caller\'s value still replaces, and compiles against axios\'s types', { timeout: 60_000 }, () => {
    const code = conditionalWrite('config.timeout');
    const findings = lint(code, 'sender.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(findings.map((found) => found.message)).toEqual([expect.stringMatching(/given a timeout only when `config.timeout` is set/)]);
    const fixed = applyFix(code, findings[0]!.suggestions[0]!);
    expect(fixed).toBe(code.replace('{ url: config.baseUrl + path, method, data }', '{ url: config.baseUrl + path, method, data, timeout: 30_000 }'));
    expect(typeErrors([fixed])).toEqual([[]]);
    // and bounds both requests: the write now only replaces a bound
    expect(lint(fixed, 'sender.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  });
});
