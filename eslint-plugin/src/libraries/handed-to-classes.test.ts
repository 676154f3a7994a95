import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An SDK that makes one axios instance and hands it to each of its resource classes: they call it through a
// parameter typed AxiosInstance, where nothing says how it was made, so its one timeout belongs where it is made.
const ruleTester = new RuleTester();

const sdk = (options: string) => `import axios from 'axios';
import { Subscribers } from './subscribers';
import { Topics } from './topics';
export class Notifier {
  readonly subscribers: Subscribers;
  readonly topics: Topics;
  private readonly http;
  constructor(apiKey: string) {
    const instance = axios.create(${options});
    this.http = instance;
    this.subscribers = new Subscribers(this.http);
    this.topics = new Topics(this.http);
  }
}`;

ruleTester.run('require-timeout: an instance handed to the classes of the project', requireTimeout, {
  valid: [
    sdk("{ baseURL: 'https://api.notify.example', timeout: 10_000 }"),
    // its timeout set on its defaults afterwards
    `${sdk("{ baseURL: 'https://api.notify.example' }")}\nexport const configure = (notifier: { http: { defaults: { timeout: number } } }) => { notifier.http.defaults.timeout = 5_000; };`,
    // handed to a package's class (a test double), not to the project's
    `import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
const instance = axios.create({ baseURL: 'https://api.notify.example' });
export const mock = new MockAdapter(instance);`,
    // exported by name and handed to no class: its importers see how it was made and are judged call by call
    `import axios from 'axios';
export const api = axios.create({ baseURL: 'https://api.notify.example' });`,
    // a got instance given a request timeout
    `import got from 'got';
import { Invoices } from './invoices';
export const invoices = new Invoices(got.extend({ prefixUrl: 'https://billing.example', timeout: { request: 10_000 } }));`,
  ],
  invalid: [
    {
      // exported by name too: its importers see how it was made, the class handed it here still does not
      code: `import axios from 'axios';
import { Topics } from './topics';
export const api = axios.create({ baseURL: 'https://api.notify.example' });
export const topics = new Topics(api);`,
      errors: [{ messageId: 'missingClientTimeout', line: 3, suggestions: 1 }],
    },
    {
      code: sdk("{ baseURL: 'https://api.notify.example', headers: { Authorization: `ApiKey ${apiKey}` } }"),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 9,
        data: { client: '`axios.create(...)`', remedy: 'set `timeout` where it is created: it is handed to `Subscribers`, `Topics`, whose calls cannot see how it was made' },
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          data: { options: 'timeout: 10_000' },
          output: sdk("{ baseURL: 'https://api.notify.example', headers: { Authorization: `ApiKey ${apiKey}` }, timeout: 10_000 }"),
        }],
      }],
    },
    {
      // no options at all, handed on directly
      code: `import axios from 'axios';
import { Reports } from './reports';
export const reports = () => new Reports(axios.create());`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 3,
        suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'timeout: 10_000' }, output: `import axios from 'axios';
import { Reports } from './reports';
export const reports = () => new Reports(axios.create({ timeout: 10_000 }));` }],
      }],
    },
    {
      // a got instance handed to a resource class the same way: its calls there cannot see how it was made
      code: `import got from 'got';
import { Invoices } from './invoices';
export class Billing {
  readonly invoices: Invoices;
  constructor(token: string) {
    this.invoices = new Invoices(got.extend({ prefixUrl: 'https://billing.example', headers: { authorization: token } }));
  }
}`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 6,
        data: { client: '`got.extend(...)`', remedy: 'set `timeout` where it is created: it is handed to `Invoices`, whose calls cannot see how it was made' },
        suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'timeout: { request: 10_000 }' }, output: `import got from 'got';
import { Invoices } from './invoices';
export class Billing {
  readonly invoices: Invoices;
  constructor(token: string) {
    this.invoices = new Invoices(got.extend({ prefixUrl: 'https://billing.example', headers: { authorization: token }, timeout: { request: 10_000 } }));
  }
}` }],
      }],
    },
  ],
});

// A config handed back by a proxy helper (it adds agents and `proxy: false`, never a timeout): the client has the
// options the helper was given, and the fix writes the timeout into them. From a CLI's API client made in a factory
// function whose result is handed to every resource class.
const proxied = (helper: string, given: string) => `import axios from 'axios';
import { Accounts } from './accounts';
function viaProxy(url: string, config: { baseURL: string; timeout?: number; proxy?: false }) {
  ${helper}
}
function makeApi() {
  return axios.create(viaProxy('https://api.example', ${given}));
}
const api = makeApi();
export const accounts = new Accounts(api);`;

ruleTester.run('require-timeout: an instance made from a config a proxy helper hands back', requireTimeout, {
  valid: [
    // the config given sets a timeout
    proxied('return { ...config, proxy: false as const };', "{ baseURL: 'https://api.example', timeout: 8_000 }"),
    // the helper sets one itself: not a pass-through, so its result is not read
    proxied('config.timeout = 8_000;\n  return config;', "{ baseURL: 'https://api.example' }"),
    // the helper builds a config of its own: what it holds is not read
    proxied('return loadConfig(url);', "{ baseURL: 'https://api.example' }").replace('function makeApi', 'declare function loadConfig(url: string): object;\nfunction makeApi'),
  ],
  invalid: [
    {
      code: proxied('return { ...config, proxy: false as const };', "{ baseURL: 'https://api.example' }"),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 7,
        suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'timeout: 10_000' }, output: proxied('return { ...config, proxy: false as const };', "{ baseURL: 'https://api.example', timeout: 10_000 }") }],
      }],
    },
    {
      // the helper fills in the config it is given and hands it back
      code: proxied('config.proxy = false;\n  return config;', "{ baseURL: 'https://api.example' }"),
      errors: [{ messageId: 'missingClientTimeout', line: 8, suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'timeout: 10_000' }, output: proxied('config.proxy = false;\n  return config;', "{ baseURL: 'https://api.example', timeout: 10_000 }") }] }],
    },
  ],
});

// The same config, used by a class that makes its client on each read of a getter and calls it twice: reported once,
// at the options literal the helper is given (where the timeout goes), naming the creation.
ruleTester.run('require-timeout: calls of a client made on each read from a helper-built config', requireTimeout, {
  valid: [],
  invalid: [
    {
      code: `import axios from 'axios';
const viaProxy = <T extends { baseURL: string }>(config: T): T => ({ ...config, proxy: false });
export class Session {
  private get http() {
    const config = viaProxy({ baseURL: 'https://api.example' });
    return axios.create(config);
  }
  me() { return this.http.get('/me'); }
  logout() { return this.http.post('/logout'); }
}`,
      errors: [{ messageId: 'missingClientTimeout', line: 5, data: { client: '`axios.create(...)`', remedy: 'set `timeout: 5_000` where it is created (2 of its calls in this file have no bound: lines 8, 9)' }, suggestions: 1 }],
    },
  ],
});
